"""Outbound work for crew: the deal memo e-mail with its single-use link."""

from __future__ import annotations

from datetime import datetime

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from apps.core.dispatch import waiting_requests, waiting_work
from apps.core.models import SendStatus
from apps.core.sending import MAX_ATTEMPTS, backoff, deliver
from apps.crew.models import DealMemo, MemoState
from apps.crew.services import memo_issue_token


@shared_task(bind=True, max_retries=MAX_ATTEMPTS - 1, acks_late=True)
def send_deal_memo(self, memo_id: int, requested_at: str) -> str:
    """Send the deal memo e-mail once for the send request made at `requested_at`.

    Safe to run twice: a request already sent, superseded by a later one, or for a memo no longer
    out for signature is skipped. A failed delivery is retried with exponential backoff; after the
    last attempt the memo shows "failed" with the reason.
    """
    with transaction.atomic():
        memo = (
            DealMemo.objects.select_for_update(of=("self",))
            .select_related("production", "person", "position")
            .filter(pk=memo_id)
            .first()
        )
        if memo is None or memo.state != MemoState.SENT:
            return "skipped: not out for signature"
        if memo.send_requested_at > datetime.fromisoformat(requested_at):
            return "skipped: superseded"
        if memo.send_status == SendStatus.SENT:
            return "skipped: already sent"
        token = memo_issue_token(memo)
        outcome = deliver(self, memo, lambda row: _message(row, token), f"deal memo {memo_id}")
        if outcome != "sent":
            memo.token_hash = ""  # the link in a message that did not go out opens nothing
        memo.save()
        if outcome:
            return outcome
    # Outside the transaction, so the failure state above is committed before the retry waits.
    raise self.retry(countdown=backoff(self.request.retries))


def _message(memo: DealMemo, token: str) -> EmailMultiAlternatives:
    link = settings.SITE_URL + reverse("deal_memo_accept", kwargs={"token": token})
    context = {"memo": memo, "link": link, "production": memo.production}
    subject = f"Your deal memo for {memo.production.title}: {memo.position}"
    body = render_to_string("crew/email/deal_memo.txt", context)
    html = render_to_string("crew/email/deal_memo.html", context)
    message = EmailMultiAlternatives(subject, body, to=[memo.person.email])
    message.attach_alternative(html, "text/html")
    return message


@waiting_work("deal memos")
def _waiting_memos(cutoff: datetime):
    out_for_signature = DealMemo.objects.filter(state=MemoState.SENT)
    return waiting_requests(send_deal_memo, out_for_signature, cutoff)
