"""Hot costs pay by the timecards' rules, weekly overtime included: a day's labour line counts
the straight hours of the same work week's earlier reports (worked out from their times, or the
timecard's straight time where a timecard was the figure) and pays the hours past the weekly
threshold 0.5x more, with the rule on the line. Worked out here by hand."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

import pytest

from apps.crew.models import PayRules
from apps.daily_reports import hotcosts
from apps.daily_reports.models import CrewTimes, DailyReport, HotCostLine
from apps.payroll import services
from apps.schedules.models import DayKind, ShootDay
from tests.factories import department_named
from tests.payroll.conftest import START, hire

pytestmark = pytest.mark.django_db
D = Decimal


def report_on(production, n: int) -> DailyReport:
    """Day n of the week (Monday 0): 07:00 to 17:30 with a half-hour meal: 10 h worked."""
    day = ShootDay.objects.create(
        production=production, position=n + 1, day_number=n + 1,
        date=START + timedelta(days=n), kind=DayKind.SHOOT,
    )  # fmt: skip
    report = DailyReport.objects.create(production=production, shoot_day=day)
    CrewTimes.objects.create(
        report=report, department=department_named(production, "Camera"), time_in=time(7),
        meal_out=time(12), meal_in=time(12, 30), time_out=time(17, 30),
    )  # fmt: skip
    return report


def line(report) -> HotCostLine:
    return HotCostLine.objects.get(report=report, label__startswith="Ada Lovelace")


@pytest.fixture
def hourly(production, version):
    """40.00 an hour, 1.5x after 12 h (a 10-hour day has no daily overtime); weekly overtime
    after 30 h."""
    PayRules.objects.create(production=production, week_overtime_after=D("30"))
    return hire(production, name="Ada Lovelace", rate=D("40"), unit="hour",
                overtime_after=D("12"), double_time_after=None)  # fmt: skip


def test_the_fourth_ten_hour_day_of_the_week_pays_its_weekly_overtime(production, hourly):
    reports = [report_on(production, n) for n in range(4)]
    for report in reports:
        hotcosts.refresh(report)
    straight = D("40") * 10
    assert [line(r).actual for r in reports[:3]] == [straight] * 3  # 10, 20, 30 h: none past 30
    thursday = line(reports[3])
    assert thursday.actual == straight + D("40") * D("0.5") * 10  # 10 h past 30 h: 600.00
    rules = [d["rule"] for d in thursday.detail if d["side"] == "actual"]
    assert "10 h past 30 h in the week: 0.5x more (1.5x in all)" in rules


def test_a_timecard_s_straight_time_counts_towards_the_week(production, hourly):
    monday = report_on(production, 0)
    timecard = services.timecard_start(engagement=hourly, day=START)
    twelve = {"kind": "work", "call": time(6), "wrap": time(19), "meal1_out": time(11),
              "meal1_in": time(11, 30), "meal2_out": time(16, 30),
              "meal2_in": time(17)}  # fmt: skip
    timecard = services.timecard_save(
        timecard=timecard, expected_version=timecard.version, days={START: twelve}
    )
    services.timecard_submit(timecard=timecard, expected_version=timecard.version)
    hotcosts.refresh(monday)
    assert line(monday).actual == D("480.00")  # the timecard's day: 12 h at 1x
    tuesday, wednesday = report_on(production, 1), report_on(production, 2)
    hotcosts.refresh(tuesday)
    hotcosts.refresh(wednesday)
    assert line(tuesday).actual == D("400.00")  # 22 h
    assert line(wednesday).actual == D("400.00") + D("20") * 2  # 32 h: 2 h past 30
