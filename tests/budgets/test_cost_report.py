import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.budgets import services
from apps.budgets.models import Account, Actual, Category
from apps.budgets.queries import cost_report, spend_over_time
from tests.budgets.factories import add_line, budget_from_template

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(production):
    version = budget_from_template(production)
    version.markups.all().delete()
    add_line(version, "3307", rate="10000")
    add_line(version, "3301", rate="5000")
    services.actual_post(
        production=production,
        account_number="3307",
        amount=Decimal(6000),
        date=date(2026, 1, 10),
        payee="Cams",
        description="Week 1",
    )
    services.commitment_add_manual(
        production=production,
        account_number="3307",
        amount=Decimal(5000),
        description="PO",
        date=date(2026, 1, 9),
    )
    services.actual_post(
        production=production,
        account_number="3301",
        amount=Decimal(1000),
        date=date(2026, 1, 12),
        payee="DP",
        description="Prep",
    )
    return version


def test_the_cost_report_adds_actual_committed_and_etc_into_efc(production, version):
    report = cost_report(production)
    camera = next(r for r in report.accounts if r.number == "3307")
    assert (camera.budget, camera.actual, camera.committed, camera.etc) == (
        Decimal("10000.00"),
        Decimal("6000.00"),
        Decimal("5000.00"),
        Decimal("0.00"),
    )
    assert (camera.efc, camera.variance, camera.over) == (
        Decimal("11000.00"),
        Decimal("-1000.00"),
        True,
    )
    assert camera.percent_spent == Decimal("60.0")
    dp = next(r for r in report.accounts if r.number == "3301")
    assert (dp.etc, dp.efc, dp.variance) == (Decimal("4000.00"), Decimal("5000.00"), 0)
    section = next(s for s in report.sections if s.number == "PRODUCTION")
    assert section.efc == Decimal("16000.00")
    assert report.total.budget == Decimal("15000.00")


def test_an_entered_etc_replaces_the_default(client, production, ap, version):
    client.force_login(ap)
    client.post(reverse("budgets:estimate_save", args=[production.slug, "3301"]), {"amount": "500"})
    dp = next(r for r in cost_report(production).accounts if r.number == "3301")
    assert (dp.etc, dp.etc_entered, dp.efc, dp.variance) == (
        Decimal("500.00"),
        True,
        Decimal("1500.00"),
        Decimal("3500.00"),
    )


def test_the_page_marks_over_budget_rows_and_draws_spend_over_time(client, production, ap, version):
    client.force_login(ap)
    url = reverse("budgets:cost_report", args=[production.slug])
    page = client.get(url).content.decode()
    row_start = page.index('id="cat-3300"')
    assert "over-budget" in page[page.rindex("<tr", 0, row_start) : row_start]
    opened = client.get(url, {"account": "3307"}).content.decode()
    row_start = opened.index('id="acct-3307"')
    assert "over-budget" in opened[opened.rindex("<tr", 0, row_start) : row_start]
    assert "<svg" in page
    assert (
        "Actuals to date (incl. fringes) against the budget (with markups and contingency" in page
    )


def test_spend_over_time_has_a_point_for_every_day_so_the_axis_is_true_to_time(production, version):
    # Postings on 10 and 12 January: the 11th carries the running total.
    assert spend_over_time(production) == [
        ("2026-01-10", Decimal("6000.00")),
        ("2026-01-11", Decimal("6000.00")),
        ("2026-01-12", Decimal("7000.00")),
    ]


def test_a_production_without_a_budget_has_an_empty_cost_report(client, production, ap):
    client.force_login(ap)
    assert client.get(reverse("budgets:cost_report", args=[production.slug])).status_code == 200


def test_the_dashboard_panel_shows_the_current_versions_totals(client, production, ap, version):
    client.force_login(ap)
    page = client.get(reverse("productions:dashboard", args=[production.slug])).content.decode()
    assert "15,000.00" in page and "7,000.00" in page and "5,000.00" in page
    assert "16,000.00" in page and "-1,000.00" in page


def test_a_second_etc_save_from_a_stale_page_is_refused(client, production, ap, version):
    from apps.budgets.models import CostEstimate
    from apps.core.locking import STALE_EDIT_MESSAGE

    client.force_login(ap)
    url = reverse("budgets:estimate_save", args=[production.slug, "3301"])
    client.post(url, {"amount": "500", "version": "0"})  # theirs: the page showed no estimate
    response = client.post(url, {"amount": "900", "version": "0"}, follow=True)  # mine, stale
    assert STALE_EDIT_MESSAGE.format(what="estimate to complete") in response.content.decode()
    assert CostEstimate.objects.get().amount == Decimal("500.00")
    client.post(url, {"amount": "700", "version": "1"})
    assert CostEstimate.objects.get().amount == Decimal("700.00")


def test_markups_are_rows_of_their_own_and_the_total_with_them_is_the_grand_total(production):
    version = budget_from_template(production)  # Contingency 10, Insurance 1.5, Bond 2 (all)
    add_line(version, "3307", rate="10000")
    report = cost_report(production)
    assert [row.name for row in report.markups] == [
        "Contingency",
        "Insurance",
        "Overhead",
        "Completion bond",
    ]
    assert report.with_markups.budget == report.grand_total == Decimal("11350.00")
    assert report.with_markups.efc == report.grand_total  # nothing spent: EFC is the budget
    assert report.total.name == "Total before markups"


def test_contingency_drawn_down_by_an_overrun_shows_as_such(production):
    version = budget_from_template(production)
    add_line(version, "3307", rate="10000")  # contingency 10% of 10,000 = 1,000
    services.commitment_add_manual(
        production=production,
        account_number="3307",
        amount=Decimal(10400),
        description="Camera package, two extra weeks",
        date=date(2026, 1, 9),
    )
    report = cost_report(production)
    contingency = report.markups[0]
    assert report.contingency_drawn == Decimal("400.00")
    assert contingency.name == "Contingency (drawn down $400.00)"
    assert (contingency.budget, contingency.efc) == (Decimal("1000.00"), Decimal("600.00"))
    # Insurance and the bond forecast on the EFC they apply to: 1.5% and 2% of 10,400.
    by_name = {row.name: row.efc for row in report.markups[1:]}
    assert by_name == {
        "Insurance": Decimal("156.00"),
        "Overhead": Decimal("0.00"),
        "Completion bond": Decimal("208.00"),
    }
    assert report.with_markups.efc == Decimal("10400") + Decimal("600") + Decimal("364")


def test_the_dashboard_compares_budget_and_efc_on_one_basis(client, production, ap):
    version = budget_from_template(production)
    add_line(version, "3307", rate="10000")
    services.commitment_add_manual(
        production=production,
        account_number="3307",
        amount=Decimal(10400),
        description="Camera package",
        date=date(2026, 1, 9),
    )
    client.force_login(ap)
    page = client.get(reverse("productions:dashboard", args=[production.slug])).content.decode()
    report = cost_report(production)
    # Budget with markups 11,350.00; EFC with markups 11,364.00: 14.00 over, not 400 over the
    # budget before markups as before.
    assert report.with_markups.variance == Decimal("-14.00")
    assert "with markups" in page and "-14.00" in page and "11,364.00" in page


def test_the_cost_report_exports_carry_the_markup_rows(client, production, ap):
    version = budget_from_template(production)
    add_line(version, "3307", rate="10000")
    client.force_login(ap)
    url = reverse("budgets:cost_report_export", args=[production.slug])
    text = client.get(url + "?format=csv").content.decode()
    assert ",Contingency,1000.00," in text
    assert ",Total with markups,11350.00," in text


# --- Drill-down: categories first, then accounts, then transactions -----------------------------


def _rows(page: str, level: str) -> list[str]:
    return re.findall(rf'<tr data-level="{level}"[^>]*id="(?:acct|cat)-([^"]+)"', page)


def test_the_page_opens_at_categories_with_the_zero_rows_hidden(client, production, ap, version):
    client.force_login(ap)
    url = reverse("budgets:cost_report", args=[production.slug])
    page = client.get(url).content.decode()
    assert _rows(page, "account") == []  # accounts wait until a category is opened
    assert "3300" in _rows(page, "category")
    shown = len(_rows(page, "category"))
    every = Category.objects.filter(budget_version=version).count()
    assert shown < every  # the template's empty categories are left out...
    hidden = re.search(r"Show (\d+) rows? that (?:is|are) all zero", page)
    assert hidden and int(hidden.group(1)) > 0
    with_zeros = client.get(url, {"zeros": "1"}).content.decode()
    assert len(_rows(with_zeros, "category")) == every  # ...and come back with the switch
    everything = client.get(url, {"open": "all", "zeros": "1"}).content.decode()
    assert (
        len(_rows(everything, "account")) == Account.objects.filter(budget_version=version).count()
    )


def test_a_category_opens_to_its_accounts_and_an_account_to_its_transactions(
    client, production, ap, version
):
    client.force_login(ap)
    rows = client.get(
        reverse("budgets:cost_report_category", args=[production.slug, "3300"])
    ).content.decode()
    assert "3307" in _rows(rows, "account") and 'data-parent="3300"' in rows
    assert "<html" not in rows  # rows to go under the category, not a page
    transactions = client.get(
        reverse("budgets:cost_report_account", args=[production.slug, "3307"])
    ).content.decode()
    assert 'data-parent="acct-3307"' in transactions
    for actual in Actual.objects.filter(production=production, account_number="3307"):
        assert actual.description in transactions
        assert f"{actual.amount + actual.fringe_amount:,.2f}" in transactions
    missing = reverse("budgets:cost_report_category", args=[production.slug, "9999"])
    assert client.get(missing).status_code == 404


def test_a_saved_estimate_comes_back_to_its_account_opened(client, production, ap, version):
    client.force_login(ap)
    response = client.post(
        reverse("budgets:estimate_save", args=[production.slug, "3307"]),
        {"amount": "100", "version": "0"},
    )
    assert response.url.endswith("?account=3307#acct-3307")
    assert 'id="acct-3307"' in client.get(response.url).content.decode()
