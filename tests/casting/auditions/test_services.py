"""Auditions' rules: places, slots once per actor and role, closed slots, callbacks."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.db import IntegrityError

from apps.casting.auditions import services
from apps.casting.auditions.models import AuditionReview, AuditionSides, SlotState
from apps.casting.errors import CastingError
from apps.casting.models import Actor, Role
from tests.casting.auditions.conftest import add_slot
from tests.factories import ProductionFactory, member

pytestmark = pytest.mark.django_db


def test_a_session_is_in_a_place_or_by_self_tape(production):
    day = production.today()
    with pytest.raises(CastingError, match="Say where"):
        services.session_create(production=production, title="Round", date=day, place="  ")
    tapes = services.session_create(production=production, title="Tapes", date=day, self_tape=True)
    assert tapes.where == "Self-tape"


def test_the_database_holds_the_place_rule_too(world):
    world.session.place = ""
    with pytest.raises(IntegrityError):
        world.session.save()


def test_an_actor_reads_for_a_role_once_per_session(world):
    add_slot(world)
    with pytest.raises(CastingError, match="already has a slot for Mara"):
        add_slot(world, at=time(12))
    add_slot(world, role=world.deckhand, at=time(12))  # another role is another slot


def test_a_slot_takes_only_this_productions_roles_and_actors(world):
    other = ProductionFactory()
    stranger = Actor.objects.create(production=other, name="Stranger")
    with pytest.raises(CastingError, match="not in this production"):
        add_slot(world, actor=stranger)
    with pytest.raises(CastingError, match="not in this production"):
        add_slot(world, role=Role.objects.create(production=other, name="Mara"))


def test_a_cancelled_or_declined_slot_is_not_edited_or_invited(world):
    slot = add_slot(world)
    services.slot_cancel(slot=slot)
    with pytest.raises(CastingError, match="was cancelled"):
        services.slot_update(slot=slot, starts_at=time(9), minutes=15, send_to="agent")
    with pytest.raises(CastingError, match="was cancelled"):
        services.slot_invite(slot=slot)


def test_the_slot_ends_after_its_length(world):
    slot = add_slot(world, at=time(23, 50))
    assert slot.ends_at == time(0, 5)


def test_a_callback_follows_its_session_with_the_sides_of_its_roles(world):
    services.sides_save(session=world.session, role=world.mara, scenes=world.scenes)
    ines = add_slot(world, world.ines, at=time(10))
    tomasz = add_slot(world, world.tomasz, role=world.deckhand, at=time(10, 20))
    declined = add_slot(world, world.tomasz, at=time(10, 40))
    declined.state = SlotState.DECLINED
    declined.save()
    callback = services.callback_create(
        session=world.session,
        slots=[tomasz, ines, declined],
        title="Callback",
        date=world.session.date + timedelta(days=3),
        place="Stage 4",
        starts_at=time(14),
        minutes=30,
    )
    assert callback.follows == world.session and list(world.session.callbacks.all()) == [callback]
    slots = list(callback.slots.order_by("starts_at"))
    assert [(s.actor, s.starts_at, s.state) for s in slots] == [
        (world.ines, time(14), SlotState.PLANNED),
        (world.tomasz, time(14, 30), SlotState.PLANNED),
    ]
    sides = AuditionSides.objects.get(session=callback)
    assert sides.role == world.mara and set(sides.scenes.all()) == set(world.scenes)


def test_a_callback_needs_someone_still_on(world):
    slot = add_slot(world)
    services.slot_cancel(slot=slot)
    with pytest.raises(CastingError, match="at least one actor"):
        services.callback_create(
            session=world.session, slots=[slot], title="C", date=world.session.date,
            place="Here", starts_at=time(9),
        )  # fmt: skip


def test_saving_a_review_again_replaces_the_reviewers_own(world, production):
    slot = add_slot(world)
    reviewer = member(production)
    services.review_save(slot=slot, reviewer=reviewer, rating=3, note=" good ")
    services.review_save(slot=slot, reviewer=reviewer, rating=None, note="changed my mind")
    (review,) = AuditionReview.objects.all()
    assert (review.rating, review.note) == (None, "changed my mind")
    with pytest.raises(CastingError, match="from 1 to 5"):
        services.review_save(slot=slot, reviewer=reviewer, rating=0, note="")
