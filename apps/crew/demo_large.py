"""The large demo's crew: 200 people in 18 departments. Most are hired through the real deal memo
flow (so each signed memo has its engagement and its budget commitment), a few memos are still
out or void, three openings have candidates, and day players are booked on the shoot days.

People and positions are plain rows and are bulk-created; every memo goes through the services.
"""

from __future__ import annotations

import random
from datetime import time
from decimal import Decimal

from apps.crew import services
from apps.crew.models import Department, MemoState, Opening, Person, Position, Stage
from apps.productions.capabilities import Role
from apps.schedules.models import DayKind, ShootDay

PEOPLE, DAY_PLAYERS = 200, 16

# department, title, budget account, day rate, how many
POSITIONS = [
    ("Production", "Unit Production Manager", "2001", 850, 1),
    ("Production", "Production Coordinator", "2004", 420, 2),
    ("Production", "Production Assistant", "2008", 220, 20),
    ("Direction", "First Assistant Director", "2002", 800, 1),
    ("Direction", "Second Assistant Director", "2003", 520, 2),
    ("Direction", "Script Supervisor", "2005", 500, 1),
    ("Accounting", "Production Accountant", "2006", 520, 1),
    ("Accounting", "Assistant Accountant", "2007", 320, 2),
    ("Camera", "Director of Photography", "3301", 1300, 1),
    ("Camera", "Camera Operator", "3302", 750, 2),
    ("Camera", "First Assistant Camera", "3303", 560, 3),
    ("Camera", "Second Assistant Camera", "3304", 420, 3),
    ("Camera", "Digital Imaging Technician", "3305", 520, 1),
    ("Grip", "Key Grip", "2501", 560, 1),
    ("Grip", "Best Boy Grip", "2502", 480, 1),
    ("Grip", "Dolly Grip", "2503", 480, 2),
    ("Grip", "Grip", "2504", 400, 14),
    ("Electric", "Gaffer", "3201", 560, 1),
    ("Electric", "Best Boy Electric", "3202", 480, 1),
    ("Electric", "Electrician", "3203", 400, 14),
    ("Sound", "Production Sound Mixer", "3401", 650, 1),
    ("Sound", "Boom Operator", "3402", 430, 2),
    ("Sound", "Sound Utility", "3403", 330, 1),
    ("Art", "Production Designer", "2201", 950, 1),
    ("Art", "Art Director", "2202", 650, 2),
    ("Art", "Set Designer", "2203", 450, 3),
    ("Set Dressing", "Set Decorator", "2701", 560, 1),
    ("Set Dressing", "Set Dresser", "2703", 360, 13),
    ("Props", "Property Master", "2801", 520, 1),
    ("Props", "Assistant Props", "2802", 360, 3),
    ("Construction", "Construction Coordinator", "2301", 600, 1),
    ("Construction", "Carpenter", "2302", 400, 12),
    ("Construction", "Painter", "2303", 380, 8),
    ("Wardrobe", "Costume Designer", "2901", 700, 1),
    ("Wardrobe", "Costume Supervisor", "2902", 450, 1),
    ("Wardrobe", "Costumer", "2903", 330, 6),
    ("Hair & Makeup", "Makeup Department Head", "3101", 540, 1),
    ("Hair & Makeup", "Makeup Artist", "3102", 420, 5),
    ("Hair & Makeup", "Hair Department Head", "3103", 540, 1),
    ("Hair & Makeup", "Hairstylist", "3104", 420, 4),
    ("Locations", "Location Manager", "3601", 620, 1),
    ("Locations", "Assistant Location Manager", "3602", 400, 3),
    ("Transportation", "Transportation Captain", "3502", 520, 1),
    ("Transportation", "Driver", "3503", 320, 18),
    ("Catering", "Craft Service", "2505", 300, 4),
    ("Stunts", "Stunt Coordinator", "1404", 900, 1),
    ("Casting", "Extras Casting", "2103", 380, 1),
    ("Post", "Editor", "4001", 800, 1),
    ("Post", "Assistant Editor", "4002", 400, 2),
    ("VFX", "VFX Supervisor", "4401", 900, 1),
]
FIRST = ["Ava", "Ben", "Cleo", "Dev", "Elif", "Finn", "Gus", "Hana", "Ivo", "Jade", "Kai",
         "Lena", "Milo", "Nia", "Omar", "Pia", "Quinn", "Rui", "Sana", "Theo", "Uma", "Vic",
         "Wes", "Yara"]  # fmt: skip
LAST = ["Abbott", "Bauer", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Holm", "Ito", "Jensen",
        "Kowalski", "Larsen", "Mensah", "Novak", "Oliveira", "Petrov", "Quinlan", "Reyes", "Sato",
        "Tanaka", "Urban", "Varga", "Walsh", "Young", "Zhou"]  # fmt: skip
UNIONS = ["", "IATSE 52", "IATSE 600", "IATSE 798", "Teamsters 817", "DGA"]
# Memo states for the hires, in order of how many: most are signed, a few still in progress.
STATES = [MemoState.COUNTERSIGNED] * 145 + [MemoState.ACCEPTED] * 12
STATES += [MemoState.SENT] * 8 + [MemoState.DRAFT] * 6 + [MemoState.VOID] * 4


def seed_large_crew(production, people, *, memo) -> None:
    """Called by demo.seed_crew, which hands over its `memo` helper (a memo put in a given
    state through the services), so this module never imports the small demo back."""
    if Person.objects.filter(production=production).exists():
        return
    # Seeded on purpose: the demo is the same on every machine (no security use).
    rng = random.Random(8_200)  # nosec B311
    services.departments_ensure(production=production)
    departments = {d.name: d for d in Department.objects.filter(production=production)}
    positions = Position.objects.bulk_create(
        Position(
            production=production,
            department=departments[department],
            title=title,
            account_number=account,
            rate_min=Decimal(rate) * Decimal("0.85"),
            rate_max=Decimal(rate) * Decimal("1.15"),
        )
        for department, title, account, rate, _ in POSITIONS
    )
    slots = [
        (position, rate)
        for position, (*_, rate, count) in zip(positions, POSITIONS, strict=True)
        for _ in range(count)
    ]
    crew = Person.objects.bulk_create(
        Person(
            production=production,
            name=f"{FIRST[n % len(FIRST)]} {LAST[(n * 7) % len(LAST)]}",
            email=f"crew{n + 1:03d}@crew.night-ferry-large.test",
            phone=f"+1 207 555 {1000 + n:04d}",
            union=UNIONS[n % len(UNIONS)],
            emergency_contact="On file with the office",
        )
        for n in range(PEOPLE)
    )
    hires, rest = crew[: len(STATES)], crew[len(STATES) :]
    ap = people.get(Role.ASSOCIATE_PRODUCER)
    for person, state, (position, rate) in zip(hires, STATES, slots, strict=True):
        rate = Decimal(rate + rng.choice([-20, 0, 0, 25, 50]))
        memo(production, person, position, None, ap, state, rate, person.union)
    _openings(production, positions, rest[: len(rest) - DAY_PLAYERS])
    _day_players(production, positions, rest[len(rest) - DAY_PLAYERS :], rng)


def _openings(production, positions, applicants) -> None:
    """Three positions still being hired, their candidates spread over the board's columns."""
    by_title = {p.title: p for p in positions}
    stages = [Stage.APPLIED, Stage.SHORTLISTED, Stage.INTERVIEW, Stage.DECLINED]
    for index, title in enumerate(["Boom Operator", "Camera Operator", "Set Designer"]):
        position = by_title[title]
        opening = Opening.objects.create(
            production=production,
            position=position,
            start_date=production.first_shoot_day,
            end_date=production.wrap_date,
            rate=position.rate_max,
            description=f"{title}, replacement for the last six weeks of the shoot.",
        )
        for n, person in enumerate(applicants[index::3]):
            candidate = services.candidate_add(opening=opening, person=person)
            services.candidate_move(candidate=candidate, stage=stages[n % len(stages)])


def _day_players(production, positions, players, rng: random.Random) -> None:
    """Extra hands for the big days: each day player on four to eight shoot days."""
    by_title = {p.title: p for p in positions}
    titles = ["Grip", "Electrician", "Driver", "Production Assistant", "Makeup Artist"]
    days = list(ShootDay.objects.filter(production=production, kind=DayKind.SHOOT))
    for n, person in enumerate(players):
        for day in rng.sample(days, rng.randint(4, 8)):
            services.day_assignment_add(
                shoot_day=day,
                person=person,
                position=by_title[titles[n % len(titles)]],
                call_time=time(6, 30) if n % 2 else None,
            )
