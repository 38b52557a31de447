"""Timecards roll into hot costs. On a draft report, a person's hot cost actual for the day is
their timecard's pay for that day (its pay lines, not kit or mileage) once the timecard is
submitted or approved, and the line says so; otherwise it is worked out from the report's times
as before. A signed report's lines are frozen and never move: a timecard approved later shows on
the hot cost summary as the day's "payroll actual", beside the frozen figure."""

from __future__ import annotations

from datetime import time
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.daily_reports import hotcosts
from apps.daily_reports.hot import queries as hot
from apps.daily_reports.models import CrewTimes, DailyReport, HotCostLine, ReportState
from apps.payroll import services
from apps.productions.capabilities import Role
from apps.schedules.models import DayKind, ShootDay
from tests.factories import department_named, member
from tests.payroll.conftest import START, approved, filled

pytestmark = pytest.mark.django_db
# long_day() on the timecard: 500 + 150 (1.5x) + 150 (2x) + 75 (late meal) = 875.00 on Monday.
TIMECARD_MONDAY = "875.00"


@pytest.fixture
def report(production):
    day = ShootDay.objects.create(
        production=production, position=1, day_number=1, date=START, kind=DayKind.SHOOT
    )
    report = DailyReport.objects.create(production=production, shoot_day=day)
    CrewTimes.objects.create(
        report=report,
        department=department_named(production, "Camera"),
        time_in=time(7),
        meal_out=time(12),
        meal_in=time(12, 30),
        time_out=time(17, 30),
    )  # 10 hours worked: 500.00 from the report's times
    return report


def ada_line(report) -> HotCostLine:
    return HotCostLine.objects.get(report=report, label__startswith="Ada Lovelace")


def test_a_submitted_timecard_is_the_actual_of_a_draft_reports_line(report, engagement, timecard):
    hotcosts.refresh(report)
    assert str(ada_line(report).actual) == "500.00"  # from the report's times
    timecard = filled(timecard)
    hotcosts.refresh(report)
    assert str(ada_line(report).actual) == "500.00"  # a draft timecard is not the figure yet
    services.timecard_submit(timecard=timecard, expected_version=timecard.version)
    hotcosts.refresh(report)
    line = ada_line(report)
    assert str(line.actual) == TIMECARD_MONDAY
    notes = [d["rule"] for d in line.detail if d["side"] == "actual"]
    assert "from the timecard (submitted), week of 4 Mar 2030: its pay for the day" in notes


def test_a_signed_days_lines_stay_frozen_and_the_summary_shows_the_payroll_actual(
    client, production, report, engagement, timecard, head
):
    hotcosts.refresh(report)
    signer = member(production, Role.PRODUCTION_MANAGER)
    DailyReport.objects.filter(pk=report.pk).update(
        state=ReportState.SIGNED, signed_by=signer, signed_at=timezone.now()
    )
    approved(filled(timecard), head)
    assert str(ada_line(report).actual) == "500.00"  # frozen with the signed report
    (row,) = hot.summary(production)
    assert (row.labour.actual, row.payroll) == (Decimal("500.00"), Decimal(TIMECARD_MONDAY))
    client.force_login(signer)
    page = client.get(reverse("hot_costs:summary", args=[production.slug])).content.decode()
    assert "Payroll actual" in page and ">875.00<" in page
