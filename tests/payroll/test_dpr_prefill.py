"""The daily report's times prefill timecards. Only a **signed** report prefills (a draft's
times still move): a blank day of a draft timecard takes the person's own times on the report
(their exception), else their department's, else the main unit's call to last out, with its
meals, as a work day, and the day says which report it came from. A day the person entered is
never overwritten, a submitted or approved timecard never changes, and someone marked absent is
left blank. It happens when a timecard starts and when a report is signed."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.daily_reports import services as reports
from apps.daily_reports.models import (
    CrewException,
    CrewTimes,
    DailyReport,
    ReportState,
    SceneResult,
    UnitTimes,
)
from apps.payroll import services
from apps.payroll.models import TimecardDay
from apps.productions.capabilities import Role
from apps.schedules.models import DayKind, ShootDay
from tests.factories import department_named, member
from tests.payroll.conftest import START, filled, long_day

pytestmark = pytest.mark.django_db


def report(production, day: int, *, signed=True) -> DailyReport:
    shoot_day = ShootDay.objects.create(
        production=production,
        position=day,
        day_number=day,
        date=START + timedelta(days=day - 1),
        kind=DayKind.SHOOT,
    )
    return DailyReport.objects.create(
        production=production,
        shoot_day=shoot_day,
        **(
            {"state": ReportState.SIGNED, "signed_by": member(production, Role.PRODUCTION_MANAGER)}
            if signed
            else {}
        ),
        signed_at=timezone.now() if signed else None,
    )


def camera_times(report_, production, **times):
    defaults = {"time_in": time(7), "meal_out": time(13), "meal_in": time(13, 30)}
    return CrewTimes.objects.create(
        report=report_,
        department=department_named(production, "Camera"),
        **{**defaults, "time_out": time(19), **times},
    )


def days_of(timecard) -> dict:
    return {d.date: d for d in TimecardDay.objects.filter(timecard=timecard)}


def test_a_new_timecard_takes_the_signed_reports_times_and_says_where_from(production, engagement):
    camera_times(report(production, 1), production)
    own = report(production, 2)
    camera_times(own, production)
    CrewException.objects.create(
        report=own, person=engagement.person, time_in=time(8), time_out=time(20), reason="Late"
    )
    camera_times(report(production, 3, signed=False), production)  # a draft: not used
    absent = report(production, 4)
    camera_times(absent, production)
    CrewException.objects.create(report=absent, person=engagement.person, absent=True)
    unit = report(production, 5)
    UnitTimes.objects.create(
        report=unit, crew_call=time(6), meal_out=time(12), meal_in=time(12, 30), last_out=time(18)
    )
    timecard = services.timecard_start(engagement=engagement, day=START)
    days = days_of(timecard)
    monday, tuesday = days[START], days[START + timedelta(1)]
    assert (monday.kind, monday.call, monday.wrap) == ("work", time(7), time(19))
    assert (monday.meal1_out, monday.meal1_in) == (time(13), time(13, 30))
    assert monday.prefilled_from == "Signed daily report, day 1: Camera's times"
    assert (tuesday.call, tuesday.wrap, tuesday.meal1_out) == (time(8), time(20), time(13))
    assert tuesday.prefilled_from == "Signed daily report, day 2: own times"
    for blank in (START + timedelta(2), START + timedelta(3)):
        assert (days[blank].kind, days[blank].call, days[blank].prefilled_from) == ("", None, "")
    friday = days[START + timedelta(4)]
    assert (friday.call, friday.wrap, friday.meal1_in) == (time(6), time(18), time(12, 30))
    assert friday.prefilled_from == "Signed daily report, day 5: Main unit's times"
    timecard.refresh_from_db()
    assert timecard.total > 0  # the prefilled week is worked out


def test_signing_a_report_fills_blank_days_of_drafts_only(production, engagement, head):
    timecard = services.timecard_start(engagement=engagement, day=START)
    timecard = filled(timecard, {START + timedelta(1): long_day()})  # Tuesday entered
    for day in (1, 2):
        draft = report(production, day, signed=False)
        camera_times(draft, production, time_out=time(18))
        SceneResult.objects.create(report=draft, number="1", eighths_scheduled=0)
        reports.report_sign(report=draft, expected_version=draft.version, user=head)
    days = days_of(timecard)
    assert (days[START].call, days[START].wrap) == (time(7), time(18))
    assert days[START].prefilled_from.startswith("Signed daily report, day 1")
    entered = days[START + timedelta(1)]
    assert (entered.call, entered.wrap, entered.prefilled_from) == (time(7), time(21), "")
    # A submitted timecard never changes.
    timecard.refresh_from_db()
    services.timecard_submit(timecard=timecard, expected_version=timecard.version)
    late = report(production, 3, signed=False)
    camera_times(late, production)
    SceneResult.objects.create(report=late, number="2", eighths_scheduled=0)
    reports.report_sign(report=late, expected_version=late.version, user=head)
    wednesday = days_of(timecard)[START + timedelta(2)]
    assert (wednesday.kind, wednesday.call) == ("", None)


def test_the_page_says_where_a_day_came_from(client, production, engagement, accountant):
    camera_times(report(production, 1), production)
    timecard = services.timecard_start(engagement=engagement, day=START)
    client.force_login(accountant)
    page = client.get(reverse("payroll:detail", args=[production.slug, timecard.pk]))
    assert "From the signed daily report, day 1: Camera&#x27;s times" in page.content.decode()
