"""The guest list (from members, crew, cast and outside guests) and the invitations: one e-mail
per guest through the kernel's outbox; sending again sends only to guests not invited yet."""

from __future__ import annotations

import pytest
from django.core import mail

from apps.core import outbox
from apps.core.models import SendStatus
from apps.post.screenings import queries, services
from apps.post.screenings.models import Guest, Rsvp
from apps.productions.services import hash_token
from tests.post.screenings.conftest import LINK, invite, link_to, token_of

pytestmark = pytest.mark.django_db


def add_groups(world, *groups):
    for group in groups:
        services.guests_add(
            screening=world.screening, candidates=queries.candidates(world.production, group)
        )


def test_groups_add_members_crew_and_cast_once(world):
    add_groups(world, "members", "crew", "cast")
    add_groups(world, "members", "crew", "cast")  # again: nobody twice
    rows = set(world.screening.guests.values_list("name", "email", "source"))
    assert rows == {
        ("Ada Producer", "ada@office.test", "member"),
        ("Gil Grip", "gil@crew.test", "crew"),
        ("Kit Sparks", "kit@crew.test", "crew"),
        ("Ines Quarrie", "ines@cast.test", "cast"),
    }


def test_an_outside_guest_is_added_once_whatever_the_case_of_the_address(world):
    services.guest_add(screening=world.screening, name="Priya Raman", email="priya@x.test")
    with pytest.raises(services.ScreeningError, match="on this screening's guest list already"):
        services.guest_add(screening=world.screening, name="P. Raman", email="PRIYA@x.test")
    assert world.screening.guests.count() == 1


def test_each_guest_is_invited_exactly_once(world, django_capture_on_commit_callbacks):
    add_groups(world, "crew", "cast")
    invite(world, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "gil@crew.test",
        "ines@cast.test",
        "kit@crew.test",
    ]
    body = next(m.body for m in mail.outbox if m.to == ["gil@crew.test"])
    assert "Hello Gil Grip" in body and "Harbour Picturehouse" in body and "19:00" in body
    assert LINK.search(body)
    # Sending again: nobody is invited twice.
    with pytest.raises(services.ScreeningError, match="invited already"):
        invite(world, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 3
    # A guest added later: the next send goes to them only.
    services.guest_add(screening=world.screening, name="Priya Raman", email="priya@x.test")
    invited = invite(world, django_capture_on_commit_callbacks)
    assert [g.name for g in invited] == ["Priya Raman"]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "gil@crew.test", "ines@cast.test", "kit@crew.test", "priya@x.test"
    ]  # fmt: skip
    assert set(Guest.objects.values_list("rsvp", "send_status")) == {
        (Rsvp.WAITING, SendStatus.SENT)
    }


def test_the_invitation_is_sent_once_when_its_task_runs_twice(
    world, django_capture_on_commit_callbacks
):
    guest = services.guest_add(screening=world.screening, name="Priya", email="priya@x.test")
    with django_capture_on_commit_callbacks(execute=False):  # the broker's task, held back
        services.invitations_send(screening=world.screening)
    guest.refresh_from_db()
    args = outbox.send_args(guest)
    first = outbox.send_message.apply(args=args, task_id="task-1").get()
    again = outbox.send_message.apply(args=args, task_id="task-1").get()
    duplicate = outbox.send_message.apply(args=args, task_id="task-2").get()
    assert (first, again, duplicate) == ("sent", "skipped: already sent", "skipped: already sent")
    assert len(mail.outbox) == 1


def test_nothing_to_send_without_guests(world, django_capture_on_commit_callbacks):
    with pytest.raises(services.ScreeningError, match="Add guests"):
        invite(world, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_only_the_links_hash_is_kept_and_history_never_holds_it(
    world, django_capture_on_commit_callbacks
):
    services.guest_add(screening=world.screening, name="Priya", email="priya@x.test")
    invite(world, django_capture_on_commit_callbacks)
    token = token_of(link_to("priya@x.test"))
    guest = Guest.objects.get()
    assert guest.token_hash == hash_token(token) and token not in guest.token_hash
    assert not hasattr(guest.history.model, "token_hash") or not any(
        getattr(h, "token_hash", "") for h in guest.history.all()
    )
    assert "invitation to Priya" in [h.history_change_reason for h in guest.history.all()]
