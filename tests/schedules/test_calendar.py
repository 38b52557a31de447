"""The month and week calendar, and the private iCalendar feed."""

from __future__ import annotations

import pytest
from django.urls import reverse
from icalendar import Calendar

from apps.schedules import services
from apps.schedules.models import ScheduleSettings
from tests.schedules.factories import SceneFactory

pytestmark = pytest.mark.django_db


def test_the_month_view_marks_prep_shoot_and_wrap_days(ap_client, production):
    services.days_append(production=production, count=2)
    month = reverse("schedules:calendar", kwargs={"production_slug": production.slug})
    february = ap_client.get(month + "?month=2027-02").content.decode()
    assert february.count('data-kind="prep"') == 28  # prep runs 1 Feb to the first shoot day
    html = ap_client.get(month + "?month=2027-03").content.decode()
    assert html.count('data-kind="shoot"') == 2
    april = ap_client.get(
        reverse("schedules:calendar", kwargs={"production_slug": production.slug})
        + "?month=2027-04"
    ).content.decode()
    assert 'data-kind="wrap"' in april


def test_the_week_view_lists_each_days_scenes(ap_client, production):
    (day,) = services.days_append(production=production, count=1)
    scene = SceneFactory(production=production, number="42")
    services.scene_move(production=production, scene_id=scene.pk, day_id=day.pk, position=0)
    html = ap_client.get(
        reverse("schedules:calendar_week", kwargs={"production_slug": production.slug})
        + "?week=2027-03-03"
    ).content.decode()
    assert "Week of 1 Mar 2027" in html and "Sc. 42" in html


def test_the_feed_is_created_read_without_signing_in_and_revoked(ap_client, client, production):
    services.days_append(production=production, count=3)
    rotate = reverse("schedules:ical_rotate", kwargs={"production_slug": production.slug})
    ap_client.post(rotate, {"action": "rotate"})
    token = ScheduleSettings.objects.get(production=production).ical_token
    assert len(token) >= 40
    feed_url = reverse("schedule_ical", kwargs={"token": token})
    response = client.get(feed_url)  # a calendar app: not signed in
    assert response["Content-Type"].startswith("text/calendar")
    events = list(Calendar.from_ical(response.content).walk("VEVENT"))
    summaries = sorted(str(e["SUMMARY"]) for e in events)
    assert f"{production.title}: Day 1 (0 pp)" in summaries
    assert any("Prep" in s for s in summaries) and any("Wrap" in s for s in summaries)

    ap_client.post(rotate, {"action": "rotate"})  # a new address: the old one stops working
    assert client.get(feed_url).status_code == 404
    ap_client.post(rotate, {"action": "revoke"})
    assert ScheduleSettings.objects.get(production=production).ical_token == ""
    assert client.get(reverse("schedule_ical", kwargs={"token": "x" * 43})).status_code == 404
