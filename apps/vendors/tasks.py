"""Outbound work for vendors: the PO e-mail to the vendor, and the daily reminders.

Both are sent by apps/core/outbox.py: each row shows queued / sent / failed with the reason.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string

from apps.core import outbox
from apps.core.documents import PdfUnavailable, render_pdf
from apps.productions.documents import letterhead
from apps.productions.links import production_url
from apps.productions.models import Production
from apps.vendors.models import PurchaseOrder, Reminder

log = logging.getLogger(__name__)


def purchase_order_message(po: PurchaseOrder) -> EmailMultiAlternatives | None:
    """The PO e-mail, its PDF attached (PurchaseOrder.outbox_builder); None once the PO is no
    longer open."""
    from apps.vendors.queries import po_document_context

    if not po.is_open:
        return None
    context = po_document_context(po)
    subject = f"{po.production.title}: purchase order {po.label}"
    if po.revision:
        subject += f", {po.revision_label.lower()}"
    body = render_to_string("vendors/email/purchase_order.txt", context)
    message = EmailMultiAlternatives(subject, body, to=[po.vendor.email])
    try:
        # Prepared by whoever approved it, or wrote it: the person the vendor answers to.
        head = letterhead(po.production, context["heading"], po.approved_by or po.created_by)
        pdf = render_pdf("vendors/po_document.html", {**context, "letterhead": head})
    except PdfUnavailable:
        log.warning("%s: sent without its PDF (WeasyPrint unavailable)", po)
    else:
        name = "-".join([po.production.slug, po.label.replace(" ", "-")])
        if po.revision:
            name += f"-rev{po.revision}"
        message.attach(f"{name}.pdf", pdf, "application/pdf")
    return message


def reminder_message(reminder: Reminder) -> EmailMultiAlternatives:
    """Reminder.outbox_builder."""
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
                outbox.queue_after_commit(reminder)
        count += len(created)
    return count
