"""Option reminders: logged each morning by beat, each sent by the kernel's outbox exactly once."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string

from apps.core import outbox
from apps.development.rights.models import OptionReminder
from apps.productions.links import production_url


def reminder_message(reminder: OptionReminder) -> EmailMultiAlternatives:
    """OptionReminder.outbox_builder."""
    production = reminder.production
    link = settings.SITE_URL + production_url(production, "development:rights")
    subject = (
        f"{production.title}: the option on {reminder.option.material} expires "
        f"{reminder.expires_on:%d %b %Y}"
    )
    body = render_to_string(
        "development/email/option_reminder.txt",
        {"reminder": reminder, "production": production, "link": link},
    )
    return EmailMultiAlternatives(subject, body, to=[reminder.recipient.email])


@shared_task
def option_reminders() -> int:
    """Beat runs this every morning: log the reminders due, then send the new ones."""
    from apps.development.rights.services import reminders_create

    with transaction.atomic():
        created = reminders_create()
        for reminder in created:
            outbox.queue_after_commit(reminder)
    return len(created)
