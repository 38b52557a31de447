"""Budget writes through the API go through the budget services, as the account, globals and
fringes pages do: totals follow, a stale line is refused with 409 and the page's message, a
locked version refuses with 409, bad input is a 400 on its field, and the audit trail names the
token's owner."""

from __future__ import annotations

from decimal import Decimal

import pytest

from apps.budgets import queries
from apps.budgets.models import DetailLine, VersionStatus
from apps.budgets.services import editing
from apps.core.locking import STALE_EDIT_MESSAGE
from tests.budgets.factories import account, add_line, budget_from_template, values

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(production):
    return budget_from_template(production)


def url(production, version, rest: str = "") -> str:
    return f"/api/p/{production.slug}/budget/versions/{version.pk}/{rest}"


def test_a_line_added_through_the_api_is_worked_out_and_audited(production, ap, api, version):
    acc = account(version, "2001")
    response = api.post(
        url(production, version, "lines/"),
        {
            "account": acc.pk,
            "description": 'Director\'s "prep", =1+1\nweek two',
            "amount_formula": "2",
            "units": "weeks",
            "rate_formula": "1500.50",
            "fringes": [],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["description"] == 'Director\'s "prep", =1+1\nweek two'
    assert Decimal(body["total"]) == Decimal("3001.00")
    line = DetailLine.objects.get(pk=body["id"])
    assert line.history.latest().history_user == ap
    version.refresh_from_db()
    assert version.lines_total == Decimal("3001.00")


def test_a_line_changes_from_the_version_it_was_read_at(production, ap, api, version):
    line = add_line(version, rate="100")
    read = api.get(url(production, version, f"lines/{line.pk}/")).json()
    changed = api.patch(
        url(production, version, f"lines/{line.pk}/"),
        {"rate_formula": "250", "version": read["version"]},
        format="json",
    )
    assert changed.status_code == 200, changed.json()
    assert Decimal(changed.json()["total"]) == Decimal("250.00")
    assert changed.json()["version"] == read["version"] + 1
    assert changed.json()["description"] == line.description  # what the PATCH left out stays
    line.refresh_from_db()
    assert line.history.latest().history_user == ap


def test_a_stale_line_is_refused_with_409_and_nothing_changes(production, api, version):
    line = add_line(version, rate="100")
    stale = line.version
    editing.line_update(line=line, values=values(rate="120"), expected_version=stale)
    response = api.patch(
        url(production, version, f"lines/{line.pk}/"),
        {"rate_formula": "999", "version": stale},
        format="json",
    )
    assert response.status_code == 409
    assert response.json() == {"detail": STALE_EDIT_MESSAGE.format(what="budget line")}
    line.refresh_from_db()
    assert line.rate == Decimal("120")


def test_a_change_without_the_version_read_is_a_400(production, api, version):
    line = add_line(version)
    response = api.patch(
        url(production, version, f"lines/{line.pk}/"), {"rate_formula": "1"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"version": ["This field is required."]}


def test_a_formula_that_does_not_work_out_is_a_400_on_its_field(production, api, version):
    acc = account(version, "2001")
    response = api.post(
        url(production, version, "lines/"),
        {"account": acc.pk, "description": "x", "rate_formula": "NO_SUCH_GLOBAL * 2"},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["rate_formula"]
    assert "NO_SUCH_GLOBAL" in response.json()["rate_formula"][0]


def test_bad_input_is_a_400_with_field_errors(production, api, version):
    response = api.post(
        url(production, version, "lines/"),
        {"account": "first", "units": "fortnights", "exchange_rate": "-1"},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"account", "units", "exchange_rate"}


def test_an_account_of_another_version_is_a_400(production, api, version):
    other = budget_from_template(production, name="Another budget")
    response = api.post(
        url(production, version, "lines/"),
        {"account": account(other, "2001").pk, "description": "x"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"account": ["This version has no account with that id."]}


def test_a_locked_version_refuses_with_409(production, api, version):
    line = add_line(version)
    version.status, version.approved_at = VersionStatus.APPROVED, version.created_at
    version.save()
    response = api.delete(url(production, version, f"lines/{line.pk}/"))
    assert response.status_code == 409
    assert response.json() == {"detail": editing.VERSION_LOCKED}
    assert DetailLine.objects.filter(pk=line.pk).exists()


def test_deleting_a_line_updates_the_kept_totals(production, api, version):
    line = add_line(version, rate="100")
    assert api.delete(url(production, version, f"lines/{line.pk}/")).status_code == 204
    version.refresh_from_db()
    assert not DetailLine.objects.filter(pk=line.pk).exists()
    assert version.lines_total == Decimal(0)


def test_a_line_of_another_productions_budget_is_404(production, api, version):
    from tests.factories import ProductionFactory

    elsewhere = budget_from_template(ProductionFactory())
    line = add_line(elsewhere)
    assert api.get(url(production, elsewhere, f"lines/{line.pk}/")).status_code == 404
    assert api.get(url(production, version, f"lines/{line.pk}/")).status_code == 404


def test_setting_a_global_works_out_the_lines_that_read_it(production, ap, api, version):
    created = api.post(
        url(production, version, "globals/"), {"name": "crew_weeks", "value": "4"}, format="json"
    )
    assert created.status_code == 201, created.json()
    assert created.json()["name"] == "CREW_WEEKS"
    line = add_line(version, amount="CREW_WEEKS", rate="1000")
    changed = api.patch(url(production, version, "globals/CREW_WEEKS/"), {"value": "6"}, "json")
    assert changed.status_code == 200, changed.json()
    line.refresh_from_db()
    assert line.total == Decimal("6000.00")
    assert line.history.latest().history_user == ap
    in_use = api.delete(url(production, version, "globals/CREW_WEEKS/"))
    assert in_use.status_code == 409
    assert in_use.json() == {"detail": editing.GLOBAL_IN_USE.format(name="CREW_WEEKS", count=1)}


def test_a_global_that_reads_itself_is_a_400_on_value(production, api, version):
    api.post(url(production, version, "globals/"), {"name": "A", "value": "1"}, format="json")
    response = api.patch(url(production, version, "globals/A/"), {"formula": "A + 1"}, "json")
    assert response.status_code == 400
    assert list(response.json()) == ["value"]


def test_a_fringe_is_added_and_changed_and_its_lines_follow(production, api, version):
    made = api.post(
        url(production, version, "fringes/"),
        {"code": "pen", "name": "Pension", "kind": "percent", "rate": "10"},
        format="json",
    )
    assert made.status_code == 201, made.json()
    fringe = made.json()
    assert fringe["code"] == "PEN"
    line = add_line(version, rate="1000", fringes=[fringe["id"]])
    assert line.fringe_total == Decimal("100.00")
    changed = api.patch(
        url(production, version, f"fringes/{fringe['id']}/"), {"rate": "20"}, "json"
    )
    assert changed.status_code == 200, changed.json()
    line.refresh_from_db()
    assert line.fringe_total == Decimal("200.00")
    clash = api.post(
        url(production, version, "fringes/"),
        {"code": "PEN", "name": "Again", "kind": "percent", "rate": "1"},
        format="json",
    )
    assert clash.status_code == 400
    assert clash.json() == {"code": [editing.FRINGE_CODE_TAKEN.format(code="PEN")]}


def test_the_cost_report_reads_as_the_page_does(production, api, version):
    add_line(version, rate="2500")
    response = api.get(f"/api/p/{production.slug}/budget/cost-report/")
    assert response.status_code == 200
    report = queries.cost_report(production)
    body = response.json()
    assert Decimal(body["total"]["budget"]) == report.total.budget
    assert Decimal(body["grand_total"]) == report.grand_total
    assert body["version"]["is_current"] is True
    assert [s["number"] for s in body["sections"]] == [s.number for s in report.sections]


def test_versions_list_their_kept_totals(production, api, version):
    add_line(version, rate="100")
    found = api.get(f"/api/p/{production.slug}/budget/versions/").json()["results"]
    assert [(v["id"], Decimal(v["lines_total"]), v["is_current"]) for v in found] == [
        (version.pk, Decimal("100.00"), True)
    ]


def test_a_fringe_of_another_version_is_a_400(production, api, version):
    other = budget_from_template(production, name="Another budget")
    foreign = other.fringes.first().pk
    response = api.post(
        url(production, version, "lines/"),
        {"account": account(version, "2001").pk, "description": "x", "fringes": [foreign]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "fringes": [f"This version has no fringe with the id(s) [{foreign}]."]
    }


def test_changing_a_globals_description_keeps_its_value(production, api, version):
    api.post(url(production, version, "globals/"), {"name": "WEEKS", "value": "3"}, format="json")
    response = api.patch(
        url(production, version, "globals/WEEKS/"), {"description": "Prep, in weeks"}, "json"
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["value"], response.json()["description"]) == (
        "3.000000",
        "Prep, in weeks",
    )
