"""Outbound work asked for while the broker is down: the request still succeeds, the row waits and
says so, and the sweeper queues it again later, once. The same with a real, stopped Redis and a
real worker is the drill in tests/drills/test_redis_down.py."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from kombu.exceptions import OperationalError

from apps.core import outbox
from apps.core.models import SendStatus
from apps.core.outbox import send_message
from apps.productions.models import Invitation
from apps.productions.tasks import redispatch_waiting
from producer_desk.celery import app

pytestmark = pytest.mark.django_db

WAITING = "Waiting for the mail worker"


@pytest.fixture
def broker_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(send_message, "apply_async", refuse)


def invite(client, production, capture):
    payload = {"email": "new.person@example.test", "role": "coordinator", "department": ""}
    url = reverse("productions:members", kwargs={"production_slug": production.slug})
    with capture(execute=True):
        return client.post(url, payload)


def age(invitation: Invitation, seconds: int) -> None:
    Invitation.objects.filter(pk=invitation.pk).update(
        send_requested_at=timezone.now() - timedelta(seconds=seconds)
    )


def test_an_invitation_asked_for_with_the_broker_down_is_saved_and_shown_as_waiting(
    ap_client, production, broker_down, django_capture_on_commit_callbacks
):
    response = invite(ap_client, production, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.send_status, invitation.send_attempts) == (SendStatus.QUEUED, 0)
    assert mail.outbox == []
    page = ap_client.get(response.url).content.decode()
    assert WAITING in page and "new.person@example.test" in page


def test_an_invitation_being_sent_is_shown_as_waiting_with_no_retry_note(
    ap_client, production, broker_down, django_capture_on_commit_callbacks
):
    response = invite(ap_client, production, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    assert outbox.claim(Invitation, invitation.pk, outbox.send_args(invitation)[2], "task-1")
    page = ap_client.get(response.url).content.decode()
    assert WAITING in page and "retrying" not in page


def test_dispatch_says_false_instead_of_raising_when_the_broker_refuses(broker_down):
    args = ("productions.invitation", 1, timezone.now().isoformat())
    assert outbox.dispatch(send_message, *args) is False


def test_the_sweeper_sends_a_request_that_waited_past_the_threshold_once(
    ap_client, production, broker_down, django_capture_on_commit_callbacks, monkeypatch
):
    invite(ap_client, production, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    assert redispatch_waiting() == 0  # too fresh: its task may still be on its way
    age(invitation, settings.OUTBOX_REDISPATCH_AFTER_SECONDS + 1)
    monkeypatch.undo()  # the broker is back
    assert redispatch_waiting() == 1
    invitation.refresh_from_db()
    assert invitation.send_status == SendStatus.SENT
    assert [m.to for m in mail.outbox] == [["new.person@example.test"]]
    assert redispatch_waiting() == 0
    assert len(mail.outbox) == 1


def test_the_sweeper_leaves_rows_a_worker_has_tried_and_closed_invitations_alone(
    ap_client, production, broker_down, django_capture_on_commit_callbacks
):
    invite(ap_client, production, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    age(invitation, settings.OUTBOX_REDISPATCH_AFTER_SECONDS + 1)
    # A worker took it and is waiting out a retry's backoff (its lease covers the wait): its own
    # retry will send it.
    Invitation.objects.filter(pk=invitation.pk).update(
        send_attempts=1, send_lease_until=timezone.now() + timedelta(minutes=5)
    )
    assert redispatch_waiting() == 0
    Invitation.objects.filter(pk=invitation.pk).update(send_attempts=0, revoked_at=timezone.now())
    assert redispatch_waiting() == 0


def test_the_sweeper_sends_again_once_a_row_whose_task_died_mid_retry(
    ap_client, production, broker_down, django_capture_on_commit_callbacks, monkeypatch
):
    invite(ap_client, production, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    # A worker tried once, failed, and its retry was lost with the broker's queue (a Redis
    # restart): the row was tried, is not sent, and no live lease covers it.
    Invitation.objects.filter(pk=invitation.pk).update(
        send_attempts=1, send_error="SMTPServerDisconnected: connection lost"
    )
    monkeypatch.undo()  # the broker is back
    assert redispatch_waiting() == 1
    invitation.refresh_from_db()
    assert (invitation.send_status, invitation.send_attempts) == (SendStatus.SENT, 2)
    assert [m.to for m in mail.outbox] == [["new.person@example.test"]]
    assert redispatch_waiting() == 0
    assert len(mail.outbox) == 1


def test_a_failed_attempt_keeps_the_row_leased_through_its_retry_s_countdown(
    ap_client, production, broker_down, django_capture_on_commit_callbacks, monkeypatch
):
    invite(ap_client, production, django_capture_on_commit_callbacks)
    monkeypatch.undo()  # the broker is back
    invitation = Invitation.objects.get()
    requested = invitation.send_requested_at.isoformat()
    assert outbox.claim(Invitation, invitation.pk, requested, "task-1")
    outbox.mark_failed(
        Invitation, invitation.pk, "task-1", reason="SMTPException: busy", retry_in=30
    )
    invitation.refresh_from_db()
    assert (invitation.send_status, invitation.send_attempts) == (SendStatus.QUEUED, 1)
    wait = invitation.send_lease_until - timezone.now()
    assert timedelta(seconds=30) + outbox.lease() - timedelta(seconds=5) < wait
    age(invitation, settings.OUTBOX_REDISPATCH_AFTER_SECONDS + 1)
    assert redispatch_waiting() == 0  # its retry is still due: not lost
    Invitation.objects.filter(pk=invitation.pk).update(
        send_lease_until=timezone.now() - timedelta(seconds=1)
    )
    assert redispatch_waiting() == 1  # the lease ran out: its retry is lost, sent once now
    assert len(mail.outbox) == 1


def test_a_second_task_for_a_sent_invitation_sends_nothing(
    ap_client, production, django_capture_on_commit_callbacks
):
    invite(ap_client, production, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    requested = invitation.send_requested_at.isoformat()
    args = ("productions.invitation", invitation.pk, requested)
    assert send_message.apply(args=args).get() == "skipped: already sent"
    assert len(mail.outbox) == 1


def test_every_outbound_model_names_a_message_builder_in_its_own_app():
    for model in outbox.outbound_models():
        builder = import_string(model.outbox_builder)
        assert callable(builder)
        assert model.outbox_builder.startswith(model._meta.app_config.name + "."), model


def test_every_app_s_waiting_sends_are_swept_and_beat_runs_the_sweeper():
    assert {model._meta.label_lower for model in outbox.outbound_models()} == {
        "productions.invitation",
        "crew.dealmemo",
        "crew.memoamendment",
        "crew.memonotice",
        "vendors.purchaseorder",
        "vendors.reminder",
        "callsheets.recipient",
        "daily_reports.distribution",
        "payroll.startpack",
        "payroll.timecardlink",
        "casting.auditionslot",
        "casting.offer",
        "casting.offeramendment",
        "post.deliverablereminder",
        "development.optionreminder",
        "post.guest",
        "post.festivalreminder",
    }
    entry = settings.CELERY_BEAT_SCHEDULE["redispatch-waiting-sends"]
    assert entry["task"] in app.tasks and send_message.name in app.tasks
    assert entry["schedule"] <= settings.OUTBOX_REDISPATCH_AFTER_SECONDS
