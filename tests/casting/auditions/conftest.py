"""Auditions' fixtures: a session with its roles, actors (one with an agent) and script scenes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time, timedelta

import pytest
from django.core import mail

from apps.casting.auditions import services
from apps.casting.auditions.models import AuditionSession
from apps.casting.models import Actor, Agency, Representative, Role
from tests.schedules.factories import CastFactory, SceneFactory

LINK = re.compile(r"https?://[^/\s]+(/audition-invitations/[^/\s]+/)")


@dataclass
class World:
    session: AuditionSession
    mara: Role
    deckhand: Role
    ines: Actor  # writes to her own address
    tomasz: Actor  # through his agent
    agent: Representative
    scenes: list


@pytest.fixture
def world(production) -> World:
    part = CastFactory(production=production, character="MARA")
    mara = Role.objects.create(production=production, name="Mara", cast_member=part)
    deckhand = Role.objects.create(production=production, name="Deckhand")
    agency = Agency.objects.create(production=production, name="Harbourlight Talent")
    agent = Representative.objects.create(
        production=production, agency=agency, name="Sam Brightwater", email="sam@agency.test"
    )
    ines = Actor.objects.create(production=production, name="Ines Quarrie", email="ines@a.test")
    tomasz = Actor.objects.create(
        production=production, name="Tomasz Albrecht", email="tomasz@a.test", agent=agent
    )
    one = SceneFactory(
        production=production,
        number="12",
        heading="INT. FERRY CAR DECK - NIGHT",
        text="Rain hammers the deck.\nMARA\nWe turn back now, or we never do.",
    )
    one.cast.add(part)
    two = SceneFactory(
        production=production,
        number="14",
        heading="EXT. HARBOUR - DAWN",
        text="MARA\nIt was always going to be the sea.",
    )
    session = services.session_create(
        production=production,
        title="First round",
        date=production.today() + timedelta(days=5),
        place="Studio 2, Harbour Road",
    )
    return World(session, mara, deckhand, ines, tomasz, agent, [one, two])


def add_slot(world: World, actor: Actor | None = None, role: Role | None = None, at=time(10)):
    return services.slot_add(
        session=world.session, role=role or world.mara, actor=actor or world.ines, starts_at=at
    )


def invite(world: World, capture) -> None:
    with capture(execute=True):
        services.invitations_send(session=world.session)


def link_to(email: str) -> str:
    (message,) = [m for m in mail.outbox if m.to == [email]]
    return LINK.search(message.body).group(1)
