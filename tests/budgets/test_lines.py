from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase  # noqa: F401  (hypothesis' Django support loaded)

from apps.budgets import engine
from apps.budgets.forms import LineForm
from apps.budgets.models import DetailLine
from apps.budgets.queries import top_sheet
from apps.budgets.services import editing
from apps.core.locking import STALE_EDIT_MESSAGE, StaleEdit
from apps.core.money import round_money
from tests.budgets.factories import account, add_line, budget_from_template, fringe_ids, values

pytestmark = pytest.mark.django_db


def test_a_line_stores_its_formulas_and_their_values(production):
    version = budget_from_template(production)
    line = add_line(version, amount="2", x="SHOOT_DAYS + 2", rate="350.50", units="days")
    assert (line.x_formula, line.x) == ("SHOOT_DAYS + 2", Decimal(27))
    assert line.total == Decimal("18927.00")
    assert line.uses == " SHOOT_DAYS "


def test_a_foreign_currency_line_is_converted_and_rounded_once(production):
    version = budget_from_template(production)
    line = add_line(
        version, amount="3", x="1", rate="100.333", currency="EUR", exchange_rate=Decimal("1.1")
    )
    assert line.total == Decimal("331.10")  # 331.0989 rounded once


@pytest.mark.parametrize(
    "hostile",
    ["__import__('os').system('ls')", "2 ** 999999", "SHOOT_DAYS.__class__", "x" * 600, "1/0"],
)
def test_a_hostile_or_bad_formula_is_an_error_on_its_own_field(production, hostile):
    version = budget_from_template(production)
    form = LineForm(
        {
            "description": "Hostile",
            "amount_formula": "1",
            "units": "days",
            "x_formula": hostile,
            "rate_formula": "10",
            "currency": "USD",
            "exchange_rate": "1",
        },
        budget_version=version,
    )
    assert not form.is_valid()
    assert list(form.errors) == ["x_formula"]


def test_an_unknown_global_is_named_in_the_field_error(production):
    version = budget_from_template(production)
    form = LineForm(
        {
            "description": "Typo",
            "amount_formula": "SHOT_DAYS",
            "units": "days",
            "x_formula": "1",
            "rate_formula": "1",
            "currency": "USD",
            "exchange_rate": "1",
        },
        budget_version=version,
    )
    assert not form.is_valid()
    assert form.errors["amount_formula"] == ["Unknown global 'SHOT_DAYS'"]


AMOUNTS = st.decimals(min_value=0, max_value=500, places=2, allow_nan=False, allow_infinity=False)
RATES = st.decimals(
    min_value=-1000, max_value=100000, places=3, allow_nan=False, allow_infinity=False
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(AMOUNTS, AMOUNTS, RATES, st.booleans()), min_size=1, max_size=8))
def test_the_top_sheet_grand_total_is_the_sum_of_rounded_lines_fringes_and_markups(
    production, lines
):
    from apps.budgets.models import Budget

    Budget.objects.filter(production=production).delete()
    version = budget_from_template(production)
    fringes = fringe_ids(version, "FICA", "MEDICARE", "UNION_DAY")
    for i, (amount, x, rate, fringed) in enumerate(lines):
        add_line(
            version,
            "2001" if i % 2 else "3301",
            amount=amount,
            x=x,
            rate=rate,
            fringes=fringes if fringed else (),
        )
    sheet = top_sheet(version)
    stored = list(DetailLine.objects.filter(budget_version=version))
    lines_and_fringes = engine.money_sum(
        [line.total for line in stored] + [line.fringe_total for line in stored]
    )
    for line in stored:  # each stored value is already at the minor unit
        assert line.total == round_money(line.total, "USD")
    assert sheet.budget_total == lines_and_fringes
    assert sheet.grand_total == lines_and_fringes + sum(amount for _, amount in sheet.markups)
    assert sheet.grand_total == engine.money_sum(
        [s.total for s in sheet.sections] + [amount for _, amount in sheet.markups]
    )


def test_account_default_fringes_go_on_new_lines(production):
    version = budget_from_template(production)
    acc = account(version, "3301")
    acc.fringes.set(version.fringes.filter(code__in=["FICA", "MEDICARE"]))
    line = add_line(version, "3301", rate="1000")
    assert sorted(line.fringes.values_list("code", flat=True)) == ["FICA", "MEDICARE"]
    assert line.fringe_total == Decimal("76.50")  # 62.00 + 14.50


def test_a_second_save_of_the_same_line_is_refused(production):
    version = budget_from_template(production)
    line = add_line(version, rate="100")
    mine = DetailLine.objects.get(pk=line.pk)
    theirs = DetailLine.objects.get(pk=line.pk)
    editing.line_update(line=theirs, values=values(rate="200"), expected_version=1)
    with pytest.raises(StaleEdit):
        editing.line_update(line=mine, values=values(rate="300"), expected_version=1)
    line.refresh_from_db()
    assert line.rate == 200 and line.total == Decimal("200.00")


def test_the_page_shows_the_stale_edit_message_and_keeps_the_other_save(client, production, ap):
    version = budget_from_template(production)
    line = add_line(version, rate="100")
    editing.line_update(line=line, values=values(rate="200"), expected_version=1)
    client.force_login(ap)
    data = {
        f"l{line.id}-{k}": v
        for k, v in {
            "description": "Mine",
            "amount_formula": "1",
            "units": "allow",
            "x_formula": "1",
            "rate_formula": "300",
            "currency": "USD",
            "exchange_rate": "1",
            "version": "1",
        }.items()
    }
    response = client.post(
        reverse("budgets:line_edit", args=[production.slug, version.id, line.id]),
        data,
        HTTP_HX_REQUEST="true",
    )
    assert STALE_EDIT_MESSAGE.format(what="budget line") in response.content.decode()
    line.refresh_from_db()
    assert line.rate == 200


def _new_line_data(**overrides):
    data = {
        "description": "Gaffer",
        "amount_formula": "1",
        "units": "days",
        "x_formula": "SHOOT_DAYS",
        "rate_formula": "650",
        "currency": "USD",
        "exchange_rate": "1",
    }
    data.update(overrides)
    return {f"new-{k}": v for k, v in data.items()}


def test_adding_a_line_with_htmx_returns_the_lines_and_the_new_totals(client, production, ap):
    version = budget_from_template(production)
    acc = account(version, "3201")
    client.force_login(ap)
    response = client.post(
        reverse("budgets:line_new", args=[production.slug, version.id, acc.id]),
        _new_line_data(),
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert 'id="lines"' in page
    assert 'id="summary" class="d-flex flex-wrap gap-3 mb-3 small" hx-swap-oob="true"' in page
    assert "16,250.00" in page  # 25 days × 650, in the line, the account and the totals
    assert "<html" not in page


def test_a_bad_formula_on_the_page_is_shown_on_its_field_and_nothing_is_saved(
    client, production, ap
):
    version = budget_from_template(production)
    acc = account(version, "3201")
    client.force_login(ap)
    response = client.post(
        reverse("budgets:line_new", args=[production.slug, version.id, acc.id]),
        _new_line_data(new_rate_formula="x", **{"rate_formula": "open('/etc/passwd')"}),
        HTTP_HX_REQUEST="true",
    )
    assert 'data-field-error="rate_formula"' in response.content.decode()
    assert not DetailLine.objects.exists()


def test_lines_can_be_edited_moved_and_deleted_from_the_page(client, production, ap):
    version = budget_from_template(production)
    first = add_line(version, "3201", description="First")
    second = add_line(version, "3201", description="Second")
    client.force_login(ap)
    args = [production.slug, version.id]
    edit_form = client.get(
        reverse("budgets:line_edit", args=[*args, first.id]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert f'name="l{first.id}-version"' in edit_form and "data-autofocus" in edit_form
    client.post(reverse("budgets:line_move", args=[*args, second.id]), {"direction": "up"})
    assert list(first.account.lines.values_list("description", flat=True)) == ["Second", "First"]
    data = {
        f"l{first.id}-{k}": v
        for k, v in {
            "description": "First, revised",
            "amount_formula": "2",
            "units": "days",
            "x_formula": "3",
            "rate_formula": "10",
            "currency": "USD",
            "exchange_rate": "1",
            "version": "1",
        }.items()
    }
    client.post(reverse("budgets:line_edit", args=[*args, first.id]), data)
    first.refresh_from_db()
    assert (first.description, first.total, first.version) == (
        "First, revised",
        Decimal("60.00"),
        2,
    )
    client.post(reverse("budgets:line_delete", args=[*args, second.id]))
    assert list(first.account.lines.all()) == [first]


def test_the_top_sheet_pages_grand_total_is_the_sum_of_rounded_lines_fringes_and_markups(
    client, production, ap
):
    version = budget_from_template(production)
    fringes = fringe_ids(version, "FICA", "MEDICARE", "UNION_DAY")
    for i, (amount, x, rate) in enumerate(
        [("1", "SHOOT_DAYS", "333.333"), ("2.5", "3", "17.005"), ("1", "1", "0.015")]
    ):
        add_line(
            version, ("2001", "3301", "1401")[i], amount=amount, x=x, rate=rate, fringes=fringes
        )
    stored = DetailLine.objects.filter(budget_version=version)
    lines_and_fringes = engine.money_sum(
        [line.total for line in stored] + [line.fringe_total for line in stored]
    )
    markups = engine.money_sum(
        round_money(lines_and_fringes * m.percent / 100, "USD") for m in version.markups.all()
    )  # the default markups apply to all four sections (overhead, on two, is 0%)
    client.force_login(ap)
    page = client.get(
        reverse("budgets:top_sheet", args=[production.slug, version.id])
    ).content.decode()
    assert f'id="grand-total">{lines_and_fringes + markups:,.2f}<' in page
    assert f'id="budget-total">{lines_and_fringes:,.2f}<' in page
