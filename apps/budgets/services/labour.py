"""The fringes the budget puts on a labour commitment's wage (a deal memo's).

The rule: the fringes of the account's lines in the current version, worked out with the
engine's rules (`engine.wage_fringes`: percentages up to their cutoff, flat amounts as the same
share of the wage as of the line). Where the account's lines carry different fringes, those of
its largest line (highest total; the first by position on a tie) apply. An account with no lines
uses its default fringes (the ones new lines get), percentages only: a flat fringe needs a
line's quantity to count by.
"""

from __future__ import annotations

from decimal import Decimal

from apps.budgets import engine
from apps.budgets.models import Account, DetailLine
from apps.budgets.services.editing import engine_fringe
from apps.core.money import round_money


def labour_fringes(account: Account, wage: Decimal) -> Decimal:
    """The total of the fringes the account's lines apply, on ``wage``, rounded per fringe."""
    currency = account.budget_version.currency
    largest = (
        DetailLine.objects.filter(account=account)
        .order_by("-total", "position", "id")
        .prefetch_related("fringes")
        .first()
    )
    if largest is None:
        fringes = [engine_fringe(f) for f in account.fringes.all()]
        amounts = engine.wage_fringes(wage, fringes, currency)
    else:
        amounts = engine.wage_fringes(
            wage,
            [engine_fringe(f) for f in largest.fringes.all()],
            currency,
            line=engine.LineInput(largest.amount, largest.x, largest.rate, largest.exchange_rate),
            line_total=largest.total,
        )
    return engine.money_sum(amounts.values(), round_money(0, currency))
