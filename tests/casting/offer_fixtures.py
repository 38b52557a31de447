"""A small board and a budget with a fringed cast account, for offers' tests.

Board: Travel, D1, D2, D3, D4. ANA travels on the travel day and works D1, D3 and D4 (a hold on
D2): work 3, hold 1, travel 1. The cast account 1401 has a line fringed with FICA and Medicare.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.core import mail

from apps.casting.models import Actor, Role
from apps.casting.offers import services as offers
from apps.schedules import services
from apps.schedules.models import DayKind
from tests.budgets.factories import add_line, budget_from_template, fringe_ids
from tests.schedules.factories import CastFactory, SceneFactory

TERMS = {
    "rate": Decimal("5000.03"),  # a week: a day is 1,000.006
    "unit": "week",
    "hold_rate": Decimal("500.00"),
    "travel_rate": Decimal("400.00"),
    "guaranteed_days": Decimal("4"),
    "perks_amount": Decimal("250.00"),
}


def board(production):
    travel = services.day_insert(production=production, kind=DayKind.TRAVEL)
    days = services.days_append(production=production, count=4)
    ana = CastFactory(production=production, id_number=1, character="ANA")
    travel.travellers.add(ana)
    scenes = {}
    for index in (0, 2, 3):
        scene = SceneFactory(production=production)
        scene.cast.set([ana])
        services.scene_move(
            production=production, scene_id=scene.pk, day_id=days[index].pk, position=0
        )
        scenes[index] = scene
    return ana, days, scenes


def budget(production):
    version = budget_from_template(production)
    add_line(version, "1401", rate="100", fringes=fringe_ids(version, "FICA", "MEDICARE"))
    return version


def role_and_actor(production, member, name="Ada Lovelace"):
    role = Role.objects.create(production=production, cast_member=member, name="Ana")
    actor = Actor.objects.create(production=production, name=name, email="ada@example.test")
    return role, actor


def sent_token(offer, capture) -> str:
    with capture(execute=True):
        offers.offer_send(offer=offer)
    body = mail.outbox[-1].body
    return re.search(r"/casting-offers/([^/\s]+)/", body).group(1)


def accepted_offer(production, capture, *, with_budget=True):
    """The board (and budget) above, and Ada's offer for ANA sent and accepted through its link:
    (offer, days, scenes)."""
    ana, days, scenes = board(production)
    if with_budget:
        budget(production)
    role, actor = role_and_actor(production, ana)
    offer = offers.offer_create(role=role, actor=actor, **TERMS)
    token = sent_token(offer, capture)
    offers.offer_accept(token=token, typed_name="Ada Lovelace", ip="203.0.113.9")
    offer.refresh_from_db()
    return offer, days, scenes
