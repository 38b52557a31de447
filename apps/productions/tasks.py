"""Outbound work for productions: the invitation e-mail."""

from __future__ import annotations

from datetime import datetime

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from apps.core import dispatch
from apps.core.models import SendStatus
from apps.core.sending import MAX_ATTEMPTS, backoff, deliver
from apps.productions.models import Invitation
from apps.productions.services import invitation_issue_token


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
        token = invitation_issue_token(invitation)
        outcome = deliver(
            self, invitation, lambda row: _message(row, token), f"invitation {invitation_id}"
        )
        if outcome != "sent":
            invitation.token_hash = ""  # the link in a message that did not go out opens nothing
        invitation.save()
        if outcome:
            return outcome
    # Outside the transaction, so the failure state above is committed before the retry waits.
    raise self.retry(countdown=backoff(self.request.retries))


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
