"""Screenings: every write with a rule. Screenings and their costs (a cost may become a draft
purchase order through apps/vendors' services), the guest list (one by one or a whole group at
once), the invitations (queued through the kernel's outbox: each guest is invited once; sending
again invites only those not invited yet), the guest's answer and feedback through their link,
and the check-in at the door."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.core import outbox
from apps.core.errors import DomainError
from apps.core.locking import save_if_unchanged
from apps.post.screenings.models import (
    QUESTIONS,
    Feedback,
    Guest,
    GuestSource,
    Rsvp,
    Screening,
    ScreeningCost,
)
from apps.productions.services import hash_token
from apps.vendors import services as vendor_services
from apps.vendors.models import Vendor

NOT_THIS_PRODUCTION = "That vendor is not in this production."
GUEST_TWICE = "{email} is on this screening's guest list already."
NOTHING_TO_INVITE = "Every guest of this screening has been invited already."
NO_GUESTS = "Add guests before sending invitations."
COST_HAS_PO = "This cost became purchase order {po} already."
PO_NEEDS = "Choose the vendor and the budget account of this cost before making a purchase order."
NEGATIVE = "A cost cannot be negative."
PLUS_ONES = "Bring from 0 to {most} guests."
RATING_RANGE = "A rating is from 1 to 5."
LINK_INVALID = "This link is not valid. It may belong to an invitation that was withdrawn."
ANSWER_NEEDED = "Choose Yes or No."
TOO_EARLY = "The feedback form opens when the screening starts."
NOT_YET_WAS_NOT_COMING = "You told us you were not coming, so there is no feedback to give."
ANSWER_CLOSED = "The screening has started: answers are closed."
MOST_PLUS_ONES = 10
AUDIT_LENGTH = 100


class ScreeningError(DomainError):
    """A screenings rule refused the action."""


def audit(words: str) -> str:
    """Words for the audit log's reason column: one line, cut to what history keeps."""
    words = " ".join(words.split())
    return words if len(words) <= AUDIT_LENGTH else words[: AUDIT_LENGTH - 1] + "…"


def one_line(text: str) -> str:
    return " ".join(str(text).split())


# --- Screenings ---------------------------------------------------------------------------------


@transaction.atomic
def screening_create(
    *,
    production,
    user=None,
    kind: str,
    title: str,
    date: date,
    starts_at: time,
    venue: str,
    cut_shown: str = "",
    notes: str = "",
) -> Screening:
    return Screening.objects.create(
        production=production,
        kind=kind,
        title=one_line(title),
        date=date,
        starts_at=starts_at,
        venue=one_line(venue),
        cut_shown=one_line(cut_shown),
        notes=notes.strip(),
        created_by=user,
    )


def screening_update(*, screening: Screening, expected_version: int, **fields) -> Screening:
    """Change a screening's details; a save over someone else's newer one is refused (StaleEdit)."""
    for name in ("title", "venue", "cut_shown"):
        if name in fields:
            fields[name] = one_line(fields[name])
    for name, value in fields.items():
        setattr(screening, name, value)
    save_if_unchanged(screening, expected_version=expected_version, what="screening")
    return screening


# --- Costs --------------------------------------------------------------------------------------


@transaction.atomic
def cost_add(
    *,
    screening: Screening,
    description: str,
    amount: Decimal,
    vendor: Vendor | None = None,
    account_number: str = "",
) -> ScreeningCost:
    if amount < 0:
        raise ScreeningError(NEGATIVE, field="amount")
    if vendor is not None and vendor.production_id != screening.production_id:
        raise ScreeningError(NOT_THIS_PRODUCTION, field="vendor")
    return ScreeningCost.objects.create(
        production=screening.production,
        screening=screening,
        description=one_line(description),
        amount=amount,
        vendor=vendor,
        account_number=account_number.strip(),
    )


@transaction.atomic
def cost_to_purchase_order(*, cost: ScreeningCost, user=None):
    """Make the cost a draft purchase order to its vendor, one line on its budget account. The
    order is apps/vendors' own (approved and sent there); the cost names it from now on."""
    cost = (
        ScreeningCost.objects.select_for_update(of=("self",))
        .select_related("screening", "vendor", "production", "purchase_order")
        .get(pk=cost.pk)
    )
    if cost.purchase_order is not None:
        raise ScreeningError(COST_HAS_PO.format(po=cost.purchase_order.label))
    if cost.vendor is None or not cost.account_number:
        raise ScreeningError(PO_NEEDS)
    try:
        po = vendor_services.po_create(
            production=cost.production,
            vendor=cost.vendor,
            description=f"{cost.screening.title}: {cost.description}"[:200],
            user=user,
            deliver_on=cost.screening.date,
        )
        vendor_services.po_line_add(
            po=po,
            account_number=cost.account_number,
            description=cost.description,
            unit_price=cost.amount,
        )
    except vendor_services.VendorError as exc:
        raise ScreeningError(exc.message, field="account_number") from exc
    cost.purchase_order = po
    cost._change_reason = audit(f"became draft {po.label} to {cost.vendor.name}")
    cost.save()
    return po


@transaction.atomic
def cost_remove(*, cost: ScreeningCost) -> None:
    """Remove a cost; a purchase order made from it stays in vendors (void it there)."""
    cost.delete()


# --- Guests -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """Someone who may be put on a guest list: a member, a crew hire, a cast member."""

    source: str
    key: str
    name: str
    email: str


def _new_guest(screening: Screening, source: str, key: str, name: str, email: str) -> Guest:
    return Guest.objects.create(
        production=screening.production,
        screening=screening,
        source=source,
        source_key=key,
        name=one_line(name),
        email=email.strip(),
    )


@transaction.atomic
def guest_add(*, screening: Screening, name: str, email: str) -> Guest:
    """An outside guest, by name and e-mail address."""
    email = email.strip()
    if screening.guests.filter(email__iexact=email).exists():
        raise ScreeningError(GUEST_TWICE.format(email=email), field="email")
    try:
        with transaction.atomic():
            return _new_guest(screening, GuestSource.OUTSIDE, "", name, email)
    except IntegrityError as exc:  # the same guest added twice at once
        raise ScreeningError(GUEST_TWICE.format(email=email), field="email") from exc


@transaction.atomic
def guests_add(*, screening: Screening, candidates: Iterable[Candidate]) -> list[Guest]:
    """Add these people (a whole group: all crew, all cast ...); those on the list already (by
    e-mail address) are left as they are. Returns the guests added."""
    taken = {e.casefold() for e in screening.guests.values_list("email", flat=True)}
    added = []
    for person in candidates:
        if not person.email or person.email.casefold() in taken:
            continue
        taken.add(person.email.casefold())
        added.append(_new_guest(screening, person.source, person.key, person.name, person.email))
    return added


@transaction.atomic
def guest_remove(*, guest: Guest) -> None:
    """Take a guest off the list; their link stops working."""
    guest.delete()


# --- Invitations --------------------------------------------------------------------------------


@transaction.atomic
def invitations_send(*, screening: Screening) -> list[Guest]:
    """Invite every guest not invited yet. Asking twice invites nobody twice: only guests still
    not invited are taken, under their row locks, and each becomes one outbox request."""
    waiting = list(
        Guest.objects.select_for_update(of=("self",)).filter(
            screening=screening, rsvp=Rsvp.NOT_INVITED
        )
    )
    if not waiting:
        raise ScreeningError(NOTHING_TO_INVITE if screening.guests.exists() else NO_GUESTS)
    for guest in waiting:
        guest.rsvp = Rsvp.WAITING
        guest.token_hash = ""  # the sending task issues the link
        guest._change_reason = audit(f"invitation to {guest.name}")
        guest.request_send()
        guest.save()
        outbox.queue_after_commit(guest)
    return waiting


def issue_token(guest: Guest) -> str:
    """A new random token for the link; only its hash is kept. Called by the sending task."""
    token = secrets.token_urlsafe(32)
    guest.token_hash = hash_token(token)
    return token


def guest_for_token(token: str) -> Guest:
    """The guest behind a link, or ScreeningError when it opens nothing."""
    guest = (
        Guest.objects.select_related("production", "screening", "feedback")
        .filter(token_hash=hash_token(token))
        .exclude(token_hash="")
        .first()
    )
    if guest is None:
        raise ScreeningError(LINK_INVALID)
    return guest


def _locked(guest: Guest) -> Guest:
    return (
        Guest.objects.select_for_update(of=("self",))
        .select_related("production", "screening")
        .get(pk=guest.pk)
    )


@transaction.atomic
def rsvp_answer(*, token: str, coming: bool, plus_ones: int = 0) -> Guest:
    """The guest says whether they come, and how many they bring, through their own link. They
    may change their answer until the screening starts."""
    guest = _locked(guest_for_token(token))
    if guest.screening.has_started():
        raise ScreeningError(ANSWER_CLOSED)
    if not 0 <= plus_ones <= MOST_PLUS_ONES:
        raise ScreeningError(PLUS_ONES.format(most=MOST_PLUS_ONES), field="plus_ones")
    guest.rsvp = Rsvp.YES if coming else Rsvp.NO
    guest.plus_ones = plus_ones if coming else 0
    guest.answered_at = timezone.now()
    answer = f"coming (+{guest.plus_ones})" if coming else "not coming"
    guest._change_reason = audit(f"{guest.name} answered through their link: {answer}")
    guest.save()
    return guest


@transaction.atomic
def feedback_save(*, token: str, comments: str = "", **ratings: int | None) -> Feedback:
    """The guest's feedback through their link, once the screening has started (saving again
    replaces it)."""
    guest = _locked(guest_for_token(token))
    if not guest.screening.has_started():
        raise ScreeningError(TOO_EARLY)
    if guest.rsvp == Rsvp.NO and guest.checked_in_at is None:
        raise ScreeningError(NOT_YET_WAS_NOT_COMING)
    fields = {name for name, _ in QUESTIONS}
    for name, value in ratings.items():
        if name not in fields:
            raise TypeError(name)
        if value is not None and not 1 <= value <= 5:
            raise ScreeningError(RATING_RANGE, field=name)
    feedback, _ = Feedback.objects.select_for_update().get_or_create(
        production=guest.production, guest=guest
    )
    for name, value in ratings.items():
        setattr(feedback, name, value)
    feedback.comments = comments.strip()
    feedback._change_reason = audit(f"feedback from {guest.name} through their link")
    feedback.save()
    return feedback


# --- At the door --------------------------------------------------------------------------------


@transaction.atomic
def check_in(*, guest: Guest, present: bool = True) -> Guest:
    guest = _locked(guest)
    guest.checked_in_at = timezone.now() if present else None
    what = "arrived" if present else "not arrived after all"
    guest._change_reason = audit(f"{guest.name} {what}")
    guest.save()
    return guest
