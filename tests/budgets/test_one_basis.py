"""Money on one basis: the dashboard, the top sheet, the cost report and the spend chart name the
basis of each total, and the same total reads the same everywhere."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.budgets import services
from apps.budgets.queries import cost_report, top_sheet
from apps.budgets.templatetags.budget_tags import money
from apps.productions.models import Membership
from tests.budgets.factories import add_line, budget_from_template, fringe_ids
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(production):
    """Lines with fringes, the template's markups (contingency 10%, insurance 1.5%, overhead 0,
    bond 2%), a deal memo's labour commitment, a PO, and actuals with and without fringes."""
    version = budget_from_template(production)
    add_line(version, "3301", x="6", rate="5000", fringes=fringe_ids(version, "FICA", "MEDICARE"))
    add_line(version, "3307", rate="10000")
    memo = Membership.objects.create(production=production, user=UserFactory(), role="crew")
    services.commitment_record(
        production=production,
        source=memo,
        account_number="3301",
        amount=Decimal("20000"),
        description="Ada Lovelace, DP",
        labour=True,
    )
    services.commitment_add_manual(
        production=production,
        account_number="3307",
        amount=Decimal("10400"),
        description="Camera package",
        date=date(2026, 1, 9),
    )
    services.actual_post(
        production=production,
        account_number="3301",
        amount=Decimal("12000"),
        fringes=Decimal("918.00"),
        date=date(2026, 1, 10),
        payee="Ada Lovelace",
        description="Weeks 1-2",
    )
    return version


def shown(page: str, marker: str) -> str:
    found = re.search(marker + r"[^>]*>([^<]+)<", page)
    assert found, marker
    return found.group(1).strip()


def test_the_labour_commitment_and_the_actual_count_with_their_fringes(production, version):
    report = cost_report(production)
    dp = next(r for r in report.accounts if r.number == "3301")
    # 20,000 + FICA 1,240 + Medicare 290; 12,000 + 918 paid.
    assert (dp.committed, dp.actual) == (Decimal("21530.00"), Decimal("12918.00"))
    assert report.total.committed == Decimal("21530.00") + Decimal("10400.00")


def test_dashboard_top_sheet_and_cost_report_agree_on_each_labelled_basis(
    client, production, ap, version
):
    report = cost_report(production)
    currency = version.currency
    client.force_login(ap)
    dashboard = client.get(reverse("productions:dashboard", args=[production.slug])).content
    dashboard = dashboard.decode()
    # The dashboard's budget, EFC and variance are the cost report's, with markups and
    # contingency, and say so.
    assert shown(dashboard, "data-budget-total") == money(report.with_markups.budget, currency)
    assert shown(dashboard, "data-efc") == money(report.with_markups.efc, currency)
    assert shown(dashboard, "data-variance") == money(report.with_markups.variance, currency)
    assert report.with_markups.variance == report.with_markups.budget - report.with_markups.efc
    assert dashboard.count("with markups and contingency") >= 3
    assert "Spent <span" in dashboard and "incl. fringes" in dashboard
    assert money(report.total.actual, currency) in dashboard
    assert money(report.total.committed, currency) in dashboard

    # The top sheet's grand total is the cost report's budget with markups, on the same words.
    sheet_page = client.get(
        reverse("budgets:top_sheet", args=[production.slug, version.id])
    ).content.decode()
    grand = shown(sheet_page, 'id="grand-total"')
    assert grand == money(report.with_markups.budget, currency)
    assert top_sheet(version).grand_total == report.with_markups.budget == report.grand_total
    assert "with markups and contingency" in sheet_page
    assert shown(sheet_page, 'id="budget-total"') == money(report.total.budget, currency)
    assert "Budget (lines + fringes)" in sheet_page

    # The cost report labels its columns and its totals, and its spend chart names its basis.
    page = client.get(reverse("budgets:cost_report", args=[production.slug])).content.decode()
    assert "lines + fringes" in page and "incl. fringes" in page
    assert "Total with markups" in page and money(report.with_markups.efc, currency) in page
    assert "Actuals to date (incl. fringes) against the budget (with markups and" in page


def test_the_spend_chart_counts_the_fringes_of_actuals(production, version):
    from apps.budgets.queries import spend_over_time

    assert spend_over_time(production)[-1][1] == Decimal("12918.00")
