"""Money on one basis: labour commitments carry the fringes the budget puts on their wage, actuals
carry the fringes paid on them, and both count in the cost report's committed, actual and EFC."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.budgets import engine, importers, services
from apps.budgets.models import Actual, Commitment
from apps.budgets.queries import cost_report
from apps.productions.models import Membership
from tests.budgets.factories import add_line, budget_from_template, fringe_ids
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(production):
    """3301 (Director of Photography): a 6-week line with FICA (6.2% to 176,100), FUTA (0.6% to
    7,000) and UNION_DAY (75 flat per unit), and a smaller line with only WC."""
    version = budget_from_template(production)
    add_line(
        version,
        "3301",
        description="DP",
        x="6",
        rate="5000",
        units="weeks",
        fringes=fringe_ids(version, "FICA", "FUTA", "UNION_DAY"),
    )
    add_line(
        version, "3301", description="DP overtime", rate="800", fringes=fringe_ids(version, "WC")
    )
    return version


@pytest.fixture
def memo(production):
    """Any saved object of the production stands in for a deal memo."""
    return Membership.objects.create(production=production, user=UserFactory(), role="crew")


def labour(production, source, amount="10210.00", number="3301"):
    return services.commitment_record(
        production=production,
        source=source,
        account_number=number,
        amount=Decimal(amount),
        description="Ada Lovelace, DP",
        labour=True,
    )


# 10,210 wage on the largest line's fringes: FICA 633.02 + FUTA 7,000 × 0.6% = 42.00 + UNION_DAY
# 75 × 6 units × 10,210 / 30,000 = 153.15.
FRINGES = Decimal("828.17")


def test_a_wage_takes_the_lines_percent_fringes_up_to_their_cutoff_and_flat_ones_by_share():
    fica = engine.Fringe("FICA", "FICA", "percent", Decimal("6.2"), Decimal("176100"))
    futa = engine.Fringe("FUTA", "FUTA", "percent", Decimal("0.6"), Decimal("7000"))
    union = engine.Fringe("UNION_DAY", "Union", "flat", Decimal("75"))
    line = engine.LineInput(Decimal(1), Decimal(6), Decimal(5000))
    amounts = engine.wage_fringes(
        Decimal("10210.00"), [fica, futa, union], "USD", line=line, line_total=Decimal("30000.00")
    )
    assert amounts == {
        "FICA": Decimal("633.02"),
        "FUTA": Decimal("42.00"),
        "UNION_DAY": Decimal("153.15"),
    }
    # Without a line there is no quantity for a flat fringe: it adds nothing.
    assert engine.wage_fringes(Decimal(1000), [union, fica], "USD") == {"FICA": Decimal("62.00")}


def test_a_labour_commitment_carries_the_fringes_of_the_accounts_largest_line(
    production, version, memo
):
    commitment = labour(production, memo)
    assert (commitment.amount, commitment.fringe_amount) == (Decimal("10210.00"), FRINGES)
    assert commitment.total == Decimal("11038.17")
    row = next(r for r in cost_report(production).accounts if r.number == "3301")
    assert row.committed == Decimal("11038.17")
    # Budget 30,800 + fringes 1,830 + 24 WC; EFC = committed + what is left of the budget.
    assert row.efc == max(row.budget, row.committed)


def test_recording_the_labour_commitment_again_works_its_fringes_out_again(
    production, version, memo
):
    labour(production, memo)
    again = labour(production, memo, amount="5000")
    # FICA 310.00 + FUTA 30.00 + UNION_DAY 450 × 5,000 / 30,000 = 75.00
    assert (Commitment.objects.get().amount, again.fringe_amount) == (
        Decimal("5000.00"),
        Decimal("415.00"),
    )


def test_an_account_without_lines_takes_its_default_percent_fringes(production, version, memo):
    from apps.budgets.models import Account

    camera = Account.objects.get(budget_version=version, number="3302")
    camera.fringes.set(fringe_ids(version, "MEDICARE", "UNION_DAY"))
    commitment = labour(production, memo, amount="1000", number="3302")
    assert commitment.fringe_amount == Decimal("14.50")  # Medicare 1.45%; flat needs a line


def test_manual_and_vendor_commitments_carry_no_fringes(production, version, memo):
    manual = services.commitment_add_manual(
        production=production,
        account_number="3301",
        amount=Decimal(1000),
        description="Camera test day",
        date=date(2026, 1, 9),
    )
    po = services.commitment_record(
        production=production,
        source=memo,
        account_number="3301",
        amount=Decimal(2000),
        description="PO 0001",
    )
    assert (manual.fringe_amount, po.fringe_amount) == (Decimal("0.00"), Decimal("0.00"))
    row = next(r for r in cost_report(production).accounts if r.number == "3301")
    assert row.committed == Decimal("3000.00")


def test_an_actual_carries_the_fringes_paid_on_it_into_the_cost_report(production, version):
    posted = services.actual_post(
        production=production,
        account_number="3301",
        amount=Decimal("5000"),
        fringes=Decimal("412.50"),
        date=date(2026, 1, 10),
        payee="Ada Lovelace",
        description="Week 1",
    )
    services.actual_post(
        production=production,
        account_number="3301",
        amount=Decimal("100"),
        date=date(2026, 1, 11),
        payee="Cam shop",
        description="Filters",
    )
    assert (posted.amount, posted.fringe_amount, posted.total) == (
        Decimal("5000.00"),
        Decimal("412.50"),
        Decimal("5412.50"),
    )
    row = next(r for r in cost_report(production).accounts if r.number == "3301")
    assert row.actual == Decimal("5512.50")


def test_the_actuals_import_takes_an_optional_fringes_column(production, version):
    upload = io.BytesIO(
        b"date,account_number,payee,description,amount,reference,fringes\n"
        b"2026-01-10,3301,Ada Lovelace,Week 1,5000,PR-1,412.50\n"
        b"2026-01-11,3301,Cam shop,Filters,100,INV-9,\n"
    )
    upload.name = "actuals.csv"
    assert importers.import_actuals(production=production, upload=upload) == 2
    assert sorted(Actual.objects.values_list("amount", "fringe_amount")) == [
        (Decimal("100.00"), Decimal("0.00")),
        (Decimal("5000.00"), Decimal("412.50")),
    ]


def test_an_actuals_file_without_fringes_invents_none_and_a_bad_one_is_refused(production, version):
    plain = io.BytesIO(
        b"date,account_number,payee,description,amount,reference\n"
        b"2026-01-10,3301,Ada Lovelace,Week 1,5000,PR-1\n"
    )
    plain.name = "actuals.csv"
    importers.import_actuals(production=production, upload=plain)
    assert Actual.objects.get().fringe_amount == Decimal("0.00")
    bad = io.BytesIO(
        b"date,account_number,payee,description,amount,reference,fringes\n"
        b"2026-01-10,3301,Ada Lovelace,Week 1,5000,PR-1,lots\n"
    )
    bad.name = "actuals.csv"
    with pytest.raises(importers.ImportFailed) as failed:
        importers.import_actuals(production=production, upload=bad)
    assert failed.value.errors[0].reason == importers.NOT_A_NUMBER.format(
        column="fringes", value="lots"
    )


def test_the_commitment_list_shows_wage_and_fringes_and_actuals_show_theirs(
    client, production, ap, version, memo
):
    labour(production, memo)
    services.actual_post(
        production=production,
        account_number="3301",
        amount=Decimal("5000"),
        fringes=Decimal("412.50"),
        date=date(2026, 1, 10),
        payee="Ada Lovelace",
        description="Week 1",
    )
    client.force_login(ap)
    page = client.get(reverse("budgets:actuals", args=[production.slug])).content.decode()
    assert "wage 10,210.00 + fringes 828.17" in page
    assert "11,038.17" in page
    assert "412.50" in page and "5,412.50" in page


def test_an_actual_posted_by_hand_may_give_its_fringes(client, production, ap, version):
    client.force_login(ap)
    client.post(
        reverse("budgets:actual_new", args=[production.slug]),
        {
            "date": "2026-01-10",
            "account_number": "3301",
            "payee": "Ada Lovelace",
            "description": "Week 1",
            "amount": "5000",
            "fringes": "412.50",
        },
    )
    assert Actual.objects.values_list("amount", "fringe_amount").get() == (
        Decimal("5000.00"),
        Decimal("412.50"),
    )
