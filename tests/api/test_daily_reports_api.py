"""Daily reports, hot costs and closed cost periods through the API: read only, by the pages' own
rules (a report by every member, the hot cost and the periods only by the roles that see the
budget), money as exact decimals in strings, and query counts that do not grow with the rows.
Expected money is worked out here from what the test entered."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.budgets import services as budgets
from apps.daily_reports import services
from apps.daily_reports.models import CostItem, DailyReport, Event
from apps.productions.capabilities import Role
from apps.schedules.models import DayKind, ShootDay
from tests.api.conftest import client_with, token_for
from tests.budgets.factories import add_line, budget_from_template
from tests.callsheets.factories import shoot_day_with_crew
from tests.factories import member
from tests.schedules.factories import SceneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def production(production):
    production.first_shoot_day = date.today() + timedelta(days=40)
    production.save()
    return production


@pytest.fixture
def day(production):
    return shoot_day_with_crew(production, crew=1)


@pytest.fixture
def signed(production, day):
    """Day 1's report with a delay and a condor (planned 800.00, actual 950.50), signed off."""
    report = services.report_start(shoot_day=day)
    Event.objects.create(report=report, kind="delay", minutes=20, description="Ferry late")
    CostItem.objects.create(
        report=report, description="Condor", planned=Decimal("800.00"), actual=Decimal("950.50")
    )
    report = DailyReport.objects.get(pk=report.pk)
    return services.report_sign(
        report=report,
        expected_version=report.version,
        user=member(production, Role.PRODUCTION_MANAGER),
    )


def url(production, path: str) -> str:
    return f"/api/p/{production.slug}/{path}"


def as_role(production, role):
    return client_with(token_for(member(production, role)))


# --- Daily reports ------------------------------------------------------------------------------


def test_the_list_gives_each_report_with_its_state_and_pages(production, signed, api):
    body = api.get(url(production, "daily-reports/")).json()
    (row,) = body["results"]
    assert row["id"] == signed.pk and row["day_number"] == 1 and row["state"] == "signed"
    assert row["eighths_scheduled"] == 15  # scenes 1 (11/8) and 2 (4/8)
    assert row["signed_by"] == signed.signed_by.display_name


def test_one_report_has_every_section_and_its_money_as_exact_decimals(production, signed, api):
    body = api.get(url(production, f"daily-reports/{signed.pk}/")).json()
    assert [s["number"] for s in body["scenes"]] == ["1", "2"]
    assert body["events"] == [
        {"kind": "delay", "at": None, "minutes": 20, "description": "Ferry late"}
    ]
    (condor,) = body["costs"]
    assert isinstance(condor["actual"], str)
    assert Decimal(condor["planned"]) == Decimal("800.00")
    assert Decimal(condor["actual"]) == Decimal("950.50")
    assert {"units", "cast", "background", "crew", "exceptions", "remarks"} <= set(body)


def test_crew_read_reports_but_not_the_hot_cost_nor_the_periods(production, signed):
    crew = as_role(production, Role.CREW)
    assert crew.get(url(production, "daily-reports/")).status_code == 200
    assert crew.get(url(production, f"daily-reports/{signed.pk}/")).status_code == 200
    assert crew.get(url(production, "hot-costs/")).status_code == 403
    assert crew.get(url(production, "budget/cost-periods/")).status_code == 403


def test_the_day_s_other_costs_are_read_only_by_roles_that_see_the_budget(production, signed):
    # Money of the day is the hot cost's: a report read by crew or the 1st AD leaves it out.
    for role in (Role.CREW, Role.DEPARTMENT_HEAD):
        body = as_role(production, role).get(url(production, f"daily-reports/{signed.pk}/"))
        assert "costs" not in body.json() and "Condor" not in body.content.decode()
    for role in (Role.PRODUCER, Role.ACCOUNTANT):
        body = as_role(production, role).get(url(production, f"daily-reports/{signed.pk}/"))
        assert [c["description"] for c in body.json()["costs"]] == ["Condor"]


def test_an_outsider_gets_404_and_another_production_s_report_is_404(
    production, signed, outsider_api, outsider
):
    assert outsider_api.get(url(production, "daily-reports/")).status_code == 404
    assert outsider_api.get(url(production, f"daily-reports/{signed.pk}/")).status_code == 404
    theirs = outsider.memberships.first().production
    assert outsider_api.get(url(theirs, f"daily-reports/{signed.pk}/")).status_code == 404


# --- Hot costs ----------------------------------------------------------------------------------


def test_the_hot_cost_summary_gives_planned_actual_variance_and_cumulative(production, signed, api):
    body = api.get(url(production, "hot-costs/")).json()
    assert body["currency"] == production.currency
    (day,) = body["days"]
    assert day["report"] == signed.pk and day["state"] == "signed"
    other = day["other"]
    assert (Decimal(other["planned"]), Decimal(other["actual"])) == (
        Decimal("800.00"),
        Decimal("950.50"),
    )
    assert Decimal(other["variance"]) == Decimal("150.50")
    total = day["total"]
    labour = day["labour"]
    assert Decimal(total["actual"]) == Decimal(labour["actual"]) + Decimal("950.50")
    assert Decimal(total["variance"]) == Decimal(total["actual"]) - Decimal(total["planned"])
    # One signed day: the cumulative is that day.
    assert day["cumulative"]["actual"] == total["actual"]
    assert body["forecast"]["signed_days"] == 1


def test_a_draft_day_has_no_cumulative(production, day, api):
    services.report_start(shoot_day=day)
    (row,) = api.get(url(production, "hot-costs/")).json()["days"]
    assert row["state"] == "draft" and row["cumulative"] is None


# --- Cost periods -------------------------------------------------------------------------------


@pytest.fixture
def periods(production):
    """Week 1 at a 10,000 budget; week 2 after 12,000 spent: EFC 12,000, +2,000."""
    version = budget_from_template(production)
    version.markups.all().delete()
    add_line(version, "3307", rate="10000", description="Camera package")
    first = budgets.period_close(production=production, week_ending=date(2026, 1, 11))
    budgets.actual_post(
        production=production, account_number="3307", amount=Decimal("12000"),
        date=date(2026, 1, 15), payee="Cams", description="Week 2",
    )  # fmt: skip
    second = budgets.period_close(
        production=production, week_ending=date(2026, 1, 18), notes={"account:3307": "Body"}
    )
    return first, second


def test_the_periods_list_the_latest_first_with_their_efc_and_change(production, periods, api):
    rows = api.get(url(production, "budget/cost-periods/")).json()["results"]
    assert [r["week_ending"] for r in rows] == ["2026-01-18", "2026-01-11"]
    assert Decimal(rows[0]["efc"]) == Decimal("12000") and Decimal(rows[0]["change"]) == 2000
    assert Decimal(rows[1]["efc"]) == Decimal("10000") and rows[1]["change"] is None


def test_one_period_has_every_row_of_its_frozen_report(production, periods, api):
    _, second = periods
    body = api.get(url(production, f"budget/cost-periods/{second.pk}/")).json()
    camera = next(line for line in body["lines"] if line["key"] == "account:3307")
    assert Decimal(camera["budget"]) == Decimal("10000")
    assert Decimal(camera["actual"]) == Decimal("12000")
    assert Decimal(camera["previous_efc"]) == Decimal("10000")
    assert Decimal(camera["change"]) == Decimal("2000") and camera["note"] == "Body"
    assert [line["position"] for line in body["lines"]] == sorted(
        line["position"] for line in body["lines"]
    )


def test_the_accountant_reads_the_periods_and_the_coordinator_does_not(production, periods):
    assert (
        as_role(production, Role.ACCOUNTANT)
        .get(url(production, "budget/cost-periods/"))
        .status_code
        == 200
    )
    assert (
        as_role(production, Role.COORDINATOR)
        .get(url(production, "budget/cost-periods/"))
        .status_code
        == 403
    )


# --- Query counts -------------------------------------------------------------------------------


def _reports(production, start: int, count: int) -> list[DailyReport]:
    found = []
    for n in range(start, start + count):
        day = ShootDay.objects.create(
            production=production, position=10 + n, day_number=10 + n, kind=DayKind.SHOOT,
            date=production.first_shoot_day + timedelta(days=10 + n), call_time=time(7),
        )  # fmt: skip
        SceneFactory(production=production, number=f"{n}A", shoot_day=day, eighths=3)
        report = services.report_start(shoot_day=day)
        CostItem.objects.create(report=report, description="Van", planned=10, actual=12)
        Event.objects.create(report=report, description="Rain", minutes=5)
        found.append(report)
    return found


def _count(api, path: str) -> int:
    api.get(path)  # warm: the token's first use is noted once
    with CaptureQueriesContext(connection) as queries:
        response = api.get(path)
    assert response.status_code == 200, response.content[:300]
    return len(queries)


def test_no_endpoint_reads_more_queries_with_more_rows(production, api):
    budget_from_template(production)
    first = _reports(production, 1, 2)
    paths = ["daily-reports/", f"daily-reports/{first[0].pk}/", "hot-costs/"]
    budgets.period_close(production=production, week_ending=date(2026, 1, 4))
    few = {p: _count(api, url(production, p)) for p in [*paths, "budget/cost-periods/"]}
    _reports(production, 3, 6)
    for n in range(1, 5):
        budgets.period_close(
            production=production, week_ending=date(2026, 1, 4) + timedelta(weeks=n)
        )
    many = {p: _count(api, url(production, p)) for p in [*paths, "budget/cost-periods/"]}
    assert many == few
    assert max(few.values()) <= 20, few
