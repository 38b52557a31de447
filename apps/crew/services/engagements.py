"""Engagements and their money: releasing a hire, and what a memo commits to the budget."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_CEILING, Decimal

from django.db import transaction
from django.utils import timezone

from apps.budgets import services as budgets
from apps.budgets.services import BudgetError
from apps.core.money import round_money
from apps.crew.models import (
    DealMemo,
    Engagement,
    RateUnit,
)
from apps.crew.services.rules import (
    ALREADY_RELEASED,
    MEMO_NOT_SIGNED,
    NO_ACCOUNT,
    RELEASE_AFTER_END,
    RELEASE_BEFORE_START,
    CrewError,
)

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
            labour=True,
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
