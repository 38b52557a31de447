"""After every board change casting looks at each booked actor's cost (apps/casting/offers/
money.py, reprices_propose): the number of queries it reads does not grow with the number of
booked actors (it read each one's pending re-prices, twice, one actor at a time)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.casting.models import Actor, Role
from apps.casting.offers import money
from apps.casting.offers import services as offers
from apps.casting.offers.models import Reprice, RepriceState
from apps.schedules import services
from tests.casting.offer_fixtures import TERMS, board, budget, sent_token
from tests.factories import ProductionFactory
from tests.schedules.factories import CastFactory

pytestmark = pytest.mark.django_db


def _booked(count: int, capture):
    """A production whose board has `count` booked actors in the same scenes, moved once."""
    production = ProductionFactory()
    ana, days, scenes = board(production)
    budget(production)
    members = [ana] + [
        CastFactory(production=production, id_number=n + 2, character=f"PART {n}")
        for n in range(count - 1)
    ]
    for scene in scenes.values():
        scene.cast.add(*members)
    for n, member in enumerate(members):
        role = Role.objects.create(production=production, cast_member=member, name=f"Part {n}")
        actor = Actor.objects.create(
            production=production, name=f"Actor {n}", email=f"actor{n}@example.test"
        )
        offer = offers.offer_create(role=role, actor=actor, **TERMS)
        offers.offer_accept(token=sent_token(offer, capture), typed_name=actor.name, ip=None)
    with capture(execute=True):
        services.scene_move(production=production, scene_id=scenes[2].pk, day_id=None, position=0)
    return production


def _queries(production) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert money.reprices_propose(production) == []  # each pending one already says it
    return len(captured)


def test_looking_at_every_booked_actors_cost_reads_the_same_queries_for_one_or_five(
    django_capture_on_commit_callbacks,
):
    one = _booked(1, django_capture_on_commit_callbacks)
    five = _booked(5, django_capture_on_commit_callbacks)
    assert Reprice.objects.filter(offer__production=five, state=RepriceState.PENDING).count() == 5
    assert _queries(one) == _queries(five)
