"""A new report starts as the day's latest published call sheet said the day would be; without a
published sheet, as the schedule has it, and it says so."""

from __future__ import annotations

from datetime import time

import pytest
from django.urls import reverse

from apps.callsheets import services as callsheets
from apps.callsheets.models import CallSheet
from apps.daily_reports import services
from apps.daily_reports.models import DailyReport
from apps.schedules.models import DayKind, ShootDay
from tests.callsheets.factories import shoot_day_with_crew
from tests.daily_reports.conftest import MESSY_ACTOR, MESSY_ROLE

pytestmark = pytest.mark.django_db


def test_a_report_is_prefilled_from_the_published_call_sheet(day, coordinator):
    report = services.report_start(shoot_day=day, user=coordinator)

    assert report.call_sheet_revision == day.revision
    assert report.drafted_by == coordinator
    unit = report.units.get()
    assert (unit.name, unit.crew_call, unit.shooting_call) == ("Main unit", time(7), time(8, 15))
    scenes = list(report.scenes.order_by("order"))
    assert [(s.number, s.eighths_scheduled, s.status, s.scheduled) for s in scenes] == [
        ("1", 11, "completed", True),
        ("2", 4, "completed", True),
    ]
    assert [s.scene.number for s in scenes] == ["1", "2"]  # linked to the board's scenes


def test_the_cast_keeps_messy_names_and_the_day_s_dood_status(day):
    report = services.report_start(shoot_day=day)

    cast = list(report.cast.order_by("order"))
    first, second = day.extra["cast"]
    assert [(c.cast_member_id, c.role, c.name) for c in cast] == [
        (first.pk, MESSY_ROLE, MESSY_ACTOR),
        (second.pk, "ROLE 1", "Actor 1"),
    ]
    # The first works days 1 and 2 (starts today), the second only day 1 (starts and finishes).
    assert [c.status for c in cast] == ["SW", "SWF"]
    assert cast[0].time_in == time(5, 45)  # the pick-up on the sheet


def test_background_lines_become_counts_and_times(day):
    report = services.report_start(shoot_day=day)

    rows = [(b.count, b.description, b.time_in) for b in report.background.order_by("pk")]
    assert rows == [
        (12, "drivers", time(7, 0)),
        (6, '"commuters", rain gear', time(6, 30)),
        (0, "=cmd|' /C calc'!A0", None),
    ]


def test_one_crew_row_per_department_on_the_sheet_with_its_call(day):
    report = services.report_start(shoot_day=day)

    crew = {c.department.name: c.time_in for c in report.crew.all()}
    # Camera: two on the general call, the day player at 06:00 (the department's call is the
    # one most of its people share); Direction: the 1st AD on the general call.
    assert crew == {"Camera": time(7, 0), "Direction": time(7, 0)}


def test_the_latest_revision_is_the_one_read(day, production):
    call_sheet = CallSheet.objects.get(shoot_day=day)
    callsheets.callsheet_update(
        call_sheet=call_sheet,
        expected_version=call_sheet.version,
        fields={"general_call": time(6, 30)},
    )
    second = callsheets.callsheet_publish(call_sheet=CallSheet.objects.get(pk=call_sheet.pk))

    report = services.report_start(shoot_day=day)

    assert report.call_sheet_revision == second
    assert report.units.get().crew_call == time(6, 30)


def test_without_a_published_sheet_the_schedule_prefills_it_and_the_page_says_so(
    production, ap_client
):
    day = shoot_day_with_crew(production)
    url = reverse("daily_reports:start", args=[production.slug, day.pk])

    response = ap_client.post(url, follow=True)

    report = DailyReport.objects.get(shoot_day=day)
    assert report.call_sheet_revision is None
    assert [s.number for s in report.scenes.order_by("order")] == ["1", "2"]
    assert report.cast.count() == 2
    assert report.units.get().crew_call == time(7, 0)  # the day's estimated call
    page = response.content.decode()
    assert "No call sheet was published for this day" in page
    assert "prefilled from the schedule" in page


def test_starting_twice_gives_the_same_report(day):
    first = services.report_start(shoot_day=day)
    assert services.report_start(shoot_day=day) == first
    assert DailyReport.objects.count() == 1


def test_a_day_off_has_no_report(production):
    off = ShootDay.objects.create(
        production=production, position=9, date=production.first_shoot_day, kind=DayKind.OFF
    )
    with pytest.raises(services.DailyReportError):
        services.report_start(shoot_day=off)
