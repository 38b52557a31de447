"""The daily reminders: certificates about to expire and rentals not back on time.

A reminder is a row per (kind, object, recipient, date); the unique constraint on those four is
what makes a second run on the same day send nothing.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max

from apps.productions.capabilities import CAPABILITY_ROLES, Capability
from apps.productions.models import Membership, Production
from apps.vendors.models import (
    EXPIRY_WARNING_DAYS,
    Certificate,
    Reminder,
    ReminderKind,
    Rental,
)

# Who hears about purchasing risks: the people who approve purchase orders (producers and APs).
RECIPIENT_CAPABILITY = Capability.APPROVE_PURCHASE_ORDERS


def expiring_certificates(production: Production, today: date):
    """Each vendor's newest certificate, when it expires within the warning window (a renewed
    certificate replaces the old one, so the old one stops reminding)."""
    newest = (
        Certificate.objects.filter(production=production)
        .values("vendor_id")
        .annotate(latest=Max("expires_on"))
        .filter(latest__gte=today, latest__lte=today + timedelta(days=EXPIRY_WARNING_DAYS))
    )
    wanted = {(row["vendor_id"], row["latest"]) for row in newest}
    found = (
        Certificate.objects.filter(production=production, vendor_id__in={v for v, _ in wanted})
        .select_related("vendor")
        .order_by("vendor_id", "-id")
    )
    seen, result = set(), []
    for certificate in found:
        key = (certificate.vendor_id, certificate.expires_on)
        if key in wanted and certificate.vendor_id not in seen:
            seen.add(certificate.vendor_id)
            result.append(certificate)
    return sorted(result, key=lambda c: (c.expires_on, c.vendor.name))


def overdue_rentals(production: Production, today: date):
    return Rental.objects.filter(
        production=production, returned_on__isnull=True, return_due_on__lt=today
    ).select_related("vendor")


def _recipients(production: Production):
    roles = CAPABILITY_ROLES[RECIPIENT_CAPABILITY]
    return [
        m.user
        for m in Membership.objects.filter(production=production, role__in=roles).select_related(
            "user"
        )
    ]


def _items(production: Production, today: date):
    for certificate in expiring_certificates(production, today):
        days = (certificate.expires_on - today).days
        when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
        yield (
            ReminderKind.CERTIFICATE_EXPIRING,
            certificate.pk,
            f"{certificate.vendor}'s certificate of insurance expires {when} "
            f"({certificate.expires_on:%d %b %Y}).",
        )
    for rental in overdue_rentals(production, today):
        days = (today - rental.return_due_on).days
        yield (
            ReminderKind.RENTAL_OVERDUE,
            rental.pk,
            f"{rental.item} from {rental.vendor} was due back {rental.return_due_on:%d %b %Y} "
            f"({days} day{'s' if days != 1 else ''} overdue).",
        )


def reminders_create(*, production: Production, today: date | None = None) -> list[Reminder]:
    """Log today's reminders for each producer and AP; returns only the new ones (those to send).

    Run twice on one day, the second run finds every row already there and returns nothing.
    """
    today = today or production.today()
    created = []
    recipients = _recipients(production)
    for kind, object_id, text in _items(production, today):
        for user in recipients:
            try:
                with transaction.atomic():
                    reminder, new = Reminder.objects.get_or_create(
                        kind=kind,
                        object_id=object_id,
                        recipient=user,
                        date=today,
                        defaults={"production": production, "text": text},
                    )
            except IntegrityError:  # a parallel run logged it first
                continue
            if new:
                created.append(reminder)
    return created
