"""Sunrise and sunset are the place's: a location keeps its own time zone, and the call sheet shows
its sun times in that zone, labelled when it is not the production's."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.callsheets import queries as callsheet_queries
from apps.callsheets import services as callsheet_services
from apps.schedules.forms import LocationForm
from apps.schedules.models import DayKind, Location, ShootDay
from tests.schedules.factories import LocationFactory, SceneFactory, SetFactory

pytestmark = pytest.mark.django_db

WINTER_DAY = date(2027, 1, 11)  # San Francisco: sunrise about 07:24 PST, sunset about 17:11


@pytest.fixture
def london(production):
    production.time_zone = "Europe/London"
    production.save()
    return production


def _day_at(production, location) -> ShootDay:
    day = ShootDay.objects.create(
        production=production, position=1, date=WINTER_DAY, kind=DayKind.SHOOT, day_number=1,
        call_time=time(7, 0),
    )  # fmt: skip
    set_ = SetFactory(production=production, name="GOLDEN GATE - VISTA POINT", location=location)
    SceneFactory(production=production, number="1", set=set_, shoot_day=day)
    return day


def _san_francisco(production, time_zone: str) -> Location:
    return LocationFactory(
        production=production,
        name="Vista Point",
        latitude=Decimal("37.832400"),
        longitude=Decimal("-122.479400"),
        time_zone=time_zone,
    )


def test_a_san_francisco_location_on_a_london_production_shows_local_sunrise(london):
    day = _day_at(london, _san_francisco(london, "America/Los_Angeles"))
    sheet = callsheet_queries.sheet_data(callsheet_services.callsheet_start(shoot_day=day))
    (location,) = sheet.locations
    rise, zone = location.sunrise.split()
    assert "07:15" <= rise <= "07:35" and zone == "PST", location.sunrise  # not 15:2x in London
    set_, zone = location.sunset.split()
    assert "17:00" <= set_ <= "17:20" and zone == "PST", location.sunset
    assert sheet.sunrise == location.sunrise


def test_the_call_sheet_labels_sun_times_in_another_zone(london, ap_client):
    day = _day_at(london, _san_francisco(london, "America/Los_Angeles"))
    call_sheet = callsheet_services.callsheet_start(shoot_day=day)
    html = ap_client.get(
        reverse("callsheets:detail", kwargs={"production_slug": london.slug, "pk": call_sheet.pk})
    ).content.decode()
    sheet = callsheet_queries.sheet_data(call_sheet)
    assert sheet.sunrise.endswith(" PST") and f"Sunrise {sheet.sunrise}" in html


def test_a_location_without_a_zone_of_its_own_takes_the_zone_of_its_coordinates(london):
    """Issue 14: a San Francisco location on a London production showed sunrise 15:13 until the AP
    picked its zone. With no zone chosen, its coordinates say which zone it is in."""
    day = _day_at(london, _san_francisco(london, ""))
    sheet = callsheet_queries.sheet_data(callsheet_services.callsheet_start(shoot_day=day))
    (location,) = sheet.locations
    rise, zone = location.sunrise.split()
    assert "07:15" <= rise <= "07:35" and zone == "PST", location.sunrise  # not 15:2x in London


def test_a_location_without_coordinates_or_a_zone_is_in_the_productions_zone(london):
    place = LocationFactory(production=london, name="Somewhere", latitude=None, longitude=None)
    assert place.tz(london).key == "Europe/London"


def test_the_location_form_fills_in_the_zone_of_the_coordinates(london):
    form = LocationForm(
        {"name": "Vista Point", "latitude": "37.8324", "longitude": "-122.4794", "time_zone": "",
         "permit_status": "not_applied"},
        instance=Location(production=london),
    )  # fmt: skip
    assert form.is_valid(), form.errors
    assert form.save().time_zone == "America/Los_Angeles"


def test_a_zone_chosen_by_hand_wins_over_the_coordinates(london):
    place = _san_francisco(london, "Europe/London")  # the AP's choice, even if odd, is kept
    assert place.tz(london).key == "Europe/London"


def test_a_location_in_the_productions_own_zone_is_not_labelled(london):
    day = _day_at(london, _san_francisco(london, "Europe/London"))
    sheet = callsheet_queries.sheet_data(callsheet_services.callsheet_start(shoot_day=day))
    assert len(sheet.locations[0].sunrise) == 5  # "08:05", no label


def test_the_location_form_offers_the_zone_list_with_the_productions_as_default(london):
    form = LocationForm(instance=Location(production=london))
    choices = dict(form.fields["time_zone"].choices)
    assert choices[""] == "From the coordinates (without them, the production's: Europe/London)"
    assert "America/Los_Angeles" in choices
    form = LocationForm(
        {"name": "Vista Point", "permit_status": "not_applied", "time_zone": "Mars/Olympus"},
        instance=Location(production=london),
    )
    assert not form.is_valid() and "time_zone" in form.errors
