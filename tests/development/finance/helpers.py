"""A small budget whose totals the tests work out by hand from its lines."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from apps.budgets.models import Markup
from tests.budgets.factories import add_line, budget_from_template

CENT = Decimal("0.01")
# (account, its category, amount, rate): each line is amount x rate, no fringes.
LINES = (
    ("2001", "2000", "3", "1000.50"),  # 3,001.50  production staff
    ("3301", "3300", "1", "20000"),  # 20,000.00  camera
    ("1401", "1400", "1", "50000"),  # 50,000.00  cast (above the line)
    ("4001", "4000", "1", "12345.67"),  # 12,345.67 editing (post)
)


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def small_budget(production):
    version = budget_from_template(production)
    for number, _, amount, rate in LINES:
        add_line(version, number, amount=amount, x="1", rate=rate)
    version.refresh_from_db()
    return version


def line_total(account: str) -> Decimal:
    return next(Decimal(a) * Decimal(r) for n, _, a, r in LINES if n == account)


def grand_total_by_hand(version) -> Decimal:
    """The lines, and each markup of the template (a percent of every section here: the lines'
    sections are all covered) rounded to the cent."""
    lines = sum(Decimal(a) * Decimal(r) for _, _, a, r in LINES)
    markups = sum(
        cents(lines * m.percent / 100)
        for m in Markup.objects.filter(budget_version=version)
        if {"ATL", "PRODUCTION", "POST"} <= set(m.sections)
    )
    return lines + markups
