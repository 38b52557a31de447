"""Posting to the budget (only through `apps.budgets.services`): a timecard's approved week or an
adjustment becomes an actual on the memo's account with the fringes the budget puts on its pay,
and the memo's commitment there is relieved by the same amount and fringes. `close_if_last`
relieves the rest of a released engagement's commitment once its last timecard is posted.
`memo_spent` answers crew, which asks what timecards already posted when it commits a memo again.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, Sum

from apps.budgets import services as budgets
from apps.budgets.models import Commitment
from apps.core.money import round_money
from apps.crew import pay
from apps.payroll.errors import TimecardError
from apps.payroll.models import Timecard, TimecardAdjustment, TimecardLine, TimecardState

NO_ACCOUNT = "{person}'s position has no budget account: set it before approving the timecard."


def account_of(timecard: Timecard) -> str:
    memo = timecard.deal_memo
    number = (memo.committed_account or memo.position.account_number).strip()
    if not number:
        raise TimecardError(NO_ACCOUNT.format(person=timecard.person.name))
    return number


def post(timecard, *, amount, wage, description, reference, source) -> tuple[str, Decimal]:
    """Post `amount` (of which `wage` is pay) as an actual with its fringes, and relieve the
    memo's commitment by as much; (the account, the fringes)."""
    number = account_of(timecard)
    try:
        account = budgets.account_for(timecard.production, number)
        fringes = budgets.labour_fringes(account, wage) if wage else Decimal("0")
        budgets.actual_post(
            production=timecard.production,
            account_number=number,
            amount=amount,
            fringes=fringes,
            date=timecard.week_end,
            payee=timecard.person.name,
            description=description,
            reference=reference,
            source=source,
        )
        budgets.commitment_relieve(
            source=timecard.deal_memo, account_number=number, amount=amount, fringes=fringes
        )
    except budgets.BudgetError as exc:
        raise TimecardError(exc.message) from exc
    return number, fringes


def close_if_last(timecard: Timecard) -> tuple[Decimal, Decimal] | None:
    """A released person's last timecard closes their commitment: when the engagement is released
    (`last_day` set by crew's release), the timecard of the week holding its last day is approved
    and no other timecard of the engagement waits for approval, whatever the memo still commits
    on its account is relieved to zero (`budgets.commitment_relieve`); (the amount and fringes
    relieved), or None when it is not the last or nothing was left."""
    engagement = timecard.engagement
    if engagement.released_at is None or engagement.last_day is None:
        return None
    cards = Timecard.objects.filter(engagement=engagement)
    # This timecard is being approved (its state is saved after the posting).
    if cards.exclude(pk=timecard.pk).exclude(state=TimecardState.APPROVED).exists():
        return None
    last_week = engagement.last_day - timedelta(days=6)
    if not cards.filter(week_start__gt=last_week, week_start__lte=engagement.last_day).exists():
        return None
    number = account_of(timecard)
    rest = (
        Commitment.objects.filter(
            source_type=ContentType.objects.get_for_model(timecard.deal_memo),
            source_id=timecard.deal_memo_id,
            account_number=number,
            status=Commitment.Status.OPEN,
        )
        .values_list("amount", "fringe_amount")
        .first()
    )
    if rest is None or not (rest[0] or rest[1]):
        return None
    budgets.commitment_relieve(
        source=timecard.deal_memo, account_number=number, amount=rest[0], fringes=rest[1]
    )
    return rest[0], rest[1]


def memo_spent(*, memo, **kwargs) -> tuple[Decimal, Decimal]:
    """What approved timecards and their adjustments posted for `memo`: (amount, wage). Answers
    crew's `memo_spent` signal (connected in apps.py)."""
    amount = wage = Decimal("0")
    for total, pay_part in Timecard.objects.filter(
        deal_memo=memo, state=TimecardState.APPROVED
    ).values_list("posted_amount", "wage"):
        amount, wage = amount + (total or 0), wage + pay_part
    for value, is_wage in TimecardAdjustment.objects.filter(timecard__deal_memo=memo).values_list(
        "amount", "wage"
    ):
        amount, wage = amount + value, wage + (value if is_wage else 0)
    return amount, wage


def day_pay(*, production, dates, approved_only=False, **kwargs) -> dict:
    """Answers `timecard_pay_asked` (daily_reports' hot costs): {(person id, date): {"amount",
    "state", "week", "straight_hours"}}, the kept pay lines (`wage`: not kit or mileage) of
    timecards submitted or later (approved only, with `approved_only`) summed per person and
    day, and their straight (regular) hours. One query."""
    states = (
        [TimecardState.APPROVED]
        if approved_only
        else [TimecardState.SUBMITTED, TimecardState.DEPARTMENT_APPROVED, TimecardState.APPROVED]
    )
    rows = (
        TimecardLine.objects.filter(
            timecard__production=production,
            timecard__state__in=states,
            date__in=list(dates),
            wage=True,
        )
        .values("timecard__person_id", "date", "timecard__state", "timecard__week_start")
        .annotate(amount=Sum("amount"), straight=Sum("hours", filter=Q(code=pay.REGULAR)))
    )
    found: dict = {}
    for row in rows:
        key = (row["timecard__person_id"], row["date"])
        amount = round_money(Decimal(row["amount"]), production.currency)
        straight = str(row["straight"]) if row["straight"] is not None else None
        if key in found:  # two engagements of one person on a day: both pay
            found[key]["amount"] += amount
            continue
        found[key] = {
            "straight_hours": straight,  # counts towards the week in hot costs
            "amount": amount,
            "state": TimecardState(row["timecard__state"]).label.lower(),
            "week": row["timecard__week_start"],
        }
    return found
