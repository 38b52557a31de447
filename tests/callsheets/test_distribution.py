"""Publishing e-mails everyone working the day, through a real SMTP server on loopback: one
message per recipient per revision, whatever runs twice or dies half-way."""

from __future__ import annotations

import smtplib
from datetime import timedelta

import pytest
from django.utils import timezone

from apps.callsheets import services, tasks
from apps.callsheets.models import CallSheet, Recipient, RecipientStatus
from apps.core import outbox
from apps.core.outbox import send_args, send_message
from apps.crew.models import Person

pytestmark = pytest.mark.django_db


def publish(day, capture):
    with capture(execute=True):
        return services.callsheet_publish(call_sheet=services.callsheet_start(shoot_day=day))


def working_emails(day) -> set[str]:
    people = [e.person for e in day.extra["engagements"]] + day.extra["day_players"]
    return {p.email for p in people}


def test_publishing_mails_everyone_working_the_day_their_own_call(
    day, smtp_server, django_capture_on_commit_callbacks
):
    revision = publish(day, django_capture_on_commit_callbacks)
    assert sorted(smtp_server.recipients()) == sorted(working_emails(day))
    player = day.extra["day_players"][0]
    (mail,) = [m for m in smtp_server.parsed() if m["To"] == player.email]
    assert "your call 06:00" in mail["Subject"]
    text = mail.get_body(("plain",)).get_content()
    assert "/callsheets/confirm/" in text
    assert (
        Recipient.objects.filter(revision=revision, send_status=RecipientStatus.SENT).count() == 5
    )


def test_each_recipient_gets_a_different_link(day, smtp_server, django_capture_on_commit_callbacks):
    publish(day, django_capture_on_commit_callbacks)
    links = {
        line for body in smtp_server.bodies() for line in body.splitlines()
        if "/callsheets/confirm/" in line
    }  # fmt: skip
    assert len(links) >= 5


def test_running_the_distribution_task_twice_sends_each_message_once(
    day, smtp_server, django_capture_on_commit_callbacks
):
    revision = publish(day, django_capture_on_commit_callbacks)
    tasks.distribute_revision(revision.pk)
    for recipient in revision.recipients.all():
        send_message.apply(args=send_args(recipient))
    assert len(smtp_server.messages) == 5
    assert len(set(smtp_server.recipients())) == 5


def test_a_crash_between_claim_and_send_is_sent_once_by_the_redelivered_task(
    day, smtp_server, django_capture_on_commit_callbacks, monkeypatch
):
    # The worker dies after claiming one row and before its SMTP conversation: simulate it by
    # claiming under the task's id and sending nothing.
    monkeypatch.setattr(tasks.distribute_revision, "apply_async", lambda *args, **kwargs: None)
    revision = publish(day, django_capture_on_commit_callbacks)
    victim = revision.recipients.first()
    assert outbox.claim(Recipient, victim.pk, send_args(victim)[2], "task-1")
    victim.refresh_from_db()
    assert victim.send_status == RecipientStatus.SENDING
    # A duplicate task (another id) leaves the live claim alone...
    duplicate = send_message.apply(args=send_args(victim), task_id="task-2").get()
    assert duplicate == "skipped: claimed by another task"
    assert smtp_server.messages == []
    # ...the broker redelivers the unacknowledged task (same id): it takes its claim back.
    assert send_message.apply(args=send_args(victim), task_id="task-1").get() == "sent"
    # and the rest of the batch, run twice, sends everyone else once.
    monkeypatch.undo()
    tasks.distribute_revision(revision.pk)
    tasks.distribute_revision(revision.pk)
    assert sorted(smtp_server.recipients()) == sorted(working_emails(day))


def test_a_claim_abandoned_past_the_lease_is_taken_over(
    day, smtp_server, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(tasks.distribute_revision, "apply_async", lambda *args, **kwargs: None)
    revision = publish(day, django_capture_on_commit_callbacks)
    victim = revision.recipients.first()
    outbox.claim(Recipient, victim.pk, send_args(victim)[2], "dead-worker")
    Recipient.objects.filter(pk=victim.pk).update(
        send_lease_until=timezone.now() - timedelta(seconds=1)
    )
    assert send_message.apply(args=send_args(victim), task_id="new").get() == "sent"
    assert smtp_server.recipients() == [victim.email]


def test_the_second_publish_of_a_recipient_row_is_refused_by_the_database(day):
    from django.db import IntegrityError

    call_sheet = services.callsheet_start(shoot_day=day)
    revision = services.callsheet_publish(call_sheet=call_sheet)
    existing = revision.recipients.first()
    with pytest.raises(IntegrityError):
        Recipient.objects.create(
            production=existing.production, revision=revision, person=existing.person,
            name="x", email="x@example.test",
        )  # fmt: skip


def test_smtp_failures_are_retried_then_shown_as_failed_with_the_reason(
    day, settings, django_capture_on_commit_callbacks, monkeypatch
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens: refused
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    revision = publish(day, django_capture_on_commit_callbacks)
    recipient = revision.recipients.first()
    assert recipient.send_status == RecipientStatus.FAILED
    assert recipient.send_attempts == outbox.MAX_ATTEMPTS
    assert "ConnectionRefusedError" in recipient.send_error
    assert recipient.token_hash == ""


def test_a_transient_failure_is_retried_and_then_sent(
    day, smtp_server, django_capture_on_commit_callbacks, monkeypatch
):
    real_send = tasks.EmailMultiAlternatives.send
    calls = {"n": 0}

    def flaky(message, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise smtplib.SMTPServerDisconnected("connection lost")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(tasks.EmailMultiAlternatives, "send", flaky)
    revision = publish(day, django_capture_on_commit_callbacks)
    assert revision.recipients.filter(send_status=RecipientStatus.SENT).count() == 5
    assert len(smtp_server.messages) == 5
    assert sorted(r.send_attempts for r in revision.recipients.all())[-1] == 2


def test_resend_goes_only_to_the_unconfirmed_with_a_new_link(
    day, smtp_server, django_capture_on_commit_callbacks
):
    revision = publish(day, django_capture_on_commit_callbacks)
    confirmed = revision.recipients.first()
    Recipient.objects.filter(pk=confirmed.pk).update(confirmed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        assert services.recipients_resend(revision=revision) == 4
    assert len(smtp_server.messages) == 9
    assert confirmed.email not in smtp_server.recipients()[5:]


def test_resend_with_everyone_confirmed_says_so(day, django_capture_on_commit_callbacks):
    revision = publish(day, django_capture_on_commit_callbacks)
    revision.recipients.update(confirmed_at=timezone.now())
    with pytest.raises(services.CallSheetError) as error:
        services.recipients_resend(revision=revision)
    assert error.value.message == services.NOTHING_TO_RESEND


def test_a_new_revision_notifies_everyone_again(
    day, smtp_server, django_capture_on_commit_callbacks
):
    first = publish(day, django_capture_on_commit_callbacks)
    CallSheet.objects.filter(shoot_day=day).update(weather="Rain from noon")  # a revision
    second = publish(day, django_capture_on_commit_callbacks)
    assert len(smtp_server.messages) == 10
    assert second.recipients.count() == first.recipients.count() == 5
    subjects = [m["Subject"] for m in smtp_server.parsed()[5:]]
    assert all("(revision 2)" in subject for subject in subjects)


def test_the_tracking_page_shows_progress_and_each_state(
    day, ap_client, production, django_capture_on_commit_callbacks
):
    revision = publish(day, django_capture_on_commit_callbacks)
    rows = list(revision.recipients.all())
    Recipient.objects.filter(pk=rows[0].pk).update(
        send_status=RecipientStatus.FAILED,
        send_error="SMTPRecipientsRefused: no such user",
        sent_at=None,
    )
    Recipient.objects.filter(pk=rows[1].pk).update(confirmed_at=timezone.now())
    Recipient.objects.filter(pk=rows[2].pk).update(send_status=RecipientStatus.QUEUED, sent_at=None)
    url = f"/p/{production.slug}/callsheets/{revision.call_sheet_id}/revisions/1/tracking/"
    page = ap_client.get(url).content.decode()
    assert "3 of 5 sent" in page
    assert "SMTPRecipientsRefused: no such user" in page
    assert "Confirmed" in page and "Waiting for the mail worker" in page


def test_people_without_email_or_not_working_are_not_addressed(
    day, production, django_capture_on_commit_callbacks
):
    Person.objects.create(production=production, name="Not hired", email="nobody@example.test")
    revision = publish(day, django_capture_on_commit_callbacks)
    assert "nobody@example.test" not in set(revision.recipients.values_list("email", flat=True))


def test_resend_picks_up_a_row_whose_task_was_lost_and_the_lost_task_then_does_nothing(
    day, smtp_server, django_capture_on_commit_callbacks, monkeypatch
):
    # The broker lost it.
    monkeypatch.setattr(tasks.distribute_revision, "apply_async", lambda *args, **kwargs: None)
    revision = publish(day, django_capture_on_commit_callbacks)
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.recipients_resend(revision=revision) == 5
    assert len(smtp_server.messages) == 5
    stale = revision.recipients.first()
    first_request = (*send_args(stale)[:2], revision.published_at.isoformat())
    assert send_message.apply(args=first_request).get() == "skipped: superseded"
    assert len(smtp_server.messages) == 5
