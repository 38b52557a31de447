"""A day's date and number move when a day is inserted, removed or changes kind before it. The
audit trail says so when it happens, in words; a later edit of the day no longer shows those moves
as its own (the sign-off of day 45 read "date: 28 Sep → 27 Nov" in the large demo)."""

from __future__ import annotations

from datetime import date

import pytest

from apps.productions.audit import entries_for
from apps.schedules import services
from apps.schedules.models import DayKind, ShootDay
from tests.factories import ProductionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def production():
    return ProductionFactory(prep_start=date(2026, 2, 2), first_shoot_day=date(2026, 3, 2))


def test_days_moved_by_an_insert_are_recorded_then_and_not_by_the_next_edit(production):
    first, second = services.days_append(production=production, count=2)
    assert (first.date, second.date) == (date(2026, 3, 2), date(2026, 3, 3))

    services.day_insert(production=production, at=1, kind=DayKind.SHOOT)

    moved = ShootDay.objects.get(pk=second.pk)
    assert (moved.day_number, moved.date) == (3, date(2026, 3, 4))
    newest = moved.history.first()
    assert (newest.day_number, newest.date) == (3, date(2026, 3, 4))
    assert "renumbered" in newest.history_change_reason

    services.day_update(day=moved, notes="Ferry crossing at dawn")

    entry = entries_for(production, kind="Shoot day")[0]
    assert [label for label, *_ in entry.changes] == ["notes"]


def test_the_days_that_did_not_move_get_no_history_row(production):
    days = services.days_append(production=production, count=3)
    rows = {day.pk: day.history.count() for day in days}

    services.day_insert(production=production, kind=DayKind.SHOOT)  # at the end: nothing moves

    assert {day.pk: day.history.count() for day in days} == rows
