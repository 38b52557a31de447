"""Who works a shoot day, as plain values: the people `queries.crew_for_day` returns as objects,
in the same order and with the same rules, read without building an Engagement, Person, Position
and Department for each of them (a 150-person day is the call sheet's biggest read; building the
objects cost ten times the query)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from apps.crew.models import DayAssignment, Engagement
from apps.schedules.models import ShootDay

PERSON = ("person_id", "person__name", "person__phone", "person__email")


@dataclass(frozen=True)
class DayCall:
    person: int  # the Person's pk
    name: str
    phone: str
    email: str
    position: str | None  # the position's title; None for a day player booked without one
    department: str | None  # the department's name, None when there is none
    department_order: int
    booked: time | None  # the day-player booking's own call time, if any
    day_player: bool


def day_calls(shoot_day: ShootDay) -> list[DayCall]:
    """Everyone who works `shoot_day` (crew_for_day's rules: the crew list working on its date if
    it is a shoot day, then those booked on it who are not on the list, by department; a crew
    member also booked keeps the booking's call). Two queries."""
    production = shoot_day.production
    bookings = DayAssignment.objects.filter(production=production, shoot_day=shoot_day)
    booked = {
        row[0]: row
        for row in bookings.values_list(
            *PERSON,
            "position__title",
            "position__department__name",
            "position__department__order",
            "call_time",
            "position_id",
            "position__department_id",
        )
    }
    crew = []
    if shoot_day.is_shoot:
        working = Engagement.objects.filter(production=production).working_on(shoot_day.date)
        crew = working.values_list(
            *PERSON, "position__title", "department__name", "department__order"
        )
    calls = []
    for person, name, phone, email, title, department, order in crew:
        booking = booked.pop(person, None)
        own = booking[7] if booking else None
        calls.append(DayCall(person, name, phone, email, title, department, order, own, False))
    for (
        person,
        name,
        phone,
        email,
        title,
        department,
        order,
        own,
        position,
        dept,
    ) in booked.values():
        calls.append(
            DayCall(
                person,
                name,
                phone,
                email,
                title if position is not None else None,
                department if dept is not None else None,
                order if dept is not None else 0,
                own,
                True,
            )
        )
    return sorted(calls, key=_department_order)


def _department_order(call: DayCall) -> tuple:
    none = call.department is None
    return (none, 0 if none else call.department_order, call.department or "", call.name)
