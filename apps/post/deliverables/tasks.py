"""Outbound work for deliverables, sent by apps/core/outbox.py: the daily reminders about items
due soon and overdue (beat runs `deliverable_reminders` every morning)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string

from apps.core import outbox
from apps.post.deliverables.models import DeliverableReminder, ItemStatus
from apps.productions.links import production_url
from apps.productions.models import Production


def reminder_message(reminder: DeliverableReminder) -> EmailMultiAlternatives | None:
    """DeliverableReminder.outbox_builder; None once the item was delivered or accepted (or its
    date moved) before the message went out."""
    item = reminder.item
    if item.status in (ItemStatus.DELIVERED, ItemStatus.ACCEPTED):
        return None
    if item.due_date != reminder.due_date:
        return None
    production = reminder.production
    link = settings.SITE_URL + production_url(
        production, "post:deliverables_checklist", pk=item.checklist_id
    )
    subject = f"{production.title}: deliverable {reminder.get_kind_display().lower()}: {item.name}"
    body = render_to_string(
        "post/deliverables/reminder.txt",
        {"reminder": reminder, "production": production, "link": link},
    )
    return EmailMultiAlternatives(subject[:200], body, to=[reminder.recipient.email])


@shared_task
def deliverable_reminders() -> int:
    """Beat runs this every morning: log each production's reminders, then send the new ones."""
    from apps.post.deliverables.reminders import reminders_create

    count = 0
    for production in Production.objects.all():
        with transaction.atomic():
            created = reminders_create(production=production)
            for reminder in created:
                outbox.queue_after_commit(reminder)
        count += len(created)
    return count
