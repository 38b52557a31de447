"""Engagements and their money: releasing a hire, and what a memo commits to the budget."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from apps.budgets import services as budgets
from apps.budgets.services import BudgetError
from apps.core.money import format_money, round_money
from apps.crew.models import (
    DayAssignment,
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
from apps.crew.services.wording import audit
from apps.productions.signals import engagement_released, memo_spent
from apps.schedules.models import DayKind, ShootDay

# --- Engagements --------------------------------------------------------------------------------


def _check_last_day(engagement: Engagement, last_day: date) -> None:
    if engagement.released_at is not None:
        raise CrewError(ALREADY_RELEASED.format(person=engagement.person))
    if last_day < engagement.start_date:
        raise CrewError(RELEASE_BEFORE_START.format(start=engagement.start_date))
    if engagement.end_date and last_day > engagement.end_date:
        raise CrewError(RELEASE_AFTER_END.format(end=engagement.end_date))


def release_preview(*, engagement: Engagement, last_day: date) -> ReleaseCost | None:
    """What releasing after `last_day` would commit, and why (None without a memo). Writes
    nothing: the release page shows it before the office confirms."""
    _check_last_day(engagement, last_day)
    if not engagement.deal_memo_id:
        return None
    return release_cost(engagement.deal_memo, last_day=last_day, person=engagement.person)


@transaction.atomic
def engagement_release(*, engagement: Engagement, last_day: date, reason: str) -> Engagement:
    """End an engagement: they work through `last_day`, then leave the call sheets; the
    commitment becomes what the memo's terms owe (see `release_cost`)."""
    engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    _check_last_day(engagement, last_day)
    engagement.last_day = last_day
    engagement.release_reason = reason.strip()[:200]
    engagement.released_at = timezone.now()
    words = f"released after {last_day:%d %b %Y}"
    memo = engagement.deal_memo
    if memo is not None:
        cost = release_cost(memo, last_day=last_day, person=engagement.person)
        amount, was = cost.money(memo.production.currency)
        words = f"released after {last_day:%d %b}: commits {amount} (was {was}), {cost.why}"
    engagement._change_reason = audit(words)
    engagement.save()
    if memo is not None:
        _commit(memo, engagement=engagement)
        # The memo's own history says it too (the commitment is written by _commit's update).
        memo._change_reason = engagement._change_reason
        memo.save(update_fields=["committed_account", "committed_amount", "commitment_error"])
        engagement_released.send(sender=Engagement, engagement=engagement)  # payroll may close it
    return engagement


# --- Money (the budget's commitments) -----------------------------------------------------------


def memo_cost(memo: DealMemo) -> Decimal:
    """What a signed memo commits: rate × guarantee + kit rental + per diem, rounded once."""
    total = memo.rate * memo.guarantee + memo.kit_rental + memo.per_diem
    return round_money(total, memo.production.currency)


def memo_wage(memo: DealMemo) -> Decimal:
    """The pay in `memo_cost` (rate × guarantee), on which the budget's fringes fall; kit rental
    and per diem carry none."""
    return round_money(memo.rate * memo.guarantee, memo.production.currency)


# What a worked day is in the memo's unit: a week is five working days; an hourly memo's day is
# its straight time (the hours before time and a half), eight hours when the memo names none.
DAYS_PER_WEEK = Decimal(5)
HOURS_PER_DAY = Decimal(8)


@dataclass(frozen=True)
class ReleaseCost:
    """What a release commits (`amount`), what was committed before (`was`), and why."""

    amount: Decimal
    was: Decimal | None
    why: str
    detail: str = ""
    wage: Decimal | None = None  # the pay in `amount`, on which fringes fall

    def money(self, currency: str) -> tuple[str, str]:
        was = format_money(self.was, currency) if self.was is not None else "nothing"
        return format_money(self.amount, currency), was

    def summary(self, currency: str) -> str:
        amount, was = self.money(currency)
        return f"commits {amount} (was {was}) because {self.why}"


def worked_days(memo: DealMemo, person, first: date, last: date) -> int:
    """The days worked from `first` to `last`: every shoot day of the schedule in that span (the
    crew on the list work each one), and any other day the person is booked (a day booking on a
    travel day, say), each date once."""
    shoot = ShootDay.objects.filter(
        production_id=memo.production_id, kind=DayKind.SHOOT, date__range=(first, last)
    ).values_list("date", flat=True)
    booked = DayAssignment.objects.filter(
        person=person, shoot_day__date__range=(first, last)
    ).values_list("shoot_day__date", flat=True)
    return len(set(shoot) | set(booked))


def _days_per_unit(memo: DealMemo) -> Decimal:
    if memo.unit == RateUnit.WEEK:
        return DAYS_PER_WEEK
    if memo.unit == RateUnit.HOUR:
        return 1 / (memo.overtime_after or HOURS_PER_DAY)
    return Decimal(1)


def _days(value: Decimal) -> str:
    value = value.quantize(Decimal("0.01")).normalize()
    return f"{value:f} day" + ("" if value == 1 else "s")


def release_cost(memo: DealMemo, *, last_day: date, person=None) -> ReleaseCost:
    """What the memo owes when its hire is released after `last_day`.

    The guarantee is owed in full while it is not worked off; past it, the days worked up to the
    last day (`worked_days`) at the memo's rate (a weekly rate is a fifth a day, an hourly rate
    times the hours of its day). Kit rental and per diem are totals for the contracted days (the
    work days from start to end, at least the guarantee): they are owed for the days paid, in the
    same proportion, never beyond their totals. A flat fee is owed whole."""
    currency = memo.production.currency
    was = memo.committed_amount
    if memo.unit == RateUnit.FLAT:
        return ReleaseCost(memo_cost(memo), was, "a flat fee is owed in full", wage=memo_wage(memo))
    person = person or memo.person
    per_unit = _days_per_unit(memo)
    guaranteed = memo.guarantee * per_unit
    worked = Decimal(worked_days(memo, person, memo.start_date, last_day))
    contracted = guaranteed
    if memo.end_date is not None:
        scheduled = worked_days(memo, person, memo.start_date, memo.end_date)
        contracted = max(guaranteed, Decimal(scheduled))
    paid = max(guaranteed, worked)
    share = min(Decimal(1), paid / contracted)
    total = memo.rate * paid / per_unit + (memo.kit_rental + memo.per_diem) * share
    if worked < guaranteed:
        why = f"the guarantee is owed: {_days(worked)} worked of {_days(guaranteed)}"
    else:
        why = f"{_days(worked)} worked, past the {_days(guaranteed)} guaranteed"
    detail = (
        f"Days worked: the schedule's shoot days and their own day bookings from "
        f"{memo.start_date:%d %b} to {last_day:%d %b}. Paid for {_days(paid)}; kit rental and "
        f"per diem for {_days(paid)} of {_days(contracted)} contracted."
    )
    wage = round_money(memo.rate * paid / per_unit, currency)
    return ReleaseCost(round_money(total, currency), was, why, detail, wage=wage)


def _commit(memo: DealMemo, engagement: Engagement | None = None) -> None:
    """Record the memo's cost against its position's budget account (an idempotent upsert keyed
    by the memo); a commitment on the position's previous account is released. The hire's
    acceptance never fails because the budget is not ready: the reason is kept on the memo and
    the office commits again from its page."""
    number = memo.position.account_number.strip()
    if engagement is None:
        engagement = Engagement.objects.filter(deal_memo=memo).first()
    last_day = engagement.last_day if engagement is not None else None
    if last_day:
        owed = release_cost(memo, last_day=last_day, person=engagement.person)
        amount, wage = owed.amount, owed.wage
    else:
        amount, wage = memo_cost(memo), memo_wage(memo)
    # What timecards already posted for the memo is spent, not committed (payroll answers).
    for _, (spent, spent_wage) in memo_spent.send(sender=None, memo=memo):
        amount, wage = max(amount - spent, Decimal(0)), max(wage - spent_wage, Decimal(0))
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
            wage=wage,
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
