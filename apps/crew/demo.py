"""Night Ferry's crew: departments, a directory of about twenty people, openings with candidates,
and deal memos in each state. Idempotent: a production that already has people is left alone."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

from django.utils import timezone

from apps.crew import services
from apps.crew.models import (
    Department,
    MemoState,
    Opening,
    Person,
    Position,
    RateUnit,
    Stage,
)
from apps.productions.capabilities import Role
from apps.schedules.models import DayKind, ShootDay

# (department, title, account, rate min, rate max)
POSITIONS = [
    ("Production", "Unit Production Manager", "2001", "650", "900"),
    ("Direction", "First Assistant Director", "2002", "600", "850"),
    ("Direction", "Script Supervisor", "2005", "400", "550"),
    ("Camera", "Director of Photography", "3301", "900", "1500"),
    ("Camera", "First Assistant Camera", "3303", "450", "600"),
    ("Camera", "Second Assistant Camera", "3304", "350", "450"),
    ("Grip", "Key Grip", "2501", "450", "600"),
    ("Electric", "Gaffer", "3201", "450", "600"),
    ("Sound", "Production Sound Mixer", "3401", "550", "750"),
    ("Sound", "Boom Operator", "3402", "350", "480"),
    ("Art", "Production Designer", "2201", "700", "1100"),
    ("Wardrobe", "Costume Designer", "2901", "550", "800"),
    ("Hair & Makeup", "Makeup Department Head", "3101", "450", "600"),
    ("Locations", "Location Manager", "3601", "500", "700"),
    ("Transportation", "Driver", "3503", "280", "360"),
]

# name | e-mail | union | position | day rate | memo ("signed": countersigned) | board stage
PEOPLE = """
Dana Whitfield|dana.whitfield@example.com|DGA|Unit Production Manager|800|signed|-
Marcus Bell|marcus.bell@example.com|DGA|First Assistant Director|750|signed|-
Ines Duarte|ines.duarte@example.com|IATSE 871|Script Supervisor|480|accepted|-
Kenji Watanabe|camera@demo.producerdesk.test|IATSE 600|Director of Photography|1200|signed|-
Lee Moreau|crew@demo.producerdesk.test|IATSE 600|First Assistant Camera|520|accepted|-
Tomasz Nowak|tomasz.nowak@example.com|-|Key Grip|500|accepted|-
Grace Achebe|grace.achebe@example.com|IATSE 52|Gaffer|520|sent|offer
Olu Adeyemi|olu.adeyemi@example.com|IATSE 52|Gaffer|-|-|interview
Hannah Schultz|hannah.schultz@example.com|-|Gaffer|-|-|applied
Rafael Ortega|rafael.ortega@example.com|IATSE 52|Production Sound Mixer|650|draft|offer
Mei Lin|mei.lin@example.com|-|Production Sound Mixer|-|-|shortlisted
Sofia Rossi|sofia.rossi@example.com|-|Production Sound Mixer|-|-|declined
Aaron Price|aaron.price@example.com|-|Boom Operator|-|-|applied
Bea Carter|bea.carter@example.com|USA 829|Production Designer|950|signed|-
Chloe Martin|chloe.martin@example.com|-|Costume Designer|700|void|withdrawn
Diego Alvarez|diego.alvarez@example.com|-|Costume Designer|-|-|interview
Femi Okoro|femi.okoro@example.com|IATSE 798|Makeup Department Head|540|accepted|-
Nora Lindqvist|nora.lindqvist@example.com|-|Location Manager|620|accepted|-
Sam Teller|sam.teller@example.com|Teamsters 817|Driver|320|accepted|-
Jo Park|jo.park@example.com|Teamsters 817|Driver|320|accepted|-
"""


def _people() -> list[tuple[str, ...]]:
    rows = []
    for line in PEOPLE.strip().splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        cells = ["" if cell == "-" else cell for cell in cells]
        if cells[5] == "signed":
            cells[5] = MemoState.COUNTERSIGNED
        rows.append(tuple(cells))
    return rows


def seed_crew(production, people, size: str) -> None:
    if size == "large":
        from apps.crew.demo_large import seed_large_crew

        return seed_large_crew(production, people, memo=_memo)
    if Person.objects.filter(production=production).exists():
        return
    services.departments_ensure(production=production)
    departments = {d.name: d for d in Department.objects.filter(production=production)}
    positions = {}
    for department, title, account, low, high in POSITIONS:
        positions[title] = Position.objects.create(
            production=production,
            department=departments[department],
            title=title,
            account_number=account,
            rate_min=Decimal(low),
            rate_max=Decimal(high),
        )
    start = production.prep_start or production.first_shoot_day
    end = production.wrap_date
    openings = {}
    ap = people.get(Role.ASSOCIATE_PRODUCER)
    for index, (name, email, union, title, rate, state, stage) in enumerate(_people(), start=1):
        person = Person.objects.create(
            production=production,
            name=name,
            email=email,
            phone=f"+1 212 555 {100 + index:04d}",
            union=union,
            emergency_contact="On file with the office",
        )
        position = positions[title]
        candidate = None
        if stage:
            if title not in openings:
                openings[title] = Opening.objects.create(
                    production=production,
                    position=position,
                    start_date=start,
                    end_date=end,
                    rate=position.rate_max,
                    description=f"{title} for a 25-day feature shooting on the water.",
                )
            candidate = services.candidate_add(opening=openings[title], person=person)
        if state:
            _memo(production, person, position, candidate, ap, state, Decimal(rate), union)
        if candidate is not None and stage not in (Stage.OFFER, Stage.HIRED):
            services.candidate_move(candidate=candidate, stage=stage)
    _day_players(production, positions)


def _day_players(production, positions) -> None:
    """Two extra hands for the big days: a second boom and a driver on the schedule's days."""
    days = list(
        ShootDay.objects.filter(production=production, kind=DayKind.SHOOT).order_by("date")[2:5]
    )
    players = [
        ("Rosa Keller", "rosa.keller@example.com", "Boom Operator", time(6, 30)),
        ("Ted Okafor", "ted.okafor@example.com", "Driver", None),
    ]
    for name, email, title, call in players:
        person = Person.objects.create(
            production=production, name=name, email=email, phone="+1 212 555 0199"
        )
        for day in days:
            services.day_assignment_add(
                shoot_day=day, person=person, position=positions[title], call_time=call
            )


def _memo(production, person, position, candidate, ap, state, rate, union) -> None:
    memo = services.memo_create(
        person=person,
        position=position,
        candidate=candidate,
        created_by=ap,
        rate=rate,
        unit=RateUnit.DAY,
        guarantee=Decimal(25),
        overtime_after=Decimal(10),
        double_time_after=Decimal(12),
        kit_rental=Decimal("250.00") if position.department.name == "Hair & Makeup" else Decimal(0),
        per_diem=Decimal("0.00"),
        start_date=production.prep_start or production.first_shoot_day,
        end_date=production.wrap_date,
        union_status="union" if union else "non_union",
    )
    if state == MemoState.DRAFT:
        return
    if state == MemoState.VOID:
        services.memo_void(memo=memo)
        return
    # Out for signature without sending mail: a demo has no real inboxes.
    memo.state = MemoState.SENT
    memo.expires_at = timezone.now() + timedelta(days=14)
    token = services.memo_issue_token(memo)
    memo.save()
    if state == MemoState.SENT:
        return
    services.memo_accept(token=token, typed_name=person.name, ip="127.0.0.1", notify=False)
    if state == MemoState.COUNTERSIGNED:
        memo.refresh_from_db()
        services.memo_countersign(memo=memo, user=ap)
