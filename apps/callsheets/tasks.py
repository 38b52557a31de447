"""Outbound work for call sheets: one e-mail per recipient per revision, with their own call time
and confirmation link. Each recipient row is sent by apps/core/outbox.py."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from apps.callsheets import services
from apps.callsheets.models import Recipient, RecipientStatus
from apps.core import outbox


@shared_task(acks_late=True)
def distribute_revision(revision_id: int) -> int:
    """Queue one send task per recipient still to be sent. Safe to run twice: each send task
    claims its row, and a row already sent is skipped."""
    rows = Recipient.objects.filter(
        revision_id=revision_id,
        send_status__in=[RecipientStatus.QUEUED, RecipientStatus.SENDING],
    )
    count = 0
    for recipient in rows.only("pk", "send_requested_at"):
        count += outbox.queue(recipient)
    return count


def callsheet_message(recipient: Recipient) -> EmailMultiAlternatives:
    """The call sheet e-mail with the recipient's own call and a fresh confirmation link
    (Recipient.outbox_builder)."""
    token = services.recipient_issue_token(recipient)
    revision = recipient.revision
    data = revision.sheet
    link = settings.SITE_URL + reverse("callsheet_confirm", kwargs={"token": token})
    call = recipient.call_time.strftime("%H:%M") if recipient.call_time else data.general_call
    # An actor's row on the sheet (pick-up, hair and makeup, on set): their e-mail lists all three.
    cast_row = data.cast_row(recipient.cast_member_id)
    context = {"recipient": recipient, "revision": revision, "sheet": data, "link": link,
               "call": call, "cast_row": cast_row}  # fmt: skip
    revised = f" (revision {revision.number})" if revision.number > 1 else ""
    subject = (
        f"Call sheet{revised}: {data.production} day {data.day_number} of "
        f"{data.total_days}, {data.date} — your call {call}"
    )
    body = render_to_string("callsheets/email/callsheet.txt", context)
    html = render_to_string("callsheets/email/callsheet.html", context)
    mail = EmailMultiAlternatives(subject, body, to=[recipient.email])
    mail.attach_alternative(html, "text/html")
    return mail
