"""Closing a cost period is in the production's audit log, in words: the week, who closed it,
the EFC it froze and how far it moved on the previous period. The figures are worked out here
from the lines and actuals posted, never read back from the code under test."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from apps.budgets import services
from apps.productions.audit import entries_for
from tests.budgets.factories import add_line, budget_from_template

pytestmark = pytest.mark.django_db

WEEK_1, WEEK_2 = date(2026, 1, 11), date(2026, 1, 18)


@pytest.fixture
def version(production):
    """One line: 3307 budgets 10,000 (no markups)."""
    version = budget_from_template(production)
    version.markups.all().delete()
    add_line(version, "3307", rate="10000", description="Camera package")
    return version


def test_closing_a_period_says_its_efc_and_how_far_it_moved(production, version, ap):
    services.period_close(production=production, week_ending=WEEK_1, closed_by=ap)
    first = entries_for(production, kind="Cost period")[0]
    assert first.who == ap.display_name and first.action == "created"
    assert first.target == "Week ending 2026-01-11"  # not the history row's "... as of <time>"
    assert first.reason == (
        f"Cost period week ending 2026-01-11 closed on {version}: EFC $10,000.00 (the first period)"
    )

    # 12,000 spent on a 10,000 account: the EFC is 12,000, 2,000 up on week 1.
    services.actual_post(
        production=production,
        account_number="3307",
        amount=Decimal("12000"),
        date=date(2026, 1, 15),
        payee="Cams",
        description="Week 2",
    )
    services.period_close(
        production=production,
        week_ending=WEEK_2,
        closed_by=ap,
        notes={"account:3307": "Second body"},
    )

    second = entries_for(production, kind="Cost period")[0]
    assert second.reason.startswith("Cost period week ending 2026-01-18 closed on")
    assert second.reason.endswith(
        "EFC $12,000.00 (+$2,000.00 on the previous period); 1 account moved"
    )
