"""The offer's and the amendment's e-mails (their outbox builders), the holds' nightly lapse, and
the re-prices a board move proposes (queued by signals.on_board_changed)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import DatabaseError
from django.template.loader import render_to_string
from django.urls import reverse

from apps.casting.offers.models import AmendmentState, Offer, OfferAmendment, OfferState


def offer_message(offer: Offer) -> EmailMultiAlternatives | None:
    """The offer with a fresh link (Offer.outbox_builder); None once it is no longer out."""
    from apps.casting.offers.services import offer_issue_token, recipient

    if offer.state != OfferState.SENT:
        return None
    token = offer_issue_token(offer)
    link = settings.SITE_URL + reverse("casting_offer_accept", kwargs={"token": token})
    context = {"offer": offer, "link": link, "production": offer.production}
    subject = f"An offer for {offer.production.title}: {offer.role.name}"
    body = render_to_string("casting/offers/email/offer.txt", context)
    return EmailMultiAlternatives(subject, body, to=[recipient(offer)])


def amendment_message(amendment: OfferAmendment) -> EmailMultiAlternatives | None:
    from apps.casting.offers.amendments import amendment_issue_token
    from apps.casting.offers.services import recipient

    if amendment.state != AmendmentState.SENT:
        return None
    offer = amendment.offer
    token = amendment_issue_token(amendment)
    link = settings.SITE_URL + reverse("casting_offer_amendment_accept", kwargs={"token": token})
    context = {"offer": offer, "amendment": amendment, "link": link, "production": offer.production}
    subject = f"Amendment {amendment.number} to your offer for {offer.production.title}"
    body = render_to_string("casting/offers/email/amendment.txt", context)
    return EmailMultiAlternatives(subject, body, to=[recipient(offer)])


@shared_task(name="casting.holds_lapse")
def holds_lapse_all() -> int:
    """Lapse expired holds in every production (idempotent: a lapsed hold is left alone)."""
    from apps.casting.offers.holds import holds_lapse
    from apps.productions.models import Production

    return sum(holds_lapse(p, today=p.today()) for p in Production.objects.all())


@shared_task(
    name="casting.reprices_propose",
    autoretry_for=(DatabaseError,),  # the database restarting is "later", not "never"
    retry_backoff=True,
    max_retries=8,
)
def reprices_propose_task(production_id: int, user_id: int | None) -> int:
    """The board of `production_id` moved: propose its booked actors' new costs, as the person
    `user_id` (who moved it; None: no one signed in) in the audit trail. Returns how many."""
    from django.contrib.auth import get_user_model

    from apps.casting.offers.money import reprices_propose
    from apps.productions.models import Production

    production = Production.objects.filter(pk=production_id).first()
    if production is None:
        return 0
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    return len(reprices_propose(production, user=user))
