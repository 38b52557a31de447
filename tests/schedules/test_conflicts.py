"""Conflicts on the board: cast unavailable, location permit and dates, page limit, turnaround."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.urls import reverse

from apps.schedules import services
from apps.schedules.models import Set
from apps.schedules.queries import board
from tests.schedules.factories import CastFactory, LocationFactory, SceneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_days(production):
    return services.days_append(production=production, count=2)


def place(production, day, **scene_fields):
    scene = SceneFactory(production=production, **scene_fields)
    services.scene_move(production=production, scene_id=scene.pk, day_id=day.pk, position=99)
    return scene


def messages_for(production, kind):
    return [c.message for c in board(production).conflicts if c.kind == kind]


def test_a_cast_member_on_a_day_they_are_unavailable(production, two_days):
    ana = CastFactory(production=production, character="ANA", unavailable_dates=["2027-03-02"])
    place(production, two_days[1]).cast.add(ana)
    assert messages_for(production, "cast") == [f"{ana} is unavailable on Tue 02 Mar."]


def test_a_location_outside_its_permit_or_on_an_unavailable_date(production, two_days):
    pier = LocationFactory(
        production=production,
        name="Pier",
        permit_start=date(2027, 3, 2),
        permit_end=date(2027, 3, 31),
        unavailable_dates=["2027-03-02"],
    )
    deck = Set.objects.create(production=production, name="DECK", location=pier)
    place(production, two_days[0], set=deck)
    place(production, two_days[1], set=deck)
    assert messages_for(production, "location") == [
        "Pier: the permit does not cover Mon 01 Mar.",
        "Pier is unavailable on Tue 02 Mar.",
    ]


def test_a_day_over_the_page_limit(production, two_days):
    settings = services.settings_for(production)
    settings.page_limit_eighths = 16
    settings.save()
    place(production, two_days[0], eighths=12)
    assert messages_for(production, "pages") == []
    place(production, two_days[0], eighths=5)
    assert messages_for(production, "pages") == ["2 1/8 pages, over the 2-page limit."]


def test_turnaround_below_the_minimum_between_wrap_and_next_call(production, two_days):
    one, two = two_days
    services.day_update(day=one, wrap_time=time(23, 0))
    services.day_update(day=two, call_time=time(7, 0))
    ana = CastFactory(production=production, character="ANA")
    ben = CastFactory(production=production, character="BEN")
    place(production, one).cast.add(ana, ben)
    place(production, two).cast.add(ana)
    assert messages_for(production, "turnaround") == [
        f"{ana}: 8.0 h rest before {two}, under the 12 h minimum."
    ]


def test_conflicts_show_on_the_stripboard_and_the_dashboard(ap_client, production, two_days):
    ana = CastFactory(production=production, character="ANA", unavailable_dates=["2027-03-01"])
    place(production, two_days[0]).cast.add(ana)
    board_html = ap_client.get(
        reverse("schedules:board", kwargs={"production_slug": production.slug})
    ).content.decode()
    assert 'data-conflict="cast"' in board_html
    dash = ap_client.get(
        reverse("productions:dashboard", kwargs={"production_slug": production.slug})
    ).content.decode()
    assert "is unavailable on Mon 01 Mar." in dash
