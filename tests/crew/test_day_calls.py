"""`day_calls` reads as plain values exactly the people `crew_for_day` returns as objects (the
call sheet reads the first, a publish's recipients the second), in the same order, with the
same positions, departments and booked calls."""

from __future__ import annotations

import io
from datetime import time

import pytest
from django.core.management import call_command

from apps.crew.day_calls import day_calls
from apps.crew.models import DayAssignment, Engagement
from apps.crew.queries import crew_for_day
from apps.productions.models import Production
from apps.schedules.models import ShootDay

pytestmark = pytest.mark.django_db


def as_objects_say(day) -> list[tuple]:
    return [
        (
            call.person.pk,
            call.person.name,
            call.person.phone,
            call.person.email,
            call.position.title if call.position else None,
            call.department.name if call.department else None,
            call.assignment.call_time if call.assignment else None,
            call.day_player,
        )
        for call in crew_for_day(day)
    ]


def as_values_say(day) -> list[tuple]:
    return [
        (c.person, c.name, c.phone, c.email, c.position, c.department, c.booked, c.day_player)
        for c in day_calls(day)
    ]


def test_day_calls_says_what_crew_for_day_says_on_every_day_of_the_demo():
    call_command("seed_demo", "--size", "small", stdout=io.StringIO())
    production = Production.objects.get(slug="night-ferry")
    days = list(ShootDay.objects.filter(production=production).order_by("position"))
    first = next(day for day in days if day.is_shoot)
    # A crew member also booked that day (keeps the booking's call), and a day player booked
    # without a position (no department: listed last).
    engaged = Engagement.objects.filter(production=production).working_on(first.date)[0]
    DayAssignment.objects.filter(shoot_day=first, person=engaged.person).delete()
    DayAssignment.objects.create(
        production=production, shoot_day=first, person=engaged.person, call_time=time(5, 45)
    )
    spare = DayAssignment.objects.filter(production=production).exclude(shoot_day=first)[0]
    DayAssignment.objects.create(production=production, shoot_day=first, person=spare.person)
    seen_day_player = seen_booked_crew = False
    for day in days:
        day.production = production
        expected = as_objects_say(day)
        assert as_values_say(day) == expected
        seen_day_player |= any(row[-1] and row[4] is None for row in expected)
        seen_booked_crew |= any(not row[-1] and row[6] is not None for row in expected)
    assert seen_day_player and seen_booked_crew
