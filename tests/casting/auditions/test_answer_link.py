"""The invitation's link confirms or declines its own slot, once, without an account; it dies
when the slot is cancelled, moved or its day has passed, and says so in words in the audit log."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.utils.html import escape

from apps.casting.auditions import services
from apps.casting.auditions.models import AuditionSlot, SlotState
from apps.productions.audit import entries_for
from tests.casting.auditions.conftest import add_slot, invite, link_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(world, django_capture_on_commit_callbacks) -> str:
    add_slot(world)
    invite(world, django_capture_on_commit_callbacks)
    return link_to("ines@a.test")


def test_the_link_shows_the_slot_and_confirms_it_without_an_account(client, link):
    page = client.get(link).content.decode()
    assert "Ines Quarrie" in page and "Studio 2, Harbour Road" in page and "10:00–10:15" in page
    assert "ines@a.test" not in page  # nobody's address on a public page
    response = client.post(link, {"answer": "confirm"})
    assert response.status_code == 200 and "Confirmed." in response.content.decode()
    slot = AuditionSlot.objects.get()
    assert slot.state == SlotState.CONFIRMED and slot.answered_at is not None


def test_declining_is_recorded_in_the_audit_log_in_words(client, link, production):
    client.post(link, {"answer": "decline"})
    assert AuditionSlot.objects.get().state == SlotState.DECLINED
    (entry,) = [e for e in entries_for(production) if e.reason.startswith("declined")]
    assert entry.kind == "Audition slot"
    assert entry.reason == (
        "declined by Ines Quarrie through the invitation link: Ines Quarrie for Mara"
    )


def test_a_used_link_answers_once(client, link):
    client.post(link, {"answer": "confirm"})
    response = client.post(link, {"answer": "decline"})
    assert response.status_code == 409
    assert "answered already (confirmed)" in response.content.decode()
    assert AuditionSlot.objects.get().state == SlotState.CONFIRMED
    assert "Confirmed." in client.get(link).content.decode()  # still shows the answer


def test_a_post_without_an_answer_changes_nothing(client, link):
    assert client.post(link, {"action": "accept"}).status_code == 400
    assert AuditionSlot.objects.get().state == SlotState.INVITED


def test_a_made_up_token_opens_nothing(client, link):
    response = client.post("/audition-invitations/not-a-real-token/", {"answer": "confirm"})
    assert response.status_code == 404
    assert escape(services.LINK_INVALID) in response.content.decode()
    assert AuditionSlot.objects.get().state == SlotState.INVITED


def test_a_cancelled_slots_link_says_so(client, link):
    services.slot_cancel(slot=AuditionSlot.objects.get())
    response = client.post(link, {"answer": "confirm"})
    assert response.status_code == 404
    assert AuditionSlot.objects.get().state == SlotState.CANCELLED


def test_the_link_expires_after_the_session_day_in_the_production_zone(
    client, link, world, production
):
    day_after = world.session.date + timedelta(days=1)
    with mock.patch.object(type(production), "today", lambda self: day_after):
        response = client.post(link, {"answer": "confirm"})
    assert response.status_code == 404
    assert escape(services.LINK_EXPIRED) in response.content.decode()
    with mock.patch.object(type(production), "today", lambda self: world.session.date):
        assert client.post(link, {"answer": "confirm"}).status_code == 200


def test_the_link_is_rate_limited(client, link, settings):
    settings.RATELIMIT_RATES = {**settings.RATELIMIT_RATES, "token_link": "3/m"}
    statuses = [client.get(link, REMOTE_ADDR="192.0.2.44").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
