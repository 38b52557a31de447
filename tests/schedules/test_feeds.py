"""What leaves the app for other programs and for paper: the calendar feed is valid RFC 5545 with
the day's call, wrap and location; the printed schedules start on page one; the Day Out of Days
keeps its names and totals in view."""

from __future__ import annotations

import subprocess
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from icalendar import Calendar

from apps.schedules import services
from apps.schedules.ical import calendar_feed
from apps.schedules.models import ShootDay
from tests.schedules.factories import CastFactory, LocationFactory, SceneFactory, SetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled(production):
    """Three shoot days; day 1 at two places with a call and wrap, day 2 with a call only."""
    production.time_zone = "America/New_York"
    production.save()
    days = services.days_append(production=production, count=3)
    days[0].call_time, days[0].wrap_time = time(6, 30), time(18, 0)
    days[0].save()
    days[1].call_time, days[1].wrap_time = time(7, 0), None
    days[1].save()
    pier = LocationFactory(production=production, name="Pier 4", address="Ferry Road, Portland")
    terminal = LocationFactory(production=production, name="Ferry Terminal", address="")
    for number, location, day in (
        ("1", pier, days[0]),
        ("2", terminal, days[0]),
        ("3", pier, days[1]),
    ):
        scene = SceneFactory(
            production=production,
            number=number,
            set=SetFactory(production=production, location=location),
        )
        services.scene_move(production=production, scene_id=scene.pk, day_id=day.pk, position=0)
    return production, days


def _events(production):
    calendar = Calendar.from_ical(calendar_feed(production))
    return calendar, list(calendar.walk("VEVENT"))


def test_every_event_has_the_properties_rfc_5545_requires(scheduled):
    production, _ = scheduled
    _, events = _events(production)
    assert len(events) == 5  # three days, prep, wrap
    for event in events:
        for name in ("DTSTAMP", "UID", "DTSTART", "SUMMARY"):
            assert name in event, (name, event.get("SUMMARY"))
    assert len({str(event["UID"]) for event in events}) == len(events)


def test_a_shoot_day_runs_from_call_to_wrap_in_the_productions_zone(scheduled):
    production, days = scheduled
    calendar, events = _events(production)
    day1 = next(e for e in events if str(e["SUMMARY"]).endswith("Day 1 (2 pp)"))
    start, end = day1.decoded("DTSTART"), day1.decoded("DTEND")
    zone = ZoneInfo("America/New_York")
    assert start == datetime.combine(days[0].date, time(6, 30), tzinfo=zone)
    assert end == datetime.combine(days[0].date, time(18, 0), tzinfo=zone)
    assert day1["DTSTART"].params["TZID"] == "America/New_York"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    # The zone's rules cover the shoot, however far off it is.
    ShootDay.objects.filter(pk=days[0].pk).update(date=days[0].date.replace(year=2045))
    later = Calendar.from_ical(calendar_feed(production))
    day1 = next(e for e in later.walk("VEVENT") if str(e["SUMMARY"]).endswith("Day 1 (2 pp)"))
    assert day1.decoded("DTSTART").utcoffset().total_seconds() == -5 * 3600  # EST in March
    assert "to 2046" in str(later.walk("VTIMEZONE")[0]["COMMENT"])  # a year past the last day
    assert "Call 06:30" in str(day1["DESCRIPTION"])


def test_a_day_with_a_call_but_no_wrap_starts_at_the_call(scheduled):
    production, days = scheduled
    _, events = _events(production)
    day2 = next(e for e in events if str(e["SUMMARY"]).endswith("Day 2 (1 pp)"))
    zone = ZoneInfo("America/New_York")
    assert day2.decoded("DTSTART") == datetime.combine(days[1].date, time(7, 0), tzinfo=zone)
    assert day2.decoded("DTEND") > day2.decoded("DTSTART")


def test_a_shoot_day_names_its_locations(scheduled):
    production, _ = scheduled
    _, events = _events(production)
    day1 = next(e for e in events if str(e["SUMMARY"]).endswith("Day 1 (2 pp)"))
    assert str(day1["LOCATION"]) == "Ferry Terminal; Pier 4, Ferry Road, Portland"  # board order
    day2 = next(e for e in events if str(e["SUMMARY"]).endswith("Day 2 (1 pp)"))
    assert str(day2["LOCATION"]) == "Pier 4, Ferry Road, Portland"
    # Nothing scheduled on day 3 yet, so no place: an empty LOCATION would only confuse a map.
    day3 = next(e for e in events if str(e["SUMMARY"]).endswith("Day 3 (0 pp)"))
    assert "LOCATION" not in day3


def test_the_feed_validates_line_folding_and_crlf(scheduled):
    production, _ = scheduled
    raw = calendar_feed(production)
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))


# --- Printed reports -----------------------------------------------------------------------------


def _page_text(content: bytes, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), "-", "-"],
        input=content, capture_output=True, check=True,
    ).stdout.decode()  # fmt: skip


@pytest.fixture
def long_schedule(production):
    """Enough days and scenes that the shooting schedule runs over several printed pages."""
    days = services.days_append(production=production, count=12)
    lead = CastFactory(production=production, character="LEAD")
    number = 0
    for day in days:
        for position in range(6):
            number += 1
            scene = SceneFactory(
                production=production, number=str(number), synopsis="A long synopsis " * 6
            )
            scene.cast.set([lead])
            services.scene_move(
                production=production, scene_id=scene.pk, day_id=day.pk, position=position
            )
    return production


@pytest.mark.parametrize("key", ["shooting-schedule", "one-liner", "dood", "locations"])
def test_each_printed_report_starts_on_page_one(long_schedule, ap_client, key):
    url = reverse("schedules:report", args=[long_schedule.slug, key]) + "?format=pdf"
    response = ap_client.get(url)
    assert response["Content-Type"] == "application/pdf"
    first = _page_text(response.content, 1)
    assert long_schedule.title in first
    if key in ("shooting-schedule", "one-liner"):
        assert "Day 1" in first and "Scene" in first  # the table starts under the title


# --- Day Out of Days on screen -------------------------------------------------------------------


def test_the_dood_keeps_names_header_and_totals_in_view(long_schedule, ap_client):
    html = ap_client.get(
        reverse("schedules:report", args=[long_schedule.slug, "dood"])
    ).content.decode()
    assert 'class="table-responsive report-scroll"' in html
    assert "dood-table" in html
    assert html.count('class="sticky-col sticky-col-1"') >= 2  # ID: header and each row
    assert html.count('class="sticky-col sticky-col-2"') >= 2  # Character
    assert 'class="sticky-total"' in html  # the Total column
    css = (Path(settings.BASE_DIR) / "static" / "css" / "app.css").read_text()
    assert ".dood-table thead th" in css and "position: sticky" in css
