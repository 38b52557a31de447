"""Screenings' fixtures: a screening next week with a member, two crew hires, a cast member and
an outside guest who may be invited."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time, timedelta

import pytest
from django.core import mail

from apps.post.screenings import services
from apps.post.screenings.models import Screening
from apps.productions.capabilities import Role
from tests.crew.factories import EngagementFactory, PositionFactory
from tests.factories import member
from tests.schedules.factories import CastFactory

LINK = re.compile(r"https?://[^/\s]+(/screening-invitations/[^/\s]+/)")


@dataclass
class World:
    production: object
    screening: Screening
    ap: object


@pytest.fixture
def world(production) -> World:
    ap = member(production, Role.ASSOCIATE_PRODUCER)
    ap.full_name, ap.email = "Ada Producer", "ada@office.test"
    ap.save()
    position = PositionFactory(department__production=production)
    EngagementFactory(position=position, person__name="Gil Grip", person__email="gil@crew.test")
    EngagementFactory(position=position, person__name="Kit Sparks", person__email="kit@crew.test")
    CastFactory(production=production, actor="Ines Quarrie", email="ines@cast.test")
    CastFactory(production=production, actor="", email="")  # nobody to invite yet
    screening = services.screening_create(
        production=production,
        user=ap,
        kind="test",
        title="First test screening",
        date=production.today() + timedelta(days=7),
        starts_at=time(19, 0),
        venue="Harbour Picturehouse",
        cut_shown="Director's cut v2",
    )
    return World(production, screening, ap)


def invite(world: World, capture) -> list:
    with capture(execute=True):
        return services.invitations_send(screening=world.screening)


def link_to(email: str) -> str:
    (message,) = [m for m in mail.outbox if m.to == [email]]
    return LINK.search(message.body).group(1)


def token_of(link: str) -> str:
    return link.rstrip("/").rsplit("/", 1)[1]
