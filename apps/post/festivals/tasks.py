"""Outbound work for festivals: the deadline reminders, sent by apps/core/outbox.py."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string

from apps.core import outbox
from apps.core.money import format_money
from apps.post.festivals.models import FestivalReminder, SubmissionStatus
from apps.productions.links import production_url
from apps.productions.models import Production


def reminder_message(reminder: FestivalReminder) -> EmailMultiAlternatives | None:
    """FestivalReminder.outbox_builder; None once the festival is no longer planned (submitted
    since) or its deadline has moved."""
    festival = reminder.festival
    if festival.status != SubmissionStatus.PLANNED:
        return None
    if getattr(festival, f"{reminder.deadline}_deadline") != reminder.date:
        return None
    production = reminder.production
    link = settings.SITE_URL + production_url(production, "post:festival", pk=festival.pk)
    label = reminder.get_deadline_display().lower()
    fee = getattr(festival, f"{reminder.deadline}_fee")
    subject = f"{production.title}: {festival.name} {label} deadline {reminder.date:%a %d %b}"
    body = render_to_string(
        "post/festivals/reminder.txt",
        {
            "reminder": reminder,
            "festival": festival,
            "production": production,
            "label": label,
            "fee": format_money(fee, production.currency) if fee is not None else None,
            "link": link,
        },
    )
    return EmailMultiAlternatives(subject, body, to=[reminder.recipient.email])


@shared_task
def festival_reminders() -> int:
    """Beat runs this every morning: log each production's festival reminders, send the new."""
    from apps.post.festivals.services import reminders_create

    count = 0
    for production in Production.objects.all():
        with transaction.atomic():
            created = reminders_create(production=production)
            for reminder in created:
                outbox.queue_after_commit(reminder)
        count += len(created)
    return count
