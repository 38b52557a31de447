"""Posting to the budget (only through `apps.budgets.services`): a timecard's approved week or an
adjustment becomes an actual on the memo's account with the fringes the budget puts on its pay,
and the memo's commitment there is relieved by the same amount and fringes. `memo_spent` answers
crew, which asks what timecards already posted when it commits a memo again.
"""

from __future__ import annotations

from decimal import Decimal

from apps.budgets import services as budgets
from apps.payroll.errors import TimecardError
from apps.payroll.models import Timecard, TimecardAdjustment, TimecardState

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
