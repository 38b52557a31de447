"""Outbound work for productions: the invitation e-mail (sent by apps/core/outbox.py), and the
sweeper that beat runs every minute."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from apps.core import outbox
from apps.productions.models import Invitation
from apps.productions.services import invitation_issue_token


def invitation_message(invitation: Invitation) -> EmailMultiAlternatives | None:
    """The invitation e-mail with a fresh link (Invitation.outbox_builder); None once the
    invitation was accepted or revoked."""
    if not invitation.is_open:
        return None
    token = invitation_issue_token(invitation)
    link = settings.SITE_URL + reverse("invitation_accept", kwargs={"token": token})
    context = {"invitation": invitation, "link": link, "production": invitation.production}
    subject = f"You're invited to {invitation.production.title} on Producer Desk"
    body = render_to_string("productions/email/invitation.txt", context)
    html = render_to_string("productions/email/invitation.html", context)
    message = EmailMultiAlternatives(subject, body, to=[invitation.email])
    message.attach_alternative(html, "text/html")
    return message


@shared_task(ignore_result=True)
def redispatch_waiting() -> int:
    """Beat runs this every minute: see apps/core/outbox.py, `sweep`."""
    return outbox.sweep()


@shared_task(name="apps.productions.tasks.build_document", acks_late=True)
def build_document(pk: int) -> str:
    """A PDF too big to make in the request (apps/productions/documents.py); safe to run twice."""
    from apps.productions.documents import document_build

    return document_build(pk)
