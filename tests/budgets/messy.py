"""A budget as real people fill one in: every kind of formula, fringes with cutoffs and flat ones,
a line in another currency, a credit, a global worked out from others, a markup of some sections
only, and names with quotes, commas, newlines, unicode and text that looks like a formula."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from apps.budgets import services
from apps.budgets.models import Account, Actual, BudgetVersion, Category, Global
from tests.budgets.factories import add_line, budget_from_template, fringe_ids

MESSY = [
    "=1+1",
    'He said "cut", then left',
    "Two\nlines",
    "日本語のライン, with a comma",
    "-minus first",
    "@at the start",
    "'=already quoted",
    "Ünïcödé — ½ day",
]

# (account, description, amount, x, rate, fringes, currency, exchange rate)
LINES = [
    ("2001", MESSY[0], "1", "SHOOT_WEEKS + 3", "3100.33", ("FICA", "MEDICARE"), None, None),
    ("2001", MESSY[1], "2", "ceil(SHOOT_DAYS / 7)", "1,250.50", ("FICA", "UNION_DAY"), None, None),
    (
        "2002",
        MESSY[2],
        "1",
        "max(PREP_WEEKS, 2) * 1.5",
        "2999.99",
        ("FICA", "MEDICARE"),
        None,
        None,
    ),
    ("1202", MESSY[3], "1", "1", "250000.125", ("FICA", "PH"), None, None),
    ("3307", MESSY[4], "1", "SHOOT_WEEKS", "9500", (), None, None),
    ("3307", MESSY[5], "-1", "1", "1234.565", (), None, None),
    ("3201", MESSY[6], "round(SHOOT_DAYS / 3, 2)", "floor(10 / 3)", "333.333", ("WC",), None, None),
    ("4001", MESSY[7], "min(2, 3)", "(SHOOT_DAYS + 2) / 5", "812.4", ("PH",), "EUR", "1.0857"),
    ("4001", "Per diem × LOC_DAYS", "3", "LOC_DAYS", "66.67", ("UNION_DAY",), "GBP", "1.27345"),
]


def messy_budget(production) -> BudgetVersion:
    version = budget_from_template(production)
    services.global_set(
        version=version,
        name="LOC_DAYS",
        formula="SHOOT_DAYS * 0.4 + 0.5",
        description='Location days, "approx", =A1\nsee notes',
    )
    services.fringe_save(
        version=version, code="PH", name='Pension, "health"\n=2+2', kind="percent",
        rate=Decimal("12.5"), cutoff=Decimal("20000"),
    )  # fmt: skip
    services.markup_save(
        version=version, name='=Fee, "5%"\nüber', percent=Decimal("5.25"),
        sections=["PRODUCTION", "POST"],
    )  # fmt: skip
    Account.objects.filter(budget_version=version, number="2001").update(
        name='U.P.M. "Ünïcode", =1+1\nsecond line'
    )
    Category.objects.filter(budget_version=version, number="3300").update(
        name='Camera, "A" & B — ñ'
    )
    for number, description, amount, x, rate, codes, currency, exchange in LINES:
        add_line(
            version, number, description=description, amount=amount, x=x, rate=rate,
            fringes=fringe_ids(version, *codes), currency=currency or "USD",
            exchange_rate=Decimal(exchange or 1),
        )  # fmt: skip
    assert Global.objects.filter(budget_version=version, formula__gt="").count() >= 2
    return version


def spend(production) -> None:
    """Actuals, commitments and an estimate: an overrun on camera (contingency is drawn), an
    entered ETC on 2002, money spent on an account the budget does not have."""
    services.actual_post(
        production=production, account_number="3307", amount=Decimal("50000.10"),
        date=date(2026, 1, 5), payee='Cams, "Inc"', description="=SUM(A1)",
    )  # fmt: skip
    services.commitment_add_manual(
        production=production, account_number="3307", amount=Decimal("4000.05"),
        description="PO", date=date(2026, 1, 4),
    )  # fmt: skip
    services.actual_post(
        production=production, account_number="2001", amount=Decimal("1000.01"),
        date=date(2026, 1, 6), payee="UPM", description="Week 1", fringes=Decimal("76.51"),
    )  # fmt: skip
    services.estimate_set(production=production, account_number="2002", amount=Decimal("50000.77"))
    Actual.objects.create(
        production=production, account_number="9990", amount=Decimal("12.34"),
        date=date(2026, 1, 7), payee="Somebody", description="Not budgeted",
    )  # fmt: skip
