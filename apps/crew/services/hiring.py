"""Hiring: the board, deal memos and their link, engagements, and what they commit."""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from apps.budgets import services as budgets
from apps.budgets.services import BudgetError
from apps.core import outbox
from apps.core.errors import DomainError
from apps.core.locking import save_if_unchanged
from apps.core.money import round_money
from apps.crew.models import (
    Candidate,
    DealMemo,
    Engagement,
    MemoState,
    Opening,
    OpeningStatus,
    Person,
    RateUnit,
    Stage,
)
from apps.productions import services as production_services
from apps.productions.models import Production
from apps.productions.services import hash_token

HIRED_NEEDS_ACCEPTED_MEMO = (
    "A candidate is hired when they accept their deal memo: send them one from the offer stage."
)
STAGE_UNKNOWN = "That is not a stage of the board."
MEMO_NOT_EDITABLE = "A void deal memo cannot be changed: make a new one."
MEMO_NOT_SENDABLE = "Only a draft or sent deal memo can be sent."
MEMO_NO_EMAIL = "{person} has no e-mail address to send the memo to."
MEMO_ALREADY_OPEN = "{person} already has a deal memo for {position} in progress."
MEMO_NOT_ACCEPTED = "Only an accepted deal memo can be countersigned."
MEMO_ALREADY_VOID = "This deal memo is already void."
LINK_INVALID = "This deal memo link is not valid. Ask the production office for a new one."
LINK_EXPIRED = "This deal memo link has expired. Ask the production office to send it again."
LINK_USED = "This deal memo has already been answered."
NAME_MISMATCH = "Type your name exactly as it appears on the memo ({name}) to accept."
RELEASE_BEFORE_START = "The last day cannot be before the start ({start})."
RELEASE_AFTER_END = "The last day cannot be after the contracted end ({end})."
ALREADY_RELEASED = "{person} was already released."
NO_ACCOUNT = "The position {position} has no budget account: set one, then commit the memo again."
MEMO_NOT_SIGNED = "Only a signed deal memo commits money to the budget."
CANDIDATE_EXISTS = "{person} is already a candidate for this opening."


class CrewError(DomainError):
    """A crew or hiring rule refused the action."""


# --- Departments --------------------------------------------------------------------------------


def departments_ensure(*, production: Production) -> int:
    """Give a production the standard departments the first time crew is opened (see
    apps.productions.services.departments_ensure)."""
    return production_services.departments_ensure(production=production)


# --- The board ----------------------------------------------------------------------------------


@transaction.atomic
def candidate_add(*, opening: Opening, person: Person, **fields) -> Candidate:
    if Candidate.objects.filter(opening=opening, person=person).exists():
        raise CrewError(CANDIDATE_EXISTS.format(person=person))
    candidate = Candidate(production=opening.production, opening=opening, person=person, **fields)
    candidate.full_clean()
    candidate.save()
    return candidate


@transaction.atomic
def candidate_move(*, candidate: Candidate, stage: str) -> Candidate:
    """Move a card on the board. Hired comes from an accepted memo, not from a drag; a declined or
    withdrawn candidate's unanswered memo is voided, so it commits nothing."""
    if stage not in Stage.values:
        raise CrewError(STAGE_UNKNOWN)
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if stage == candidate.stage:
        return candidate
    if (
        stage == Stage.HIRED
        and not candidate.deal_memos.filter(
            state__in=(MemoState.ACCEPTED, MemoState.COUNTERSIGNED)
        ).exists()
    ):
        raise CrewError(HIRED_NEEDS_ACCEPTED_MEMO)
    if stage in (Stage.DECLINED, Stage.WITHDRAWN):
        for memo in candidate.deal_memos.filter(state__in=(MemoState.DRAFT, MemoState.SENT)):
            _void(memo)
    candidate.stage = stage
    candidate.save(update_fields=["stage"])
    return candidate


# --- Deal memos ---------------------------------------------------------------------------------


@transaction.atomic
def memo_create(*, person: Person, position, created_by=None, candidate=None, **terms) -> DealMemo:
    open_memo = DealMemo.objects.filter(
        person=person, position=position, state__in=(MemoState.DRAFT, MemoState.SENT)
    )
    if open_memo.exists():
        raise CrewError(MEMO_ALREADY_OPEN.format(person=person, position=position))
    memo = DealMemo(
        production=person.production,
        person=person,
        position=position,
        candidate=candidate,
        created_by=created_by,
        **terms,
    )
    memo.full_clean()
    memo.save()
    if candidate is not None and candidate.stage not in (Stage.OFFER, Stage.HIRED):
        candidate.stage = Stage.OFFER
        candidate.save(update_fields=["stage"])
    return memo


@transaction.atomic
def memo_update(*, memo: DealMemo, expected_version: int, **terms) -> DealMemo:
    """Change the terms. A memo already sent goes back to draft (its link stops working: the hire
    must see the new terms); a signed memo stays signed and its engagement and commitment follow."""
    if memo.state == MemoState.VOID:
        raise CrewError(MEMO_NOT_EDITABLE)
    for field, value in terms.items():
        setattr(memo, field, value)
    if memo.state == MemoState.SENT:
        memo.state = MemoState.DRAFT
        memo.token_hash = ""
        memo.send_status = ""
    memo.full_clean()
    save_if_unchanged(memo, expected_version=expected_version, what="deal memo")
    if memo.is_signed:
        Engagement.objects.filter(deal_memo=memo, released_at__isnull=True).update(
            position=memo.position,
            department=memo.position.department,
            start_date=memo.start_date,
            end_date=memo.end_date,
        )
        _commit(memo)
    return memo


@transaction.atomic
def memo_send(*, memo: DealMemo) -> DealMemo:
    """Queue the e-mail with a fresh link (an earlier link stops working)."""
    memo = DealMemo.objects.select_for_update().get(pk=memo.pk)
    if memo.state not in (MemoState.DRAFT, MemoState.SENT):
        raise CrewError(MEMO_NOT_SENDABLE)
    if not memo.person.email:
        raise CrewError(MEMO_NO_EMAIL.format(person=memo.person))
    now = timezone.now()
    memo.state = MemoState.SENT
    memo.token_hash = ""
    memo.expires_at = now + timedelta(days=settings.DEAL_MEMO_MAX_AGE_DAYS)
    memo.request_send()
    memo.version += 1  # a state change makes an edit form loaded before it stale
    memo.save()
    outbox.queue_after_commit(memo)
    return memo


def memo_issue_token(memo: DealMemo) -> str:
    """A new random token for the link; only its hash is kept. Called by the sending task."""
    token = secrets.token_urlsafe(32)
    memo.token_hash = hash_token(token)
    return token


def memo_for_token(token: str) -> DealMemo:
    """The memo behind a link, or CrewError saying why the link cannot be used."""
    memo = (
        DealMemo.objects.select_related("production", "person", "position__department")
        .filter(token_hash=hash_token(token))
        .exclude(token_hash="")
        .first()
    )
    if memo is None:
        raise CrewError(LINK_INVALID)
    if memo.state != MemoState.SENT:
        raise CrewError(LINK_USED)
    if memo.is_expired:
        raise CrewError(LINK_EXPIRED)
    return memo


def _normal(name: str) -> str:
    return " ".join(name.split()).casefold()


@transaction.atomic
def memo_accept(*, token: str, typed_name: str, ip: str | None) -> DealMemo:
    """The hire accepts: their typed name, the time and their address are kept; they join the crew
    list and the guaranteed cost is committed against the position's account."""
    memo = memo_for_token(token)
    # Lock the row: two clicks on the same link make one engagement.
    memo = DealMemo.objects.select_for_update().get(pk=memo.pk)
    if memo.state != MemoState.SENT or not memo.token_hash:
        raise CrewError(LINK_USED)
    if _normal(typed_name) != _normal(memo.person.name):
        raise CrewError(NAME_MISMATCH.format(name=memo.person.name))
    memo.state = MemoState.ACCEPTED
    memo.accepted_name = " ".join(typed_name.split())
    memo.accepted_at = timezone.now()
    memo.accepted_ip = ip
    memo.token_hash = ""
    memo.version += 1  # a state change makes an edit form loaded before it stale
    memo.save()
    Engagement.objects.create(
        production=memo.production,
        person=memo.person,
        position=memo.position,
        department=memo.position.department,
        deal_memo=memo,
        start_date=memo.start_date,
        end_date=memo.end_date,
    )
    if memo.candidate_id:
        Candidate.objects.filter(pk=memo.candidate_id).update(stage=Stage.HIRED)
        Opening.objects.filter(candidates__pk=memo.candidate_id).update(status=OpeningStatus.FILLED)
    _commit(memo)
    return memo


@transaction.atomic
def memo_decline(*, token: str) -> DealMemo:
    memo = memo_for_token(token)
    memo = DealMemo.objects.select_for_update().get(pk=memo.pk)
    if memo.state != MemoState.SENT or not memo.token_hash:
        raise CrewError(LINK_USED)
    memo.declined_at = timezone.now()
    _void(memo)
    if memo.candidate_id:
        Candidate.objects.filter(pk=memo.candidate_id).update(stage=Stage.DECLINED)
    return memo


@transaction.atomic
def memo_countersign(*, memo: DealMemo, user) -> DealMemo:
    memo = DealMemo.objects.select_for_update().get(pk=memo.pk)
    if memo.state != MemoState.ACCEPTED:
        raise CrewError(MEMO_NOT_ACCEPTED)
    memo.state = MemoState.COUNTERSIGNED
    memo.countersigned_at = timezone.now()
    memo.countersigned_by = user
    memo.version += 1  # a state change makes an edit form loaded before it stale
    memo.save()
    return memo


@transaction.atomic
def memo_void(*, memo: DealMemo) -> DealMemo:
    """Void a memo: its link stops working, its commitment is released and, if it was signed, the
    hire leaves the crew list."""
    memo = DealMemo.objects.select_for_update().get(pk=memo.pk)
    if memo.state == MemoState.VOID:
        raise CrewError(MEMO_ALREADY_VOID)
    _void(memo)
    return memo


def _void(memo: DealMemo) -> None:
    memo.state = MemoState.VOID
    memo.voided_at = timezone.now()
    memo.token_hash = ""
    memo.version += 1  # a state change makes an edit form loaded before it stale
    memo.save()
    Engagement.objects.filter(deal_memo=memo).delete()
    _release(memo)


# --- Engagements --------------------------------------------------------------------------------


@transaction.atomic
def engagement_release(*, engagement: Engagement, last_day: date, reason: str) -> Engagement:
    """End an engagement: they work through `last_day`, then leave the call sheets; the
    commitment is trimmed to the days worked."""
    engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    if engagement.released_at is not None:
        raise CrewError(ALREADY_RELEASED.format(person=engagement.person))
    if last_day < engagement.start_date:
        raise CrewError(RELEASE_BEFORE_START.format(start=engagement.start_date))
    if engagement.end_date and last_day > engagement.end_date:
        raise CrewError(RELEASE_AFTER_END.format(end=engagement.end_date))
    engagement.last_day = last_day
    engagement.release_reason = reason.strip()[:200]
    engagement.released_at = timezone.now()
    engagement.save()
    if engagement.deal_memo_id:
        _commit(engagement.deal_memo, engagement=engagement)
    return engagement


# --- Money (the budget's commitments) -----------------------------------------------------------


def memo_cost(memo: DealMemo, *, last_day: date | None = None) -> Decimal:
    """What the memo commits: rate × guarantee + kit rental + per diem, rounded once.

    After a release (`last_day`) the cost is trimmed to the days worked: the guaranteed cost times
    days worked ÷ contracted days, calendar days inclusive. The contracted days run from start to
    end; a memo without an end date is contracted for its guarantee when that is in days or weeks,
    and an hourly or flat memo without an end has no span to trim by.
    """
    total = memo.rate * memo.guarantee + memo.kit_rental + memo.per_diem
    if last_day is not None:
        contracted = _contracted_days(memo)
        if contracted:
            worked = min((last_day - memo.start_date).days + 1, contracted)
            total = total * Decimal(worked) / Decimal(contracted)
    return round_money(total, memo.production.currency)


def _contracted_days(memo: DealMemo) -> int | None:
    if memo.end_date is not None:
        return (memo.end_date - memo.start_date).days + 1
    if memo.unit == RateUnit.DAY:
        return int(memo.guarantee.to_integral_value(rounding=ROUND_CEILING))
    if memo.unit == RateUnit.WEEK:
        return int((memo.guarantee * 7).to_integral_value(rounding=ROUND_CEILING))
    return None


def _commit(memo: DealMemo, engagement: Engagement | None = None) -> None:
    """Record the memo's cost against its position's budget account (an idempotent upsert keyed
    by the memo); a commitment on the position's previous account is released. The hire's
    acceptance never fails because the budget is not ready: the reason is kept on the memo and
    the office commits again from its page."""
    number = memo.position.account_number.strip()
    if engagement is None:
        engagement = Engagement.objects.filter(deal_memo=memo).first()
    last_day = engagement.last_day if engagement is not None else None
    amount = memo_cost(memo, last_day=last_day)
    error = ""
    try:
        if not number:
            raise BudgetError(NO_ACCOUNT.format(position=memo.position))
        if memo.committed_account and memo.committed_account != number:
            budgets.commitment_release(source=memo, account_number=memo.committed_account)
        budgets.commitment_record(
            production=memo.production,
            source=memo,
            account_number=number,
            amount=amount,
            description=f"{memo.person.name}, {memo.position.title}"
            + (f" (released after {last_day:%d %b %Y})" if last_day else ""),
        )
    except BudgetError as exc:
        error = exc.message
    DealMemo.objects.filter(pk=memo.pk).update(
        committed_account="" if error else number,
        committed_amount=None if error else amount,
        commitment_error=error[:300],
    )
    memo.committed_account = "" if error else number
    memo.committed_amount = None if error else amount
    memo.commitment_error = error[:300]


def _release(memo: DealMemo) -> None:
    """Release whatever the memo committed (nothing, for an offer never accepted)."""
    budgets.commitment_release(source=memo)
    DealMemo.objects.filter(pk=memo.pk).update(
        committed_account="", committed_amount=None, commitment_error=""
    )


@transaction.atomic
def memo_commit(*, memo: DealMemo) -> DealMemo:
    """Commit a signed memo's cost again, e.g. once the budget exists or the account is fixed."""
    memo = DealMemo.objects.select_for_update().get(pk=memo.pk)
    if not memo.is_signed:
        raise CrewError(MEMO_NOT_SIGNED)
    _commit(memo)
    return memo
