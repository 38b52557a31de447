"""What casting's offers hear: the board moved (propose new costs for a person to confirm), and an
actor's unavailable dates changed (a booked actor's cast member follows).

Proposing reads every booked actor's Day Out of Days, a good part of a strip move's time: the
worker does it once the move committed (`casting.reprices_propose`, naming the person who moved the
strip in the audit trail), so the move answers without waiting for it. Where tasks run in-process
it runs there, as before; with the broker out of reach the request does it, so none is lost."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from apps.casting.models import Unavailability
from apps.casting.offers.models import Offer, OfferState
from apps.core.outbox import dispatch
from apps.productions.signals import board_changed


def on_board_changed(sender, *, production, user=None, **kwargs) -> None:
    from apps.casting.offers.money import reprices_propose
    from apps.casting.offers.tasks import reprices_propose_task

    if not dispatch(reprices_propose_task, production.pk, getattr(user, "pk", None)):
        reprices_propose(production, user=user)


def on_unavailability(sender, *, instance: Unavailability, **kwargs) -> None:
    from apps.casting.offers.services import sync_cast_member

    booked = Offer.objects.select_related("role__cast_member", "actor").filter(
        actor_id=instance.actor_id, state__in=(OfferState.ACCEPTED, OfferState.COUNTERSIGNED)
    )
    for offer in booked:
        sync_cast_member(offer)


def connect() -> None:
    board_changed.connect(on_board_changed, dispatch_uid="casting_offers_board_changed")
    post_save.connect(on_unavailability, sender=Unavailability, dispatch_uid="casting_offers_away")
    post_delete.connect(
        on_unavailability, sender=Unavailability, dispatch_uid="casting_offers_away_gone"
    )
