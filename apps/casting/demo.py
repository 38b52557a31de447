"""The demo's casting: a role for every part of the schedule's cast (40 in the large demo) and a
few added by hand, in every state: open, auditioning, offered and booked. Three agencies with
their agents, actors with union status and unavailable dates, submissions and a ranked,
commented shortlist for an auditioning role.

Offers, holds and the two booked actors (their cost following the board) are made through the
offers' own services (`offers/demo.py`), the audition session through the auditions'
(`auditions/demo.py`). Idempotent: roles are made once per part; the people, submissions,
auditions and offers only when the production has none yet.
"""

from __future__ import annotations

from datetime import timedelta

from apps.casting import services
from apps.casting.auditions.demo import seed_auditions
from apps.casting.models import (
    Actor,
    Agency,
    Gender,
    Representative,
    Role,
    RoleStatus,
    SubmissionSource,
    UnionStatus,
)
from apps.casting.offers.demo import seed_offers
from apps.productions.capabilities import Role as MemberRole

BY_HAND = [
    ("Ferry bar waiter", "Pours, listens, says one line about the weather.", 25, 60, True),
    ('Customs officer "Blue"', "Stamps passports at the dock.\nNo lines.", 30, 55, False),
]
AGENCIES = [
    ("Harbour Talent", [("Ines Duarte", "ines@harbour-talent.test", "+44 20 7946 0011")]),
    ('North & "West" Artists', [("Tom Reyes", "tom@northwest.test", "+44 20 7946 0012")]),
    ("=Quay Management", [("Priya Shah", "priya@quay.test", "+44 20 7946 0013")]),
]
ACTORS = [
    ("Rosa Lind", UnionStatus.UNION, "Equity"),
    ("Kwame Asante", UnionStatus.UNION, "Equity"),
    ("Léa Martin", UnionStatus.NON_UNION, ""),
    ("Sam O'Hara", UnionStatus.ELIGIBLE, ""),
    ("Dev Patel-Jones", UnionStatus.UNION, "SAG-AFTRA"),
    ("Ana Kowalska", UnionStatus.UNKNOWN, ""),
]


def seed_casting(production, people, size: str) -> None:
    services.roles_from_cast(production=production)
    # The large demo's 40 roles are its 40 parts; the small one shows roles added by hand too.
    for name, description, low, high, speaking in BY_HAND if size != "large" else ():
        if not Role.objects.filter(production=production, name__iexact=name).exists():
            services.role_save(
                role=Role(
                    production=production,
                    name=name,
                    description=description,
                    age_min=low,
                    age_max=high,
                    speaking=speaking,
                )
            )
    if Agency.objects.filter(production=production).exists():
        return
    roles = list(Role.objects.filter(production=production).order_by("cast_member__id_number"))
    _describe(roles)
    actors = _people(production)
    _states(production, roles, actors)
    _submissions(production, roles, actors, people)
    auditioning = [role for role in roles if role.status == RoleStatus.AUDITIONING]
    seed_auditions(
        production,
        roles=auditioning or roles,
        actors=actors,
        reviewer=people.get(MemberRole.PRODUCER),
    )
    seed_offers(production, people)  # offers, holds, two booked actors: the first five parts


def _describe(roles: list[Role]) -> None:
    genders = [Gender.FEMALE, Gender.MALE, Gender.ANY, Gender.NON_BINARY]
    for n, role in enumerate(roles):
        if role.description:
            continue
        role.description = f"{role.name.title()}: see the script's scenes for the part."
        role.gender = genders[n % len(genders)]
        role.age_min, role.age_max = 20 + (n * 7) % 40, 30 + (n * 7) % 40
        role.save(update_fields=["description", "gender", "age_min", "age_max"])


def _people(production) -> list[Actor]:
    agents = []
    for name, reps in AGENCIES:
        agency = Agency.objects.create(production=production, name=name, email=reps[0][1])
        for rep_name, email, phone in reps:
            agents.append(
                Representative.objects.create(
                    production=production, agency=agency, name=rep_name, email=email, phone=phone
                )
            )
    actors = []
    for n, (name, union, union_name) in enumerate(ACTORS):
        slug = name.split()[0].lower().replace("é", "e")
        actors.append(
            Actor.objects.create(
                production=production,
                name=name,
                email=f"{slug}@actors.test",
                agent=agents[n % len(agents)],
                union_status=union,
                union_name=union_name,
                playing_age_min=25 + n * 3,
                playing_age_max=35 + n * 3,
            )
        )
    away = production.first_shoot_day or production.today()
    services.unavailability_add(
        actor=actors[2], start=away + timedelta(days=9), end=away + timedelta(days=10)
    )
    return actors


def _states(production, roles: list[Role], actors: list[Actor]) -> None:
    """Three parts auditioning; the first five parts get their offers (booked, sent, draft,
    declined) from `seed_offers`, the rest stay open."""
    on_board = [role for role in roles if role.cast_member_id]
    for role in on_board[5:8]:
        role.status = RoleStatus.AUDITIONING
        role.save(update_fields=["status"])


def _submissions(production, roles: list[Role], actors: list[Actor], people) -> None:
    auditioning = [role for role in roles if role.status == RoleStatus.AUDITIONING]
    if not auditioning:
        return
    role = auditioning[0]
    for actor in actors:
        services.submission_add(
            role=role,
            actor=actor,
            via=SubmissionSource.AGENT,
            submitted_by=actor.agent,
            note=f"Available; self-tape on request.\n{actor.agent.agency.name}",
        )
    producer = people.get(MemberRole.PRODUCER)
    ap = people.get(MemberRole.ASSOCIATE_PRODUCER)
    entries = [services.shortlist_add(role=role, actor=a, user=ap) for a in actors[:3]]
    services.shortlist_move(entry=entries[2], rank=1)
    services.comment_add(entry=entries[2], author=producer, text="Strongest read. Bring back.")
    services.comment_add(entry=entries[0], author=ap, text='Agent says "available all March".')
    for other in auditioning[1:]:
        services.submission_add(
            role=other, actor=actors[-1], via=SubmissionSource.BY_HAND, note="=1+1"
        )
