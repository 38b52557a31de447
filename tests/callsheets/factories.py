"""Builders for call sheet tests: a shoot day the way the schedule and the crew make it."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

from apps.crew.models import DayAssignment
from apps.schedules.models import DayKind, ShootDay
from tests.crew.factories import (
    DepartmentFactory,
    EngagementFactory,
    PersonFactory,
    PositionFactory,
)
from tests.schedules.factories import CastFactory, LocationFactory, SceneFactory, SetFactory


def shoot_day_with_crew(production, *, crew: int = 3, cast: int = 2, day_players: int = 1):
    """Day 1 (with scenes 1 and 2 on a located set) and day 2 (scene 3), on the production's
    first shoot day and the next; `crew` people on the crew list working both days in Camera,
    a 1st AD, and `day_players` booked on day 1 only at 06:00."""
    first = production.first_shoot_day
    day1 = ShootDay.objects.create(
        production=production, position=1, date=first, kind=DayKind.SHOOT, day_number=1,
        call_time=time(7, 0), wrap_time=time(19, 0),
    )  # fmt: skip
    day2 = ShootDay.objects.create(
        production=production, position=2, date=first + timedelta(days=1), kind=DayKind.SHOOT,
        day_number=2, call_time=time(8, 0),
    )  # fmt: skip
    location = LocationFactory(
        production=production,
        name="Pier 4",
        address="Pier 4, Ferry Road, Portland ME",
        latitude=Decimal("43.657800"),
        longitude=Decimal("-70.248900"),
        parking="Lot B behind the terminal",
        hospital_name="Maine Medical Center",
        hospital_address="22 Bramhall St, Portland ME",
        hospital_phone="+1 207 662 0111",
    )
    deck = SetFactory(production=production, name="FERRY - CAR DECK", location=location)
    members = [
        CastFactory(production=production, character=f"ROLE {i}", actor=f"Actor {i}")
        for i in range(cast)
    ]
    scene1 = SceneFactory(
        production=production, number="1", set=deck, int_ext="EXT", time_of_day="NIGHT",
        eighths=11, synopsis="Mara boards the ferry", shoot_day=day1, board_position=1,
    )  # fmt: skip
    scene1.cast.set(members)
    scene2 = SceneFactory(
        production=production, number="2", set=deck, time_of_day="DAY", eighths=4,
        shoot_day=day1, board_position=2,
    )  # fmt: skip
    scene2.cast.set(members[:1])
    scene3 = SceneFactory(
        production=production, number="3", set=deck, eighths=8, shoot_day=day2, board_position=1
    )
    scene3.cast.set(members[:1])
    camera = DepartmentFactory(production=production, name="Camera", order=3)
    direction = DepartmentFactory(production=production, name="Direction", order=1)
    operator = PositionFactory(production=production, department=camera, title="Operator")
    first_ad = PositionFactory(
        production=production, department=direction, title="First Assistant Director"
    )
    window = {"start_date": first - timedelta(days=5), "end_date": first + timedelta(days=10)}
    engagements = [
        EngagementFactory(production=production, position=operator, department=camera, **window)
        for _ in range(crew)
    ]
    engagements.append(
        EngagementFactory(production=production, position=first_ad, department=direction,
                          person=PersonFactory(production=production, name="Ada First"),
                          **window)
    )  # fmt: skip
    players = []
    for _ in range(day_players):
        person = PersonFactory(production=production)
        DayAssignment.objects.create(
            production=production, shoot_day=day1, person=person, position=operator,
            call_time=time(6, 0),
        )  # fmt: skip
        players.append(person)
    day1.extra = {"engagements": engagements, "day_players": players, "cast": members,
                  "location": location, "day2": day2}  # fmt: skip
    return day1
