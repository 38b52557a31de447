"""Outbound work for productions: the invitation e-mail."""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from apps.productions import dispatch
from apps.productions.models import Invitation, SendStatus
from apps.productions.services import invitation_issue_token

log = logging.getLogger(__name__)

RETRYABLE = (smtplib.SMTPException, OSError)
MAX_ATTEMPTS = 5


@shared_task(bind=True, max_retries=MAX_ATTEMPTS - 1, acks_late=True)
def send_invitation(self, invitation_id: int, requested_at: str) -> str:
    """Send the invitation e-mail once for the send request made at `requested_at`.

    Safe to run twice: a request already sent is skipped. A failed delivery is retried with
    exponential backoff; after the last attempt the invitation shows "failed" with the reason.
    """
    with transaction.atomic():
        invitation = (
            # Lock the invitation row only: PostgreSQL cannot lock the nullable side of a join.
            Invitation.objects.select_for_update(of=("self",))
            .select_related("production", "invited_by")
            .filter(pk=invitation_id)
            .first()
        )
        if invitation is None or not invitation.is_open:
            return "skipped: gone"
        if invitation.send_requested_at > datetime.fromisoformat(requested_at):
            return "skipped: superseded"
        if invitation.send_status == SendStatus.SENT:
            return "skipped: already sent"
        invitation.send_attempts += 1
        token = invitation_issue_token(invitation)
        try:
            _message(invitation, token).send()
        except RETRYABLE as exc:
            reason = f"{type(exc).__name__}: {exc}"[:500]
            final = self.request.retries >= self.max_retries
            invitation.send_status = SendStatus.FAILED if final else SendStatus.QUEUED
            invitation.send_error = reason
            invitation.token_hash = ""
            invitation.save()
            log.warning("invitation %s: delivery failed (%s)", invitation_id, reason)
            if final:
                return "failed"
        else:
            invitation.send_status = SendStatus.SENT
            invitation.sent_at = timezone.now()
            invitation.send_error = ""
            invitation.save()
            return "sent"
    # Outside the transaction, so the failure state above is committed before the retry waits.
    raise self.retry(countdown=min(2**self.request.retries * 30, 1800))


def _message(invitation: Invitation, token: str) -> EmailMultiAlternatives:
    link = settings.SITE_URL + reverse("invitation_accept", kwargs={"token": token})
    context = {"invitation": invitation, "link": link, "production": invitation.production}
    subject = f"You're invited to {invitation.production.title} on Producer Desk"
    body = render_to_string("productions/email/invitation.txt", context)
    html = render_to_string("productions/email/invitation.html", context)
    message = EmailMultiAlternatives(subject, body, to=[invitation.email])
    message.attach_alternative(html, "text/html")
    return message


@dispatch.waiting_work("invitations")
def _waiting_invitations(cutoff: datetime):
    open_rows = Invitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True)
    return dispatch.waiting_requests(send_invitation, open_rows, cutoff)


@shared_task(ignore_result=True)
def redispatch_waiting() -> int:
    """Beat runs this every minute: see apps/productions/dispatch.py."""
    return dispatch.redispatch_waiting()
