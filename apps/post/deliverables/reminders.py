"""Reminders about deliverables: items due within DUE_SOON_DAYS, and items overdue.

A reminder is a row per (item, due date, kind, recipient); the unique constraint on those is what
makes a second run (the same day, the next day, a retried task) send nothing. Each item and due
date is reminded at most once as "due soon" and once as "overdue"; moving the due date makes a
new key, so the new date is reminded again. Delivered and accepted items are never reminded.
The item's owner gets it; an item with no owner (or one no longer a member) goes to the
producers and associate producers.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, transaction

from apps.post.deliverables.models import (
    OPEN_STATUSES,
    DeliverableItem,
    DeliverableReminder,
    ReminderKind,
)
from apps.productions.capabilities import Role
from apps.productions.models import Membership, Production

DUE_SOON_DAYS = 7
FALLBACK_ROLES = (Role.PRODUCER, Role.ASSOCIATE_PRODUCER)


def items_to_remind(production: Production, today: date):
    return (
        DeliverableItem.objects.filter(
            production=production,
            status__in=OPEN_STATUSES,
            due_date__isnull=False,
            due_date__lte=today + timedelta(days=DUE_SOON_DAYS),
        )
        .select_related("checklist", "owner")
        .order_by("due_date", "pk")
    )


def _text(item: DeliverableItem, kind: str, today: date) -> str:
    days = (item.due_date - today).days
    if kind == ReminderKind.OVERDUE:
        late = -days
        when = f"was due {item.due_date:%d %b %Y} ({late} day{'s' if late != 1 else ''} overdue)"
    else:
        when = "is due today" if days == 0 else f"is due in {days} day{'s' if days != 1 else ''}"
        when += f" ({item.due_date:%d %b %Y})"
    text = f"{item.name} for {item.checklist.name} ({item.checklist.recipient}) {when}; "
    return (text + f"status: {item.get_status_display().lower()}.")[:400]


def reminders_create(
    *, production: Production, today: date | None = None
) -> list[DeliverableReminder]:
    """Log the reminders due today; returns only the new ones (those to send)."""
    today = today or production.today()
    members = {
        m.user_id: m
        for m in Membership.objects.filter(production=production).select_related("user")
    }
    fallback = [m.user for m in members.values() if m.role in FALLBACK_ROLES]
    created = []
    for item in items_to_remind(production, today):
        kind = ReminderKind.OVERDUE if item.due_date < today else ReminderKind.DUE_SOON
        recipients = [item.owner] if item.owner_id in members else fallback
        text = _text(item, kind, today)
        for user in recipients:
            try:
                with transaction.atomic():
                    reminder, new = DeliverableReminder.objects.get_or_create(
                        item=item,
                        due_date=item.due_date,
                        kind=kind,
                        recipient=user,
                        defaults={"production": production, "text": text},
                    )
            except IntegrityError:  # a parallel run logged it first
                continue
            if new:
                created.append(reminder)
    return created
