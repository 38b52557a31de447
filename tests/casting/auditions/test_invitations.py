"""An invitation per slot, through the kernel's outbox: to the actor or their agent, with the
slot's time and place and a link; sent exactly once however often its task runs."""

from __future__ import annotations

from datetime import time

import pytest
from django.core import mail

from apps.casting.auditions import services
from apps.casting.auditions.models import AuditionSlot, SlotState
from apps.casting.errors import CastingError
from apps.core import outbox
from apps.core.models import SendStatus
from apps.productions.services import hash_token
from tests.casting.auditions.conftest import LINK, add_slot, invite, link_to

pytestmark = pytest.mark.django_db


def test_each_slot_is_invited_by_e_mail_to_the_actor_or_their_agent(
    world, django_capture_on_commit_callbacks
):
    add_slot(world, world.ines, at=time(10, 0))
    add_slot(world, world.tomasz, role=world.deckhand, at=time(10, 20))
    invite(world, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == ["ines@a.test", "sam@agency.test"]
    (to_ines,) = [m for m in mail.outbox if m.to == ["ines@a.test"]]
    assert "10:00 to 10:15" in to_ines.body and "Studio 2, Harbour Road" in to_ines.body
    assert "see you for the role of Mara" in to_ines.body
    assert LINK.search(to_ines.body)
    (to_agent,) = [m for m in mail.outbox if m.to == ["sam@agency.test"]]
    assert "Hello Sam Brightwater" in to_agent.body
    assert "your client Tomasz Albrecht for the role of Deckhand" in to_agent.body
    assert set(AuditionSlot.objects.values_list("state", "send_status")) == {
        (SlotState.INVITED, SendStatus.SENT)
    }


def test_asking_twice_invites_nobody_twice(world, django_capture_on_commit_callbacks):
    add_slot(world)
    invite(world, django_capture_on_commit_callbacks)
    with pytest.raises(CastingError, match="invited already"):
        invite(world, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_the_invitation_is_sent_exactly_once_when_its_task_runs_twice(
    world, django_capture_on_commit_callbacks
):
    slot = add_slot(world)
    with django_capture_on_commit_callbacks(execute=False):  # the broker's task, held back
        services.invitations_send(session=world.session)
    slot.refresh_from_db()
    args = outbox.send_args(slot)
    first = outbox.send_message.apply(args=args, task_id="task-1").get()
    again = outbox.send_message.apply(args=args, task_id="task-1").get()  # redelivered
    duplicate = outbox.send_message.apply(args=args, task_id="task-2").get()  # queued twice
    assert (first, again, duplicate) == ("sent", "skipped: already sent", "skipped: already sent")
    assert len(mail.outbox) == 1
    slot.refresh_from_db()
    assert slot.send_status == SendStatus.SENT and slot.send_attempts == 1


def test_a_second_task_leaves_a_send_under_way_alone(world, django_capture_on_commit_callbacks):
    slot = add_slot(world)
    with django_capture_on_commit_callbacks(execute=False):
        services.invitations_send(session=world.session)
    slot.refresh_from_db()
    claimed = outbox.claim(AuditionSlot, slot.pk, slot.send_requested_at.isoformat(), "task-1")
    assert not isinstance(claimed, str)  # task 1 is sending (its e-mail not out yet)
    result = outbox.send_message.apply(args=outbox.send_args(slot), task_id="task-2").get()
    assert result == "skipped: claimed by another task"
    assert mail.outbox == []


def test_only_the_links_hash_is_kept(world, django_capture_on_commit_callbacks):
    add_slot(world)
    invite(world, django_capture_on_commit_callbacks)
    token = link_to("ines@a.test").rstrip("/").rsplit("/", 1)[-1]
    stored = AuditionSlot.objects.get().token_hash
    assert token not in stored and stored == hash_token(token)


def test_an_actor_without_any_address_is_named_and_left_uninvited(
    world, production, django_capture_on_commit_callbacks
):
    world.ines.email = ""
    world.ines.save()
    add_slot(world, world.ines)
    add_slot(world, world.tomasz, at=time(11))
    with django_capture_on_commit_callbacks(execute=True):
        invited, problems = services.invitations_send(session=world.session)
    assert [s.actor for s in invited] == [world.tomasz]
    assert problems == [services.NO_ADDRESS.format(actor="Ines Quarrie")]
    assert AuditionSlot.objects.get(actor=world.ines).state == SlotState.PLANNED


def test_to_the_actor_directly_when_asked(world, django_capture_on_commit_callbacks):
    slot = add_slot(world, world.tomasz)
    services.slot_update(slot=slot, starts_at=slot.starts_at, minutes=15, send_to="actor")
    invite(world, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["tomasz@a.test"]]


def test_a_slot_cancelled_before_its_task_runs_is_not_sent(
    world, django_capture_on_commit_callbacks
):
    slot = add_slot(world)
    with django_capture_on_commit_callbacks(execute=False):
        services.invitations_send(session=world.session)
    slot.refresh_from_db()
    args = outbox.send_args(slot)
    services.slot_cancel(slot=slot)
    assert outbox.send_message.apply(args=args).get() == "skipped: no longer wanted"
    assert mail.outbox == []


def test_moving_an_invited_slot_sends_a_new_invitation_and_the_old_link_dies(
    world, client, django_capture_on_commit_callbacks
):
    slot = add_slot(world)
    invite(world, django_capture_on_commit_callbacks)
    old = link_to("ines@a.test")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.slot_update(slot=slot, starts_at=time(14, 30), minutes=30, send_to="agent")
    assert "14:30 to 15:00" in mail.outbox[0].body
    assert client.get(old).status_code == 404
    assert client.get(link_to("ines@a.test")).status_code == 200
    reasons = list(slot.history.values_list("history_change_reason", flat=True))
    assert "moved from 10:00 (15 min) to 14:30 (30 min); invitation sent again" in reasons


def test_the_sides_are_attached_as_a_pdf(world, django_capture_on_commit_callbacks):
    services.sides_save(session=world.session, role=world.mara, scenes=world.scenes[:1])
    add_slot(world)
    invite(world, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert "The sides (the scenes to prepare) are attached." in message.body
    ((filename, content, kind),) = message.attachments
    assert kind == "application/pdf" and content.startswith(b"%PDF")
    assert filename.startswith("sides-mara-")
