"""A signed deal memo commits its cost and the fringes the budget puts on it, so the cost
report's committed and EFC show what the hire really costs."""

from __future__ import annotations

from decimal import Decimal

import pytest

from apps.budgets.models import Commitment
from apps.budgets.queries import cost_report
from tests.budgets.factories import add_line, budget_from_template, fringe_ids
from tests.crew.test_commitments import accept, offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(production):
    version = budget_from_template(production)
    # The DP's line: 6 weeks at 5,000 with FICA (6.2% to 176,100) and Medicare (1.45%).
    add_line(
        version,
        "3301",
        x="6",
        rate="5000",
        units="weeks",
        fringes=fringe_ids(version, "FICA", "MEDICARE"),
    )
    return version


def test_an_accepted_memo_commits_its_cost_with_the_budgets_fringes_on_its_pay(production, version):
    accept(offer(production))  # commits 500 × 20 + 150 kit + 60 per diem = 10,210.00
    commitment = Commitment.objects.get()
    # FICA 620.00 + Medicare 145.00 on the pay (10,000.00): kit and per diem carry no fringes
    assert (commitment.amount, commitment.fringe_amount) == (
        Decimal("10210.00"),
        Decimal("765.00"),
    )
    row = next(r for r in cost_report(production).accounts if r.number == "3301")
    assert row.committed == Decimal("10975.00")
    budget = Decimal("30000.00") + Decimal("1860.00") + Decimal("435.00")
    assert row.budget == budget
    assert row.efc == budget  # the rest of the budget is still to spend: ETC fills up to it


def test_efc_counts_the_fringes_of_a_labour_commitment_beyond_the_budget(production):
    version = budget_from_template(production)
    add_line(version, "3301", rate="10000", fringes=fringe_ids(version, "MEDICARE"))  # 10,145
    accept(offer(production))  # 10,210.00 + Medicare 145.00 on the 10,000.00 pay
    row = next(r for r in cost_report(production).accounts if r.number == "3301")
    assert (row.committed, row.efc) == (Decimal("10355.00"), Decimal("10355.00"))
    assert row.variance == Decimal("10145.00") - Decimal("10355.00")
