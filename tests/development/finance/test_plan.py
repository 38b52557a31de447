"""The finance plan against the budget: an incentive is its rate of the qualifying accounts'
spend, capped, rounded once; the plan's total and the gap to the grand total, each worked out
here by hand from the budget's lines; locking, refusals and the exports."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape

from apps.core.locking import StaleEdit
from apps.development.finance import services
from apps.development.finance.models import FinanceSource, SourceKind, SourceStatus
from apps.development.finance.plan import finance_plan
from apps.productions.capabilities import Role
from tests.development.finance.helpers import cents, grand_total_by_hand, line_total, small_budget
from tests.factories import member

pytestmark = pytest.mark.django_db

PLAIN = {
    "financier": "", "financier_contact": "", "expected_on": None, "closed_on": None,
    "notes": "", "rate": None, "qualifying": "", "cap_amount": None, "cap_percent": None,
}  # fmt: skip


def source(production, kind, name, amount=None, status=SourceStatus.COMMITTED, **terms):
    return services.source_create(
        production=production, kind=kind, name=name, amount=amount, status=status,
        **{**PLAIN, **terms},
    )  # fmt: skip


@pytest.fixture
def plan_world(production):
    version = small_budget(production)
    source(production, SourceKind.EQUITY, "Equity", Decimal("50000"))
    source(production, SourceKind.PRESALE, "UK pre-sale", Decimal("10000"), SourceStatus.SOFT)
    # Category 2000 (its account 2001) and account 3301: 23,001.50 at 25% = 5,750.375.
    source(
        production, SourceKind.INCENTIVE, "Production credit", rate=Decimal("25"),
        qualifying="2000, 3301", cap_amount=Decimal("10000"), status=SourceStatus.SOFT,
    )  # fmt: skip
    # Account 1401 and category 4000: 62,345.67 at 50%, capped at 5% of the grand total.
    source(
        production, SourceKind.INCENTIVE, "Post rebate", rate=Decimal("50"),
        qualifying="1401,4000", cap_percent=Decimal("5"), status=SourceStatus.TARGET,
    )  # fmt: skip
    return version


def test_the_incentives_and_the_gap_are_what_the_lines_say(production, plan_world):
    grand = grand_total_by_hand(plan_world)
    credit = cents((line_total("2001") + line_total("3301")) * Decimal("0.25"))
    assert credit == Decimal("5750.38")  # rounded once, half up
    rebate_uncapped = (line_total("1401") + line_total("4001")) * Decimal("0.5")
    rebate = cents(min(rebate_uncapped, grand * Decimal("0.05")))
    assert rebate < rebate_uncapped  # the cap holds
    plan = finance_plan(production)
    amounts = {line.source.name: line.amount for line in plan.lines}
    assert amounts == {
        "Equity": Decimal("50000"),
        "UK pre-sale": Decimal("10000"),
        "Production credit": credit,
        "Post rebate": rebate,
    }
    assert plan.budget_total == grand
    assert plan.total == Decimal("60000") + credit + rebate
    assert plan.gap == grand - plan.total
    assert plan.secured == Decimal("50000")
    credit_line = next(line for line in plan.lines if line.source.name == "Production credit")
    counted = credit_line.incentive.accounts  # every account of category 2000, and 3301
    assert {"2001", "3301"} <= set(counted)
    assert all(n.startswith("20") for n in counted if n != "3301")
    assert not credit_line.incentive.capped


def test_the_page_shows_the_plan_and_the_gap(client, production, ap, plan_world):
    client.force_login(ap)
    plan = finance_plan(production)
    page = client.get(reverse("development:finance", args=[production.slug]))
    assert page.status_code == 200
    body = page.content.decode()
    assert f"{plan.gap:,.2f}" in body and f"{plan.total:,.2f}" in body
    assert 'data-part="Gap"' in body  # drawn on the stacked bar


def test_the_plan_exports_to_csv_and_xlsx(client, production, ap, plan_world):
    client.force_login(ap)
    plan = finance_plan(production)
    response = client.get(reverse("development:finance_export", args=[production.slug, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Source" and len(rows) == 1 + 4 + 3
    assert rows[-1][0] == "Gap" and Decimal(rows[-1][7]) == plan.gap
    xlsx = client.get(reverse("development:finance_export", args=[production.slug, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_a_stale_edit_is_refused_and_changes_nothing(client, production, ap, plan_world):
    equity = FinanceSource.objects.get(production=production, name="Equity")
    data = {**PLAIN, "kind": "equity", "name": "Equity", "status": "committed"}
    services.source_update(source=equity, expected_version=1, **{**data, "amount": Decimal("1")})
    with pytest.raises(StaleEdit):
        services.source_update(
            source=FinanceSource.objects.get(pk=equity.pk), expected_version=1,
            **{**data, "amount": Decimal("2")},
        )  # fmt: skip
    client.force_login(ap)
    url = reverse("development:finance_source_edit", args=[production.slug, equity.pk])
    form = {"kind": "equity", "name": "Equity", "status": "committed", "amount": "3", "version": 1}
    page = client.post(url, form)
    assert page.status_code == 200 and "Someone else saved" in page.content.decode()
    assert FinanceSource.objects.get(pk=equity.pk).amount == Decimal("1")


def test_an_incentive_computed_from_a_rate_needs_its_qualifying_accounts(client, production, ap):
    client.force_login(ap)
    url = reverse("development:finance_source_new", args=[production.slug])
    base = {"kind": "incentive", "name": "Credit", "status": "target"}
    page = client.post(url, {**base, "rate": "25"})
    assert services.INCENTIVE_NEEDS_ACCOUNTS in page.content.decode()
    assert not FinanceSource.objects.filter(production=production).exists()
    page = client.post(url, {**base, "rate": "25", "qualifying": " 2000 ,3300,"})
    assert page.status_code == 302
    assert FinanceSource.objects.get(production=production).qualifying == "2000, 3300"


@pytest.mark.parametrize("role", [Role.PRODUCTION_MANAGER, Role.ACCOUNTANT, Role.CREW])
def test_only_the_producer_and_the_ap_see_the_plan(client, production, role, plan_world):
    client.force_login(member(production, role))
    for name in ("development:finance", "development:cashflow", "development:pitch"):
        assert client.get(reverse(name, args=[production.slug])).status_code == 403
    export = reverse("development:finance_export", args=[production.slug, "csv"])
    assert client.get(export).status_code == 403


def test_a_producer_sees_the_financiers(client, production, producer, plan_world):
    FinanceSource.objects.filter(name="Equity").update(financier_contact="ana@example.com")
    client.force_login(producer)
    page = client.get(reverse("development:finance", args=[production.slug]))
    assert "ana@example.com" in page.content.decode()


def test_a_negative_amount_is_refused(production):
    with pytest.raises(services.FinanceError, match="never below zero"):
        source(production, SourceKind.EQUITY, "Equity", Decimal("-5"))
    assert not FinanceSource.objects.filter(production=production).exists()


def test_soft_money_with_a_fixed_amount_counts_in_the_plan_and_the_gap(production):
    version = small_budget(production)
    source(production, SourceKind.EQUITY, "Equity", Decimal("50000"))
    grant = source(
        production, SourceKind.INCENTIVE, "Regional fund", Decimal("12500.25"), SourceStatus.SOFT
    )
    assert (grant.amount, grant.rate, grant.qualifying) == (Decimal("12500.25"), None, "")
    plan = finance_plan(production)
    amounts = {line.source.name: line.amount for line in plan.lines}
    assert amounts == {"Equity": Decimal("50000"), "Regional fund": Decimal("12500.25")}
    assert plan.total == Decimal("62500.25")
    assert plan.gap == grand_total_by_hand(version) - Decimal("62500.25")
    assert plan.secured == Decimal("50000")  # the grant is soft


def test_soft_money_takes_a_rate_or_a_fixed_amount_not_both_nor_neither(client, production, ap):
    client.force_login(ap)
    url = reverse("development:finance_source_new", args=[production.slug])
    base = {"kind": "incentive", "name": "Fund", "status": "target"}
    page = client.post(url, base)
    assert escape(services.INCENTIVE_NEEDS_RATE_OR_AMOUNT) in page.content.decode()
    page = client.post(url, {**base, "rate": "25", "qualifying": "2000", "amount": "5"})
    assert escape(services.INCENTIVE_NOT_BOTH) in page.content.decode()
    assert not FinanceSource.objects.filter(production=production).exists()
    page = client.post(url, {**base, "amount": "80000", "cap_amount": "10"})
    assert page.status_code == 302
    fund = FinanceSource.objects.get(production=production)
    assert (fund.amount, fund.rate, fund.cap_amount) == (Decimal("80000"), None, None)
