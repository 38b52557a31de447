"""Outbound work for crew: the deal memo e-mail with its single-use link (sent by
apps/core/outbox.py)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from apps.crew.models import DealMemo, MemoState
from apps.crew.services import memo_issue_token


def deal_memo_message(memo: DealMemo) -> EmailMultiAlternatives | None:
    """The memo e-mail with a fresh link (DealMemo.outbox_builder); None once the memo is no
    longer out for signature."""
    if memo.state != MemoState.SENT:
        return None
    token = memo_issue_token(memo)
    link = settings.SITE_URL + reverse("deal_memo_accept", kwargs={"token": token})
    context = {"memo": memo, "link": link, "production": memo.production}
    subject = f"Your deal memo for {memo.production.title}: {memo.position}"
    body = render_to_string("crew/email/deal_memo.txt", context)
    html = render_to_string("crew/email/deal_memo.html", context)
    message = EmailMultiAlternatives(subject, body, to=[memo.person.email])
    message.attach_alternative(html, "text/html")
    return message
