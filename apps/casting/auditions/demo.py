"""The demo's audition session (issue 19, point 8): one session with slots in every state, the
sides of its first role and a rating. Nobody is e-mailed: the demo's invitations are recorded as
sent. Idempotent: a production with a session already is left alone.

Standalone on purpose: it reads the production's roles and actors (the casting demo's), and
makes two parts and five actors of its own when there are none yet.
"""

from __future__ import annotations

import secrets
from datetime import time, timedelta

from django.utils import timezone

from apps.casting.auditions import queries, services
from apps.casting.auditions.models import AuditionSession, AuditionSlot, SlotState
from apps.casting.models import Actor, Agency, Representative, Role
from apps.core.models import SendStatus
from apps.productions.services import hash_token
from apps.schedules.models import CastMember

DEMO_ACTORS = ["Ines Quarrie", "Tomasz Albrecht", "Wren Okafor", "Dara Fenwick", "Lou Castellane"]
# (state, time): the slots, one per actor, in every state a slot can be in.
DEMO_SLOTS = [
    (SlotState.CONFIRMED, time(10, 0)),
    (SlotState.CONFIRMED, time(10, 20)),
    (SlotState.INVITED, time(10, 40)),
    (SlotState.DECLINED, time(11, 0)),
    (SlotState.PLANNED, time(11, 20)),
]


def _roles(production) -> list[Role]:
    roles = list(Role.objects.filter(production=production).order_by("pk")[:2])
    if roles:
        return roles
    parts = list(CastMember.objects.filter(production=production).order_by("id_number")[1:3])
    for part in parts:
        role, _ = Role.objects.get_or_create(
            production=production,
            name=part.character.title(),
            defaults={"cast_member": part if not hasattr(part, "casting_role") else None},
        )
        roles.append(role)
    return roles or [Role.objects.create(production=production, name="Deckhand")]


def _actors(production) -> list[Actor]:
    actors = list(Actor.objects.filter(production=production).order_by("pk")[: len(DEMO_SLOTS)])
    if len(actors) >= len(DEMO_SLOTS):
        return actors
    agency, _ = Agency.objects.get_or_create(
        production=production,
        name="Harbourlight Talent",
        defaults={"email": "desk@harbourlight.test"},
    )
    agent, _ = Representative.objects.get_or_create(
        production=production,
        agency=agency,
        name="Sam Brightwater",
        defaults={"email": "sam@harbourlight.test"},
    )
    for n, name in enumerate(DEMO_ACTORS[len(actors) :]):
        email = name.lower().replace(" ", ".") + "@actors.night-ferry.test"
        actors.append(
            Actor.objects.create(
                production=production, name=name, email=email, agent=agent if n % 2 else None
            )
        )
    return actors


def seed_auditions(production, roles=None, actors=None, reviewer=None) -> AuditionSession | None:
    if AuditionSession.objects.filter(production=production).exists():
        return None
    roles = list(roles or _roles(production))
    actors = list(actors or _actors(production))
    day = max(production.prep_start or production.today(), production.today()) + timedelta(days=3)
    session = services.session_create(
        production=production,
        user=reviewer,
        title=f"First round: {roles[0].name}" + (f" and {roles[1].name}" if len(roles) > 1 else ""),
        date=day,
        place="Studio 2, Harbour Road Rehearsal Rooms",
        notes="Please arrive ten minutes early. Sides attached; off book not needed.",
    )
    now = timezone.now()
    for n, ((state, start), actor) in enumerate(zip(DEMO_SLOTS, actors, strict=False)):
        slot = services.slot_add(
            session=session, role=roles[n % len(roles)], actor=actor, starts_at=start, minutes=20
        )
        if state == SlotState.PLANNED:
            continue
        slot.recipient_name, slot.recipient_email = services.recipient_of(slot)
        AuditionSlot.objects.filter(pk=slot.pk).update(
            state=state,
            recipient_name=slot.recipient_name,
            recipient_email=slot.recipient_email,
            token_hash=hash_token(secrets.token_urlsafe(32)),
            send_status=SendStatus.SENT,
            send_requested_at=now,
            sent_at=now,
            answered_at=now if state != SlotState.INVITED else None,
        )
    scenes = queries.scenes_of_role(roles[0])[:2] or list(
        queries.script_scenes(production).values_list("pk", flat=True)[:2]
    )
    services.sides_save(
        session=session,
        role=roles[0],
        scenes=queries.script_scenes(production).filter(pk__in=scenes),
    )
    if reviewer is not None:
        first = session.slots.order_by("starts_at").first()
        services.review_save(
            slot=first, reviewer=reviewer, rating=4, note="Strong first read; worth a callback."
        )
    return session
