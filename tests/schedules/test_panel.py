"""The dashboard's schedule panel reads ids and counts, not the whole board, and says exactly what
the board says: the same days, pages, next shoot day and conflicts, in the same order."""

from __future__ import annotations

from datetime import date, time

import pytest

from apps.schedules import services
from apps.schedules.importers.eighths import format_eighths
from apps.schedules.models import DayKind, Set
from apps.schedules.panel import summary
from apps.schedules.queries import board
from tests.schedules.factories import CastFactory, LocationFactory, SceneFactory

pytestmark = pytest.mark.django_db


def from_the_board(production) -> dict:
    """What the panel showed when it built the whole board."""
    result = board(production)
    upcoming = [b.day for b in result.shoot_days if b.day.date >= production.today()]
    return {
        "days": len(result.shoot_days),
        "scheduled_pages": format_eighths(result.scheduled_eighths),
        "total_pages": format_eighths(result.total_eighths),
        "next_day": upcoming[0] if upcoming else None,
        "conflicts": [(c.kind, c.day.pk, c.message) for c in result.conflicts],
    }


def said(production) -> dict:
    found = summary(production)
    return {**found, "conflicts": [(c.kind, c.day.pk, c.message) for c in found["conflicts"]]}


def place(production, day, **scene_fields):
    scene = SceneFactory(production=production, **scene_fields)
    services.scene_move(production=production, scene_id=scene.pk, day_id=day.pk, position=99)
    return scene


@pytest.fixture
def busy_board(production):
    """Four days (the third a day off) with every kind of conflict, some twice, a scene in the
    bin and an omitted one."""
    settings = services.settings_for(production)
    settings.page_limit_eighths = 16
    settings.save()
    one, two, off, four = services.days_append(production=production, count=4)
    services.day_update(day=off, kind=DayKind.OFF)
    services.day_update(day=one, wrap_time=time(23, 30))
    services.day_update(day=two, call_time=time(6, 0), wrap_time=time(23, 0))
    pier = LocationFactory(
        production=production,
        name="Pier",
        permit_start=date(2027, 3, 2),
        unavailable_dates=["2027-03-04"],
    )
    yard = LocationFactory(production=production, name="Yard", permit_end=date(2027, 3, 1))
    deck = Set.objects.create(production=production, name="DECK", location=pier)
    shed = Set.objects.create(production=production, name="SHED", location=yard)
    bare = Set.objects.create(production=production, name="VOID")
    ana = CastFactory(
        production=production, character="ANA", unavailable_dates=["2027-03-01", "2027-03-04"]
    )
    ben = CastFactory(production=production, character="BEN", unavailable_dates=["2027-03-04"])
    cat = CastFactory(production=production, character="CAT")
    place(production, one, set=deck, eighths=9).cast.add(cat, ana)
    place(production, one, set=shed, eighths=8).cast.add(ben)
    place(production, two, set=shed, eighths=3).cast.add(ana, ben, cat)
    place(production, two, set=bare, eighths=2)
    place(production, four, set=shed, eighths=1).cast.add(cat)
    place(production, four, set=deck, eighths=20).cast.add(ben, ana)
    SceneFactory(production=production, set=deck, eighths=5).cast.add(ana)  # in the bin
    omitted = place(production, one, set=deck, eighths=7)
    services.scene_set_omitted(scene=omitted, omitted=True)
    return production


def test_the_panel_says_what_the_board_says(busy_board):
    expected = from_the_board(busy_board)
    assert {kind for kind, _, _ in expected["conflicts"]} == {
        "cast",
        "location",
        "pages",
        "turnaround",
    }
    assert said(busy_board) == expected


def test_the_panel_says_what_the_board_says_after_the_wrap_date(busy_board):
    busy_board.wrap_date = date(2027, 3, 2)
    busy_board.save()
    expected = from_the_board(busy_board)
    assert "wrap" in {kind for kind, _, _ in expected["conflicts"]}
    assert said(busy_board) == expected


def test_the_panel_of_an_empty_schedule(production):
    assert said(production) == from_the_board(production)


def test_the_panel_reads_six_queries_whatever_the_size(busy_board, django_assert_num_queries):
    with django_assert_num_queries(6):
        summary(busy_board)
