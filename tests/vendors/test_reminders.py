from __future__ import annotations

import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse

from apps.core.models import SendStatus
from apps.core.outbox import send_args, send_message
from apps.productions.capabilities import Role
from apps.vendors import services
from apps.vendors.models import Reminder, ReminderKind
from apps.vendors.tasks import daily_reminders
from tests.factories import member
from tests.vendors.factories import VendorFactory, rental_fields

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def situation(production):
    """A certificate expiring in 10 days, one in 30, a renewed one, and an overdue rental; a
    producer, an AP and a coordinator."""
    today = production.today()
    people = {role: member(production, role) for role in (Role.PRODUCER, Role.COORDINATOR)}
    people[Role.ASSOCIATE_PRODUCER] = member(production)
    soon, later, renewed = (VendorFactory(production=production) for _ in range(3))
    for vendor, days in [(soon, 10), (later, 30), (renewed, 5), (renewed, 200)]:
        services.certificate_upload(
            vendor=vendor,
            upload=ContentFile(PDF, name="c.pdf"),
            expires_on=today + timedelta(days=days),
        )
    services.rental_create(
        vendor=later,
        **rental_fields(
            item="Dolly", pick_up_on=today - timedelta(7), return_due_on=today - timedelta(2)
        ),
    )
    return people


def run(django_capture_on_commit_callbacks) -> int:
    with django_capture_on_commit_callbacks(execute=True):
        return daily_reminders.delay().get()


def test_producers_and_aps_hear_of_expiring_certificates_and_overdue_rentals(
    production, situation, django_capture_on_commit_callbacks
):
    assert run(django_capture_on_commit_callbacks) == 4  # 2 things × producer and AP
    recipients = {m.to[0] for m in mail.outbox}
    assert recipients == {
        situation[Role.PRODUCER].email,
        situation[Role.ASSOCIATE_PRODUCER].email,
    }
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects[0].endswith("certificate expiring") and subjects[-1].endswith("rental overdue")
    bodies = " ".join(m.body for m in mail.outbox)
    assert "expires in 10 days" in bodies and "Dolly" in bodies and "2 days overdue" in bodies
    assert set(Reminder.objects.values_list("send_status", flat=True)) == {SendStatus.SENT}


def test_a_second_run_the_same_day_sends_nothing(
    production, situation, django_capture_on_commit_callbacks
):
    run(django_capture_on_commit_callbacks)
    assert run(django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 4
    assert Reminder.objects.count() == 4


def test_the_log_refuses_a_second_reminder_for_the_same_thing_person_and_day(production, situation):
    from django.db import IntegrityError

    reminder = services.reminders_create(production=production)[0]
    with pytest.raises(IntegrityError):
        Reminder.objects.create(
            production=production,
            kind=reminder.kind,
            object_id=reminder.object_id,
            recipient=reminder.recipient,
            date=reminder.date,
            text="again",
        )


def test_the_next_day_reminds_again(production, situation):
    today = production.today()
    assert len(services.reminders_create(production=production, today=today)) == 4
    assert len(services.reminders_create(production=production, today=today + timedelta(1))) == 4


def test_a_failed_send_is_retried_and_then_shown_as_failed(production, situation):
    reminder = services.reminders_create(production=production)[0]
    with mock.patch(
        "django.core.mail.EmailMultiAlternatives.send", side_effect=smtplib.SMTPException("down")
    ):
        send_message.delay(*send_args(reminder))
    reminder.refresh_from_db()
    assert reminder.send_status == SendStatus.FAILED
    assert reminder.send_attempts == 5
    assert "down" in reminder.send_error
    send_message.delay(*send_args(reminder))  # a later run delivers it once
    send_message.delay(*send_args(reminder))
    reminder.refresh_from_db()
    assert reminder.send_status == SendStatus.SENT and len(mail.outbox) == 1


def test_the_dashboard_shows_my_reminders_as_notes(
    client, production, situation, django_capture_on_commit_callbacks
):
    run(django_capture_on_commit_callbacks)
    client.force_login(situation[Role.ASSOCIATE_PRODUCER])
    page = client.get(production.get_absolute_url()).content.decode()
    assert 'data-testid="reminder-notes"' in page
    assert "certificate of insurance expires in 10 days" in page
    client.force_login(situation[Role.COORDINATOR])
    page = client.get(production.get_absolute_url()).content.decode()
    assert 'data-testid="reminder-notes"' not in page


def test_beat_runs_the_reminders_every_day():
    entry = settings.CELERY_BEAT_SCHEDULE["vendors-daily-reminders"]
    assert entry["task"] == "apps.vendors.tasks.daily_reminders"
    assert isinstance(entry["schedule"], crontab)
    assert entry["schedule"].day_of_week == set(range(7))
    assert reminder_kinds() == {"certificate_expiring", "rental_overdue"}


def reminder_kinds() -> set[str]:
    return set(ReminderKind.values)


def test_the_vendor_pages_link_from_the_reminder(
    production, situation, django_capture_on_commit_callbacks
):
    run(django_capture_on_commit_callbacks)
    link = reverse("vendors:index", kwargs={"production_slug": production.slug})
    assert link in mail.outbox[0].body
