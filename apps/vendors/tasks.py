"""Outbound work for vendors: the PO e-mail to the vendor, and the daily reminders.

Each task locks its row, skips what was already sent, and retries a failed delivery with backoff;
the row shows queued / sent / failed with the reason (apps/productions/sending.py).
"""

from __future__ import annotations

import logging
from datetime import datetime

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string

from apps.core.dispatch import dispatch_after_commit, waiting_requests, waiting_work
from apps.core.documents import PdfUnavailable, render_pdf
from apps.core.models import SendStatus
from apps.core.sending import MAX_ATTEMPTS, backoff, deliver
from apps.productions.links import production_url
from apps.productions.models import Production
from apps.vendors.models import OPEN_STATUSES, POStatus, PurchaseOrder, Reminder

log = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=MAX_ATTEMPTS - 1, acks_late=True)
def send_purchase_order(self, po_id: int, requested_at: str) -> str:
    """E-mail the PO (PDF attached) to the vendor once per send request; safe to run twice."""
    with transaction.atomic():
        po = (
            PurchaseOrder.objects.select_for_update(of=("self",))
            .select_related("production", "vendor")
            .filter(pk=po_id)
            .first()
        )
        if po is None or not po.is_open:
            return "skipped: not open"
        if po.send_requested_at is None or po.send_requested_at > datetime.fromisoformat(
            requested_at
        ):
            return "skipped: superseded"
        if po.send_status == SendStatus.SENT:
            return "skipped: already sent"
        outcome = deliver(self, po, _po_message)
        if outcome == "sent" and po.status == POStatus.APPROVED:
            po.status = POStatus.SENT
        po.save()
        if outcome:
            return outcome
    raise self.retry(countdown=backoff(self.request.retries))


def _po_message(po: PurchaseOrder) -> EmailMultiAlternatives:
    from apps.vendors.queries import po_document_context

    context = po_document_context(po)
    subject = f"{po.production.title}: purchase order {po.label}"
    body = render_to_string("vendors/email/purchase_order.txt", context)
    message = EmailMultiAlternatives(subject, body, to=[po.vendor.email])
    try:
        pdf = render_pdf("vendors/po_document.html", context)
    except PdfUnavailable:
        log.warning("%s: sent without its PDF (WeasyPrint unavailable)", po)
    else:
        message.attach(
            f"{po.production.slug}-{po.label.replace(' ', '-')}.pdf", pdf, "application/pdf"
        )
    return message


@shared_task(bind=True, max_retries=MAX_ATTEMPTS - 1, acks_late=True)
def send_reminder(self, reminder_id: int) -> str:
    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update(of=("self",))
            .select_related("production", "recipient")
            .filter(pk=reminder_id)
            .first()
        )
        if reminder is None:
            return "skipped: gone"
        if reminder.send_status == SendStatus.SENT:
            return "skipped: already sent"
        outcome = deliver(self, reminder, _reminder_message)
        reminder.save()
        if outcome:
            return outcome
    raise self.retry(countdown=backoff(self.request.retries))


def _reminder_message(reminder: Reminder) -> EmailMultiAlternatives:
    production = reminder.production
    link = settings.SITE_URL + production_url(production, "vendors:index")
    subject = f"{production.title}: {reminder.get_kind_display().lower()}"
    body = render_to_string(
        "vendors/email/reminder.txt",
        {"reminder": reminder, "production": production, "link": link},
    )
    return EmailMultiAlternatives(subject, body, to=[reminder.recipient.email])


@shared_task
def daily_reminders() -> int:
    """Beat runs this every morning: log each production's reminders, then send the new ones."""
    from apps.vendors.services import reminders_create

    count = 0
    for production in Production.objects.all():
        with transaction.atomic():
            created = reminders_create(production=production)
            for reminder in created:
                dispatch_after_commit(send_reminder, reminder.pk)
        count += len(created)
    return count


@waiting_work("purchase orders")
def _waiting_purchase_orders(cutoff: datetime):
    open_orders = PurchaseOrder.objects.filter(status__in=OPEN_STATUSES)
    return waiting_requests(send_purchase_order, open_orders, cutoff)


@waiting_work("reminders")
def _waiting_reminders(cutoff: datetime):
    rows = Reminder.objects.filter(
        send_status=SendStatus.QUEUED, send_attempts=0, created_at__lt=cutoff
    ).values_list("pk", flat=True)
    for pk in rows:
        yield send_reminder, pk
