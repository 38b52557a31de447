"""Hot costs (apps/daily_reports/hotcosts.py and the pages under /hot-costs/): planned against
actual pay of everyone engaged on a shoot day, and the day's other costs. Every expected amount is
worked out by hand below, never through the pay engine."""

from __future__ import annotations

import csv
import io
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from apps.callsheets.models import CallSheet, Revision
from apps.callsheets.sheet import CrewDepartment, CrewRow, Sheet
from apps.core import freshness
from apps.crew.models import DayAssignment, MemoState, PayRules
from apps.daily_reports import hotcosts
from apps.daily_reports.models import (
    CostItem,
    CrewException,
    CrewTimes,
    DailyReport,
    ReportState,
)
from apps.productions.capabilities import Role
from apps.schedules.models import DayKind, ShootDay
from tests.crew.factories import (
    DealMemoFactory,
    DepartmentFactory,
    EngagementFactory,
    PersonFactory,
    PositionFactory,
)
from tests.factories import member
from tests.spreadsheets import recalculated

pytestmark = pytest.mark.django_db

D = Decimal
MONDAY = date(2027, 3, 1)
COST_LABEL = '=HYPERLINK("http://x") Condor "lift"\nrental — Zürich'


def hire(production, department, name, *, rate, unit="day", ot=None, dt=None, state=None):
    """Someone on the crew list from a week before MONDAY, under a memo in `state`."""
    position = PositionFactory(department=department, title=f"{name}'s job")
    person = PersonFactory(production=production, name=name)
    memo = DealMemoFactory(
        position=position,
        person=person,
        rate=D(rate),
        unit=unit,
        overtime_after=ot,
        double_time_after=dt,
        state=state or MemoState.COUNTERSIGNED,
        start_date=MONDAY - timedelta(days=7),
        end_date=MONDAY + timedelta(days=30),
    )
    EngagementFactory(
        position=position,
        person=person,
        deal_memo=memo,
        start_date=MONDAY - timedelta(days=7),
        end_date=MONDAY + timedelta(days=30),
    )
    return person, memo


def shoot_day(production, day: date, position: int, **kwargs) -> ShootDay:
    return ShootDay.objects.create(
        production=production,
        position=position,
        date=day,
        kind=DayKind.SHOOT,
        day_number=position,
        **kwargs,
    )


def publish(day: ShootDay, **sheet) -> Revision:
    call_sheet = CallSheet.objects.create(production=day.production, shoot_day=day)
    return Revision.objects.create(
        production=day.production,
        call_sheet=call_sheet,
        number=1,
        data=Sheet(**sheet).to_json(),
        published_at=timezone.now(),
    )


def report_for(day: ShootDay, revision=None) -> DailyReport:
    return DailyReport.objects.create(
        production=day.production, shoot_day=day, call_sheet_revision=revision
    )


def sign(report: DailyReport) -> None:
    DailyReport.objects.filter(pk=report.pk).update(
        state=ReportState.SIGNED, signed_at=timezone.now()
    )
    report.refresh_from_db()


@pytest.fixture
def world(production):
    """Monday's shoot: Camera (a day-rate DP, an hourly 1st AC with their own times), Grip (a
    weekly key grip who did not come, a day player), someone whose memo is only sent, one cost."""
    camera = DepartmentFactory(production=production, name="Camera", order=1)
    grip = DepartmentFactory(production=production, name="Grip", order=2)
    alex, alex_memo = hire(production, camera, "Alex O'Neil", rate="600", ot=D("10"), dt=D("12"))
    blair, _ = hire(
        production, camera, "Blair “Focus” Ng", rate="40", unit="hour", ot=D("8"), dt=D("10")
    )
    casey, _ = hire(production, grip, "Casey Grip", rate="2500", unit="week", ot=D("10"))
    hire(production, grip, "Dana Sent", rate="999", ot=D("10"), state=MemoState.SENT)
    day = shoot_day(production, MONDAY, 1, call_time=time(8), wrap_time=time(20))
    eli = PersonFactory(production=production, name="Eli Day-Player")
    eli_position = PositionFactory(department=grip, title="Grip (day)")
    DealMemoFactory(
        position=eli_position, person=eli, rate=D("450"), overtime_after=D("10"),
        state=MemoState.COUNTERSIGNED, start_date=MONDAY, end_date=MONDAY,
    )  # fmt: skip
    DayAssignment.objects.create(
        production=production, shoot_day=day, person=eli, position=eli_position
    )
    revision = publish(
        day,
        general_call="07:00",
        lunch="13:00",
        wrap="18:30",
        crew=[CrewDepartment("Camera", [CrewRow(person=alex.pk, name=alex.name, call="07:00")])],
    )
    report = report_for(day, revision)
    CrewTimes.objects.create(
        report=report, department=camera, time_in=time(7), meal_out=time(13, 45),
        meal_in=time(14, 15), time_out=time(20, 30),
    )  # fmt: skip
    CrewTimes.objects.create(
        report=report, department=grip, time_in=time(7), meal_out=time(13),
        meal_in=time(13, 30), time_out=time(18, 30),
    )  # fmt: skip
    CrewException.objects.create(
        report=report, person=blair, time_in=time(6), meal_out=time(12),
        meal_in=time(12, 30), time_out=time(19), reason="Early prep, \"camera\" truck",
    )  # fmt: skip
    CrewException.objects.create(report=report, person=casey, absent=True, reason="Sick")
    CostItem.objects.create(
        report=report, description=COST_LABEL, planned=D("800.00"), actual=D("950.00")
    )
    return {"report": report, "alex_memo": alex_memo, "day": day}


# By hand (the call sheet plans 07:00 to 18:30 with lunch 13:00-13:30: 11 h worked, no penalty):
# Alex, 600/day, 1.5x after 10 h, 2x after 12 h (hour = 60):
#   planned 600 + 1 h x 90 = 690.00
#   actual (Camera 07:00-20:30, meal 13:45-14:15: 13 h) 600 + 2 h x 90 + 1 h x 120 = 900, meal
#   6 h 45 after call: 2 half hours x 25 = 50, then 14:15-20:30 is 6 h 15: 1 x 25 -> 975.00
# Blair, 40/h, 1.5x after 8, 2x after 10:
#   planned 8 x 40 + 2 x 60 + 1 x 80 = 520.00
#   actual (own 06:00-19:00, meal 12:00-12:30: 12 h 30) 320 + 120 + 2.5 x 80 = 640, and
#   12:30-19:00 is 6 h 30: 1 x 25 -> 665.00
# Casey, 2,500/week (a day 500, hour 50), 1.5x after 10: planned 500 + 1 x 75 = 575.00; absent: 0
# Eli, day player 450/day, 1.5x after 10 (hour 45): planned = actual (Grip's day = the plan)
#   450 + 1 x 67.50 = 517.50
EXPECTED = {
    "Alex O'Neil": (D("690.00"), D("975.00")),
    "Blair “Focus” Ng": (D("520.00"), D("665.00")),
    "Casey Grip": (D("575.00"), D("0.00")),
    "Eli Day-Player": (D("517.50"), D("517.50")),
}


def by_person(report) -> dict:
    return {
        line.person.name: (line.planned, line.actual)
        for line in report.hot_costs.filter(kind="labour").select_related("person")
    }


def test_a_days_hot_cost_with_overtime_a_late_meal_an_exception_and_an_absence(world):
    report = world["report"]
    hotcosts.refresh(report)
    assert by_person(report) == EXPECTED
    other = report.hot_costs.get(kind="other")
    assert (other.label, other.planned, other.actual) == (COST_LABEL, D("800.00"), D("950.00"))
    lines = list(report.hot_costs.all())
    assert sum(line.planned for line in lines) == D("3102.50")
    assert sum(line.actual for line in lines) == D("3107.50")
    # Department order, then the other costs last.
    assert [line.department for line in lines] == ["Camera", "Camera", "Grip", "Grip", ""]


def test_each_line_keeps_its_rules_in_words_and_no_record_ids(world):
    report = world["report"]
    hotcosts.refresh(report)
    alex = report.hot_costs.get(person__name="Alex O'Neil")
    rules = [item["rule"] for item in alex.detail if item["side"] == "actual"]
    assert "2 h at 1.5x after 10 h" in rules
    assert "1 h at 2x after 12 h" in rules
    assert "meal penalty: meal 6 h 45 after call (rule: 6 h): 2 half hours late" in rules
    casey = report.hot_costs.get(person__name="Casey Grip")
    assert {"side": "actual", "rule": "did not work"}.items() <= casey.detail[-1].items()
    text = str([line.detail for line in report.hot_costs.all()])
    person_ids = {str(line.person_id) for line in report.hot_costs.exclude(person=None)}
    for item in (i for line in report.hot_costs.all() for i in line.detail):
        assert set(item) == {"side", "code", "rule", "hours", "rate", "amount"}
        assert not ({str(v) for v in item.values()} & person_ids)
    assert "person" not in text and "pk" not in text


def test_a_refresh_rewrites_a_draft_from_its_current_times(world):
    report = world["report"]
    hotcosts.refresh(report)
    # Camera wrapped at 18:30 after all, meal 13:00-13:30: Alex's day is the plan.
    CrewTimes.objects.filter(report=report, department__name="Camera").update(
        meal_out=time(13), meal_in=time(13, 30), time_out=time(18, 30)
    )
    hotcosts.refresh(report)
    assert by_person(report)["Alex O'Neil"] == (D("690.00"), D("690.00"))
    assert report.hot_costs.count() == 5


def test_a_signed_reports_hot_cost_never_changes_even_after_the_memo_is_amended(world, client):
    report, memo = world["report"], world["alex_memo"]
    hotcosts.refresh(report)
    before = list(report.hot_costs.values_list("label", "planned", "actual", "detail"))
    sign(report)
    memo.rate = D("900")
    memo.save()
    with pytest.raises(hotcosts.HotCostError) as refused:
        hotcosts.refresh(report)
    assert refused.value.message == hotcosts.REPORT_SIGNED
    assert list(report.hot_costs.values_list("label", "planned", "actual", "detail")) == before
    client.force_login(member(report.production, Role.PRODUCTION_MANAGER))
    url = reverse(
        "hot_costs:refresh", kwargs={"production_slug": report.production.slug, "pk": report.pk}
    )
    client.post(url)
    assert list(report.hot_costs.values_list("label", "planned", "actual", "detail")) == before
    page = client.get(
        reverse(
            "hot_costs:day", kwargs={"production_slug": report.production.slug, "pk": report.pk}
        )
    )
    assert "975.00" in page.content.decode()


def test_the_sixth_day_in_the_week_costs_its_premium_and_an_absence_takes_a_day_off_it(production):
    camera = DepartmentFactory(production=production, name="Camera")
    sam, _ = hire(production, camera, "Sam", rate="500", ot=D("10"))
    kim, _ = hire(production, camera, "Kim", rate="500", ot=D("10"))
    reports = []
    for n in range(6):  # Monday to Saturday
        day = shoot_day(production, MONDAY + timedelta(days=n), n + 1, call_time=time(7))
        report = report_for(day)
        CrewTimes.objects.create(
            report=report, department=camera, time_in=time(7), meal_out=time(12),
            meal_in=time(12, 30), time_out=time(17, 30),
        )  # fmt: skip
        reports.append(report)
    CrewException.objects.create(report=reports[2], person=kim, absent=True)
    saturday = reports[5]
    hotcosts.refresh(saturday)
    # Both plan and work 10 h (no overtime): 500. Sam's sixth day adds (1.5 - 1) x 500 = 250;
    # Kim missed Wednesday, so Saturday is only their fifth day.
    assert by_person(saturday) == {
        "Sam": (D("750.00"), D("750.00")),
        "Kim": (D("500.00"), D("500.00")),
    }
    # A production whose week starts on Saturday: Saturday is everyone's first day.
    PayRules.objects.create(production=production, week_starts=5)
    hotcosts.refresh(saturday)
    assert by_person(saturday) == {
        "Sam": (D("500.00"), D("500.00")),
        "Kim": (D("500.00"), D("500.00")),
    }


def test_a_wrap_after_midnight_is_costed_as_the_same_night(production):
    grip = DepartmentFactory(production=production, name="Grip")
    hire(production, grip, "Noor", rate="400", ot=D("10"), dt=D("12"))
    day = shoot_day(production, MONDAY, 1, call_time=time(14), wrap_time=time(0, 30))
    report = report_for(day)
    CrewTimes.objects.create(
        report=report, department=grip, time_in=time(14), meal_out=time(19),
        meal_in=time(19, 30), time_out=time(3),
    )  # fmt: skip
    hotcosts.refresh(report)
    # Planned 14:00-00:30 with the meal when due (20:00-20:30): 10 h, 400.
    # Actual 14:00-03:00 less 30 min = 12 h 30: 400 + 2 h x 60 + 30 min x 80 = 560, and
    # 19:30-03:00 is 7 h 30 with no meal: 3 half hours x 25 = 75 -> 635.
    assert by_person(report) == {"Noor": (D("400.00"), D("635.00"))}


def test_the_production_meal_rule_changes_the_penalty(world):
    PayRules.objects.create(
        production=world["report"].production, meal_due_hours=D("7"), meal_penalty=D("10.00")
    )
    hotcosts.refresh(world["report"])
    # Alex's meal at 6 h 45 is in time under a 7 h rule, and so is 14:15-20:30; 900.00 is left.
    assert by_person(world["report"])["Alex O'Neil"][1] == D("900.00")


def test_the_cumulative_and_the_forecast_count_signed_days_only(production, client):
    camera = DepartmentFactory(production=production, name="Camera")
    hire(production, camera, "Ola", rate="500", ot=D("10"))
    reports = []
    for n, wrap in enumerate([time(18, 30), time(19, 30), time(17, 30)]):
        day = shoot_day(production, MONDAY + timedelta(days=n), n + 1, call_time=time(7))
        report = report_for(day)
        CrewTimes.objects.create(
            report=report, department=camera, time_in=time(7), meal_out=time(12),
            meal_in=time(12, 30), time_out=wrap,
        )  # fmt: skip
        hotcosts.refresh(report)
        reports.append(report)
    for n in range(3, 5):  # two shoot days still to come
        shoot_day(production, MONDAY + timedelta(days=n), n + 1)
    sign(reports[0])
    sign(reports[1])
    # Day 1: 11 h, 500 + 1 h x 75 = 575 (12:30-18:30 is 6 h: no penalty). Day 2: 12 h,
    # 500 + 2 x 75 = 650, and 12:30-19:30 is 7 h: 2 half hours, 50 -> 700. Planned 500 each.
    # Signed actual 1,275; average 637.50; 3 days to go (day 3 is a draft, days 4 and 5):
    # forecast 1,275 + 3 x 637.50 = 3,187.50.
    client.force_login(member(production, Role.ACCOUNTANT))
    url = reverse("hot_costs:day", kwargs={"production_slug": production.slug, "pk": reports[2].pk})
    page = client.get(url).context["page"]
    assert page.cumulative.actual == D("1275.00")
    assert page.cumulative.variance == D("275.00")
    assert page.forecast.labour == D("3187.50")
    assert page.forecast.remaining_days == 3
    body = client.get(url).content.decode()
    assert "3,187.50" in body and "average actual labour of a signed day" in body
    summary = client.get(reverse("hot_costs:summary", kwargs={"production_slug": production.slug}))
    assert summary.status_code == 200
    assert "<svg" in summary.content.decode()
    cumulative = [row.cumulative for row in summary.context["rows"]]
    assert [c.variance if c else None for c in cumulative] == [D("75.00"), D("275.00"), None]


def test_the_day_page_shows_each_persons_lines_with_their_rules(world, client):
    report = world["report"]
    hotcosts.refresh(report)
    client.force_login(member(report.production, Role.PRODUCER))
    url = reverse(
        "hot_costs:day", kwargs={"production_slug": report.production.slug, "pk": report.pk}
    )
    body = client.get(url).content.decode()
    assert "meal penalty: meal 6 h 45 after call (rule: 6 h): 2 half hours late" in body
    assert "Blair “Focus” Ng" in body and "did not work" in body
    assert "+5.00" in body  # the day: 3,107.50 against 3,102.50


def test_the_xlsx_keeps_live_formulas_that_add_up(world, client, tmp_path):
    report = world["report"]
    hotcosts.refresh(report)
    client.force_login(member(report.production, Role.ASSOCIATE_PRODUCER))
    slug = report.production.slug
    day_url = reverse("hot_costs:day", kwargs={"production_slug": slug, "pk": report.pk})
    data = client.get(day_url + "?format=xlsx").content
    raw = load_workbook(io.BytesIO(data))["Hot cost"]
    assert raw["F2"].value == "=E2-D2"
    assert raw["B6"].value == COST_LABEL  # user text stays text
    sheet = recalculated(data, tmp_path)["Hot cost"]
    assert [sheet["D7"].value, sheet["E7"].value, sheet["F7"].value] == [3102.5, 3107.5, 5]
    sign(report)
    summary = client.get(
        reverse("hot_costs:summary", kwargs={"production_slug": slug}) + "?format=xlsx"
    )
    book = recalculated(summary.content, tmp_path / "2")["Hot costs"]
    assert [book["H2"].value, book["I2"].value, book["J2"].value, book["K2"].value] == [
        3102.5, 3107.5, 5, 5,
    ]  # fmt: skip


def test_the_csv_writes_formula_looking_text_inert(world, client):
    report = world["report"]
    hotcosts.refresh(report)
    client.force_login(member(report.production, Role.ASSOCIATE_PRODUCER))
    url = reverse(
        "hot_costs:day", kwargs={"production_slug": report.production.slug, "pk": report.pk}
    )
    rows = list(csv.reader(io.StringIO(client.get(url + "?format=csv").content.decode())))
    assert rows[5][:2] == ["Other costs", "'" + COST_LABEL]
    assert rows[-1][3:] == ["3102.50", "3107.50", "5.00"]


# --- Access ---------------------------------------------------------------------------------------


def urls(report) -> dict:
    kwargs = {"production_slug": report.production.slug}
    return {
        "summary": reverse("hot_costs:summary", kwargs=kwargs),
        "day": reverse("hot_costs:day", kwargs={**kwargs, "pk": report.pk}),
        "refresh": reverse("hot_costs:refresh", kwargs={**kwargs, "pk": report.pk}),
    }


def test_outsiders_get_404_and_crew_and_department_heads_403(world, client, outsider):
    report = world["report"]
    hotcosts.refresh(report)
    for url in urls(report).values():
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
        for role in (Role.CREW, Role.DEPARTMENT_HEAD, Role.COORDINATOR):
            client.force_login(member(report.production, role))
            assert client.get(url).status_code == 403, (role, url)
            assert client.post(url).status_code == 403, (role, url)


def test_the_accountant_reads_but_only_the_drafters_work_it_out_again(world, client):
    report = world["report"]
    hotcosts.refresh(report)
    client.force_login(member(report.production, Role.ACCOUNTANT))
    assert client.get(urls(report)["day"]).status_code == 200
    assert client.post(urls(report)["refresh"]).status_code == 403
    client.force_login(member(report.production, Role.ASSOCIATE_PRODUCER))
    assert client.post(urls(report)["refresh"]).status_code == 302


def test_another_productions_report_is_not_found(world, client):
    other = DepartmentFactory().production
    client.force_login(member(other, Role.PRODUCER))
    url = reverse("hot_costs:day", kwargs={"production_slug": other.slug, "pk": world["report"].pk})
    assert client.get(url).status_code == 404


# --- Queries do not grow with the crew ------------------------------------------------------------


def day_with_crew(production, size: int, position: int) -> DailyReport:
    camera = DepartmentFactory(production=production, name=f"Camera {position}", order=position)
    for n in range(size):
        person, _ = hire(production, camera, f"P{position}-{n}", rate="500", ot=D("10"))
        if n % 3 == 0:
            booked = PersonFactory(production=production, name=f"DP{position}-{n}")
            DealMemoFactory(position=PositionFactory(department=camera), person=booked,
                            state=MemoState.ACCEPTED, start_date=MONDAY,
                            end_date=MONDAY + timedelta(days=30))  # fmt: skip
    day = shoot_day(production, MONDAY + timedelta(days=position), position, call_time=time(7))
    for person in production.people.filter(name__startswith=f"DP{position}-"):
        DayAssignment.objects.create(production=production, shoot_day=day, person=person)
    report = report_for(day, publish(day, general_call="07:00", wrap="19:00", lunch="12:00"))
    CrewTimes.objects.create(
        report=report, department=camera, time_in=time(7), meal_out=time(12),
        meal_in=time(12, 30), time_out=time(20),
    )  # fmt: skip
    for person in production.people.filter(name__startswith=f"P{position}-")[:2]:
        CrewException.objects.create(report=report, person=person, time_out=time(21))
    return report


def counted(call) -> int:
    freshness.settle()
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def test_queries_do_not_grow_with_the_crew(production, client):
    shoot_day(production, MONDAY, 10)  # a day before both in their week
    small, large = day_with_crew(production, 3, 1), day_with_crew(production, 24, 2)
    assert counted(lambda: hotcosts.refresh(small)) == counted(lambda: hotcosts.refresh(large))
    # The first day's 3 are engaged on the second too; 8 day players are booked on it.
    assert large.hot_costs.count() == 3 + 24 + 8
    client.force_login(member(production, Role.PRODUCER))
    pages = [urls(small)["day"], urls(large)["day"]]
    assert counted(lambda: client.get(pages[0])) == counted(lambda: client.get(pages[1]))
    summary = urls(small)["summary"]
    assert counted(lambda: client.get(summary)) <= 12


def test_saving_the_draft_works_its_hot_cost_out_again(world):
    """The report's edit page saves through report_save: the hot cost follows the saved times
    without anyone pressing "Work out again"."""
    from apps.daily_reports import services

    report = world["report"]
    assert not report.hot_costs.exists()
    camera = report.crew.get(department__name="Camera")
    camera.meal_out, camera.meal_in, camera.time_out = time(13), time(13, 30), time(18, 30)
    services.report_save(
        report=report,
        expected_version=report.version,
        sections=[services.Section(CrewTimes, saved=[camera])],
    )
    assert by_person(report)["Alex O'Neil"] == (D("690.00"), D("690.00"))
    assert by_person(report)["Blair “Focus” Ng"] == EXPECTED["Blair “Focus” Ng"]
