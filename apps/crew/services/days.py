"""Days: the crew on the list work every shoot day of their engagement; day players are booked
one shoot day at a time."""

from __future__ import annotations

from datetime import time

from django.db import IntegrityError, transaction

from apps.crew.models import DayAssignment, Person, Position
from apps.crew.services.rules import CrewError
from apps.schedules.models import ShootDay

ALREADY_BOOKED = "{person} is already booked on {day}."
OTHER_PRODUCTION = "That day or person belongs to another production."


@transaction.atomic
def day_assignment_add(
    *,
    shoot_day: ShootDay,
    person: Person,
    position: Position | None = None,
    call_time: time | None = None,
    notes: str = "",
) -> DayAssignment:
    production_ids = {shoot_day.production_id, person.production_id}
    if position is not None:
        production_ids.add(position.production_id)
    if len(production_ids) != 1:
        raise CrewError(OTHER_PRODUCTION)
    if DayAssignment.objects.filter(shoot_day=shoot_day, person=person).exists():
        raise CrewError(ALREADY_BOOKED.format(person=person, day=shoot_day))
    try:
        with transaction.atomic():
            return DayAssignment.objects.create(
                production_id=shoot_day.production_id,
                shoot_day=shoot_day,
                person=person,
                position=position,
                call_time=call_time,
                notes=notes.strip(),
            )
    except IntegrityError as exc:  # the same booking made twice at once
        raise CrewError(ALREADY_BOOKED.format(person=person, day=shoot_day)) from exc


@transaction.atomic
def day_assignment_remove(*, assignment: DayAssignment) -> None:
    assignment.delete()
