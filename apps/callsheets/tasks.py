"""Outbound work for call sheets: one e-mail per recipient per revision, with their own call time
and confirmation link. See services.py for how a send is claimed, made and marked."""

from __future__ import annotations

import logging
from datetime import datetime

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from apps.callsheets import services
from apps.callsheets.models import Recipient, RecipientStatus
from apps.core.dispatch import dispatch, waiting_work
from apps.core.sending import MAX_ATTEMPTS, RETRYABLE, backoff

log = logging.getLogger(__name__)


@shared_task(acks_late=True)
def distribute_revision(revision_id: int) -> int:
    """Queue one send task per recipient still to be sent. Safe to run twice: each send task
    claims its row, and a row already sent is skipped."""
    rows = Recipient.objects.filter(
        revision_id=revision_id, status__in=[RecipientStatus.QUEUED, RecipientStatus.SENDING]
    ).values_list("pk", "send_round")
    count = 0
    for recipient_id, send_round in rows:
        count += dispatch(send_callsheet, recipient_id, send_round)
    return count


@shared_task(bind=True, max_retries=MAX_ATTEMPTS - 1, acks_late=True)
def send_callsheet(self, recipient_id: int, send_round: int) -> str:
    # The task id is the attempt id: a task redelivered after its worker died has the same id and
    # takes its own claim back; a duplicate task (another id) leaves a live claim alone.
    attempt_id = self.request.id or "eager"
    token = services.recipient_claim(
        recipient_id=recipient_id, send_round=send_round, attempt_id=attempt_id
    )
    if token is None:
        return "skipped"
    recipient = Recipient.objects.select_related(
        "revision__call_sheet__production", "revision__call_sheet__shoot_day"
    ).get(pk=recipient_id)
    try:
        message(recipient, token).send()
    except RETRYABLE as exc:
        reason = f"{type(exc).__name__}: {exc}"
        final = self.request.retries >= self.max_retries
        services.recipient_mark_failed(
            recipient_id=recipient_id, attempt_id=attempt_id, reason=reason, final=final
        )
        log.warning("call sheet recipient %s: delivery failed (%s)", recipient_id, reason)
        if final:
            return "failed"
        raise self.retry(countdown=backoff(self.request.retries)) from exc
    services.recipient_mark_sent(recipient_id=recipient_id, attempt_id=attempt_id)
    return "sent"


def message(recipient: Recipient, token: str) -> EmailMultiAlternatives:
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


@waiting_work("call sheet recipients")
def _waiting_recipients(cutoff: datetime):
    """Rows never claimed, and claims abandoned past the lease (a worker died and its task is
    gone with the broker's queue): a new task may take those over, see services.recipient_claim."""
    never_claimed = Q(status=RecipientStatus.QUEUED, attempts=0, revision__published_at__lt=cutoff)
    abandoned = Q(status=RecipientStatus.SENDING, claimed_at__lt=timezone.now() - services.LEASE)
    rows = Recipient.objects.filter(never_claimed | abandoned).values_list("pk", "send_round")
    for pk, send_round in rows:
        yield send_callsheet, pk, send_round
