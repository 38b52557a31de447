"""Outbound work for crew, sent by apps/core/outbox.py: the deal memo e-mail with its single-use
link, an amendment's e-mail with its own link, and the notices once something is signed (the
hire's copy of the terms, with the memo as a PDF; the office's word)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from apps.core.documents import PdfUnavailable, render_pdf
from apps.crew.models import (
    AmendmentState,
    DealMemo,
    MemoAmendment,
    MemoNotice,
    MemoState,
    NoticeKind,
)
from apps.crew.services import amendment_issue_token, memo_issue_token
from apps.crew.services.wording import change_lines
from apps.productions.documents import letterhead
from apps.productions.links import production_url

log = logging.getLogger(__name__)


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


def memo_amendment_message(amendment: MemoAmendment) -> EmailMultiAlternatives | None:
    """The amendment e-mail with a fresh link (MemoAmendment.outbox_builder); None once it is no
    longer out for acceptance."""
    if amendment.state != AmendmentState.SENT:
        return None
    memo = amendment.memo
    token = amendment_issue_token(amendment)
    link = settings.SITE_URL + reverse("memo_amendment_accept", kwargs={"token": token})
    context = {
        "memo": memo,
        "amendment": amendment,
        "changes": change_lines(amendment.changes, memo.production.currency),
        "link": link,
        "production": memo.production,
    }
    subject = f"Amendment {amendment.number} to your deal memo for {memo.production.title}"
    body = render_to_string("crew/email/memo_amendment.txt", context)
    return EmailMultiAlternatives(subject, body, to=[memo.person.email])


def memo_notice_message(notice: MemoNotice) -> EmailMultiAlternatives | None:
    """The hire's copy of what they signed (the terms in the body, the memo attached as a PDF
    when the server can make one), or the office's notice (MemoNotice.outbox_builder)."""
    memo, amendment = notice.memo, notice.amendment
    production = memo.production
    changes = change_lines(amendment.changes, production.currency) if amendment else []
    context = {
        "memo": memo,
        "amendment": amendment,
        "changes": changes,
        "production": production,
        "memo_url": settings.SITE_URL + production_url(production, "crew:memo", pk=memo.pk),
    }
    if notice.kind == NoticeKind.COPY:
        what = f"amendment {amendment.number} to your deal memo" if amendment else "deal memo"
        subject = f"Your signed {what} for {production.title}"
        body = render_to_string("crew/email/memo_copy.txt", context)
        message = EmailMultiAlternatives(subject, body, to=[notice.email])
        try:
            head = letterhead(production, memo.printed_heading(), memo.created_by)
            pdf = render_pdf("crew/memo_document.html", {"memo": memo, "letterhead": head})
        except PdfUnavailable as exc:  # the terms are in the body; the PDF is a convenience
            log.warning("deal memo %s: copy sent without its PDF (%s)", memo.pk, exc)
        else:
            filename = f"deal-memo-{memo.person.name}-{memo.position}".replace(" ", "-").lower()
            message.attach(f"{filename}.pdf", pdf, "application/pdf")
        return message
    if amendment is not None:
        answer = "accepted" if amendment.state == AmendmentState.ACCEPTED else "declined"
        subject = f"{memo.person.name} {answer} amendment {amendment.number} ({memo.position})"
    else:
        subject = f"{memo.person.name} accepted the deal memo for {memo.position}"
    body = render_to_string("crew/email/memo_office.txt", {**context, "subject": subject})
    return EmailMultiAlternatives(subject, body, to=[notice.email])
