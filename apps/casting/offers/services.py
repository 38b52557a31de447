"""Offers: drafting, sending, the actor's link (accept or decline, crew's signing engine),
countersigning, voiding; and booking, which makes the actor the role's cast member everywhere.

Accepting through the link books the actor: the role is booked, the schedule's cast member takes
the actor's name and e-mail (the stripboard, the Day Out of Days and the call sheets read it) and
the actor's unavailable dates (schedule conflicts), and the cost from the Day Out of Days is
committed to the budget (money.py). The office's countersignature completes the paperwork.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from apps.casting.errors import CastingError
from apps.casting.models import Actor, Role, RoleStatus, Unavailability
from apps.casting.offers import money
from apps.casting.offers.models import (
    OFFER_TERMS,
    AmendmentState,
    Offer,
    OfferState,
)
from apps.core import outbox
from apps.core.locking import save_if_unchanged
from apps.core.money import format_money
from apps.crew.services.signing import (
    LinkWords,
    find_by_token,
    issue_token,
    take_acceptance,
    take_countersign,
)
from apps.crew.services.wording import audit, same, stored
from apps.schedules.services.cast import cast_set_actor

OFFER_OPEN = "{actor} already has an offer for {role} in progress."
ROLE_BOOKED = "{role} is already booked ({actor}): void that offer first."
OFFER_SIGNED = (
    "This offer is signed: its terms change only by an amendment the actor accepts. "
    "Draft an amendment instead."
)
OFFER_NOT_EDITABLE = "Only a draft or sent offer can be changed or sent."
OFFER_NO_EMAIL = "{actor} has no e-mail address (nor an agent's) to send the offer to."
OFFER_NOT_ACCEPTED = "Only an accepted offer can be countersigned."
OFFER_ALREADY_VOID = "This offer is already void or declined."
OFFER_NOT_SIGNED = "Only a signed offer commits money to the budget."
OFFER_COMMITTED = (
    "This offer's cost is already committed. When the board changes it, the new cost waits as a "
    "re-price for the AP to confirm on the offers page."
)
LINK_INVALID = "This offer link is not valid. Ask the production office for a new one."
LINK_USED = "This offer has already been answered."
LINK_EXPIRED = "This offer link has expired. Ask the production office to send it again."
NAME_MISMATCH = "Type your name exactly as it appears on the offer ({name}) to accept."
OFFER_LINK = LinkWords(LINK_INVALID, LINK_USED, LINK_EXPIRED, CastingError)
OPEN = (OfferState.DRAFT, OfferState.SENT)


def recipient(offer: Offer) -> str:
    """Where the offer goes: the actor's address, else their agent's."""
    actor = offer.actor
    return actor.email or (actor.agent.email if actor.agent_id else "")


@transaction.atomic
def offer_create(*, role: Role, actor: Actor, created_by=None, **terms) -> Offer:
    if role.booked_actor_id:
        raise CastingError(ROLE_BOOKED.format(role=role, actor=role.booked_actor))
    if Offer.objects.filter(role=role, actor=actor, state__in=OPEN).exists():
        raise CastingError(OFFER_OPEN.format(actor=actor, role=role))
    offer = Offer(
        production=role.production, role=role, actor=actor, created_by=created_by, **terms
    )
    if not offer.account_number:
        offer.account_number = money.cast_account(role.production)
    offer.full_clean()
    offer._change_reason = audit(f"drafted offer to {actor.name} for {role.name}")
    offer.save()
    if role.status in (RoleStatus.OPEN, RoleStatus.AUDITIONING):
        role.status = RoleStatus.OFFERED
        role._change_reason = audit(f"offered to {actor.name}")
        role.save(update_fields=["status"])
    return offer


@transaction.atomic
def offer_update(*, offer: Offer, expected_version: int, **terms) -> Offer:
    """Change a draft or sent offer's terms (a sent one goes back to draft: its link stops)."""
    saved = Offer.objects.get(pk=offer.pk)
    if saved.is_signed:
        raise CastingError(OFFER_SIGNED)
    if saved.state not in OPEN:
        raise CastingError(OFFER_NOT_EDITABLE)
    before = {term: stored(saved, term) for term in OFFER_TERMS}
    for field, value in terms.items():
        setattr(offer, field, value)
    changed = [term for term, old in before.items() if not same(offer, term, old)]
    if offer.state == OfferState.SENT:
        offer.state, offer.token_hash, offer.send_status = OfferState.DRAFT, "", ""
    offer.full_clean()
    offer._change_reason = audit("edited offer: " + (", ".join(changed) or "no term changed"))
    save_if_unchanged(offer, expected_version=expected_version, what="offer")
    return offer


@transaction.atomic
def offer_send(*, offer: Offer) -> Offer:
    """Queue the e-mail with a fresh link (an earlier link stops working)."""
    offer = (
        Offer.objects.select_for_update(of=("self",))
        .select_related("actor__agent")
        .get(pk=offer.pk)
    )
    if offer.state not in OPEN:
        raise CastingError(OFFER_NOT_EDITABLE)
    to = recipient(offer)
    if not to:
        raise CastingError(OFFER_NO_EMAIL.format(actor=offer.actor))
    offer.state = OfferState.SENT
    offer.token_hash = ""
    offer.expires_at = timezone.now() + timedelta(days=settings.DEAL_MEMO_MAX_AGE_DAYS)
    offer.request_send()
    offer.version += 1
    offer._change_reason = audit(f"sent offer to {to}")
    offer.save()
    outbox.queue_after_commit(offer)
    return offer


def offer_issue_token(offer: Offer) -> str:
    return issue_token(offer)


def offer_for_token(token: str) -> Offer:
    rows = Offer.objects.select_related("production", "role", "actor")
    return find_by_token(rows, token, open_state=OfferState.SENT, words=OFFER_LINK)


@transaction.atomic
def offer_accept(*, token: str, typed_name: str, ip: str | None) -> Offer:
    """The actor accepts by typing their name: the actor is booked and the cost committed."""
    found = offer_for_token(token)
    offer = Offer.objects.select_for_update(of=("self",)).select_related(
        "production", "role", "actor"
    )
    offer = offer.get(pk=found.pk)
    if offer.state != OfferState.SENT or not offer.token_hash:
        raise CastingError(LINK_USED)
    name = take_acceptance(
        offer,
        typed_name=typed_name,
        expected=offer.actor.name,
        ip=ip,
        mismatch=NAME_MISMATCH,
        error=CastingError,
    )
    offer.state = OfferState.ACCEPTED
    offer.version += 1
    offer._change_reason = audit(f"accepted by typed name “{name}”")
    offer.save()
    book(offer)
    return offer


@transaction.atomic
def offer_decline(*, token: str) -> Offer:
    found = offer_for_token(token)
    offer = Offer.objects.select_for_update().get(pk=found.pk)
    offer.state = OfferState.DECLINED
    offer.declined_at = timezone.now()
    offer.token_hash = ""
    offer.version += 1
    offer._change_reason = audit("declined by the actor")
    offer.save()
    return offer


@transaction.atomic
def offer_countersign(*, offer: Offer, user) -> Offer:
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    if offer.state != OfferState.ACCEPTED:
        raise CastingError(OFFER_NOT_ACCEPTED)
    who = take_countersign(offer, user=user)
    offer.state = OfferState.COUNTERSIGNED
    offer.version += 1
    offer._change_reason = audit(f"countersigned by {who}")
    offer.save()
    return offer


@transaction.atomic
def offer_void(*, offer: Offer) -> Offer:
    """Void an offer: its link stops, and a booking it made is undone (the commitment released,
    the cast member's actor and the dates booking added taken back)."""
    offer = (
        Offer.objects.select_for_update(of=("self",))
        .select_related("role", "actor")
        .get(pk=offer.pk)
    )
    if offer.state in (OfferState.VOID, OfferState.DECLINED):
        raise CastingError(OFFER_ALREADY_VOID)
    was_signed = offer.is_signed
    offer.state = OfferState.VOID
    offer.voided_at = timezone.now()
    offer.token_hash = ""
    offer.version += 1
    offer._change_reason = audit(
        "voided offer" + (f": {offer.actor.name} no longer booked" if was_signed else "")
    )
    offer.save()
    offer.amendments.filter(state__in=(AmendmentState.DRAFT, AmendmentState.SENT)).update(
        state=AmendmentState.WITHDRAWN, token_hash=""
    )
    offer.reprices.filter(state="pending").update(state="superseded")
    if was_signed:
        unbook(offer)
    return offer


@transaction.atomic
def offer_commit(*, offer: Offer) -> Offer:
    """Commit a signed offer that nothing is committed for (the budget was not ready when the
    actor accepted, or its cast account was missing). A committed cost moves only through a
    re-price the AP confirms (`money.reprice_confirm`), never by committing again."""
    offer = (
        Offer.objects.select_for_update(of=("self",))
        .select_related("production", "role", "actor")
        .get(pk=offer.pk)
    )
    if not offer.is_signed:
        raise CastingError(OFFER_NOT_SIGNED)
    if offer.committed_amount is not None:
        raise CastingError(OFFER_COMMITTED)
    money.commit(offer)
    if offer.commitment_error:
        raise CastingError(offer.commitment_error)
    offer._change_reason = audit(
        f"committed {format_money(offer.committed_amount, offer.production.currency)} "
        f"for {offer.actor.name} to {offer.committed_account}"
    )
    offer.save(update_fields=["committed_amount"])
    return offer


# --- Booking ------------------------------------------------------------------------------------


def actor_dates(actor: Actor) -> set:
    return {day for u in Unavailability.objects.filter(actor=actor) for day in u.dates()}


def book(offer: Offer) -> None:
    """The actor plays the role: the role, the schedule's cast member and the budget say so."""
    role = Role.objects.select_for_update().get(pk=offer.role_id)
    actor = offer.actor
    if role.booked_actor_id and role.booked_actor_id != actor.pk:
        raise CastingError(ROLE_BOOKED.format(role=role, actor=role.booked_actor))
    role.booked_actor = actor
    role.status = RoleStatus.BOOKED
    role._change_reason = audit(f"booked {actor.name} (offer accepted)")
    role.save(update_fields=["booked_actor", "status"])
    sync_cast_member(offer, role=role)
    money.commit(offer)


def sync_cast_member(offer: Offer, *, role: Role | None = None) -> None:
    """The cast member shows the booked actor, and the actor's unavailable dates (those booking
    added before are taken back first, so a date removed from the actor leaves the board too)."""
    role = role or offer.role
    if role.cast_member_id is None:
        return
    dates = actor_dates(offer.actor)
    previous = {date.fromisoformat(d) for d in offer.synced_dates}
    cast_set_actor(
        member=role.cast_member,
        actor=offer.actor.name,
        email=offer.actor.email,
        drop_dates=previous - dates,
        add_dates=dates,
        reason=f"{offer.actor.name} booked for {role.name} (casting)",
    )
    offer.synced_dates = sorted(d.isoformat() for d in dates)
    Offer.objects.filter(pk=offer.pk).update(synced_dates=offer.synced_dates)


def unbook(offer: Offer) -> None:
    role = Role.objects.select_for_update().get(pk=offer.role_id)
    if role.booked_actor_id == offer.actor_id:
        role.booked_actor = None
        role.status = RoleStatus.OFFERED
        role._change_reason = audit(f"{offer.actor.name} no longer booked (offer void)")
        role.save(update_fields=["booked_actor", "status"])
    if role.cast_member_id is not None:
        previous = {date.fromisoformat(d) for d in offer.synced_dates}
        cast_set_actor(
            member=role.cast_member,
            actor="",
            email="",
            drop_dates=previous,
            reason=f"{offer.actor.name} no longer booked for {role.name} (casting)",
        )
        Offer.objects.filter(pk=offer.pk).update(synced_dates=[])
    money.release(offer)
