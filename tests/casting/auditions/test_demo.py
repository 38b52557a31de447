"""The demo's audition session: slots in several states, sides, a rating; nobody e-mailed."""

from __future__ import annotations

import pytest
from django.core import mail

from apps.casting.auditions.demo import seed_auditions
from apps.casting.auditions.models import AuditionSession, AuditionSlot, SlotState
from tests.factories import member

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_session_with_slots_in_several_states(production):
    session = seed_auditions(production, reviewer=member(production))
    states = set(AuditionSlot.objects.filter(session=session).values_list("state", flat=True))
    assert states == {SlotState.CONFIRMED, SlotState.INVITED, SlotState.DECLINED, SlotState.PLANNED}
    assert session.sides.count() == 1 and session.slots.filter(reviews__isnull=False).exists()
    assert mail.outbox == []
    assert seed_auditions(production) is None  # seeding again leaves it alone
    assert AuditionSession.objects.filter(production=production).count() == 1
