"""Sending one message for one row, and recording how it went: the shape every send task shares.

A row that is sent by e-mail (an invitation, a deal memo, a purchase order, a reminder) carries
`send_status`, `send_attempts`, `send_error` and `sent_at`. A send task locks its row, skips what
was already sent, calls `deliver`, saves the row, and retries with `backoff` when `deliver` says
so. Call sheets claim recipients differently (apps/callsheets/tasks.py) and do not use this.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable

from django.core.mail import EmailMessage
from django.utils import timezone

from apps.core.models import SendStatus

log = logging.getLogger(__name__)

RETRYABLE = (smtplib.SMTPException, OSError)
MAX_ATTEMPTS = 5


def backoff(retries: int) -> int:
    """Seconds before the next attempt: 30 s, doubling, at most 30 minutes."""
    return min(2**retries * 30, 1800)


def deliver(task, row, build: Callable[[object], EmailMessage], label: object = None) -> str | None:
    """Send `build(row)` and note the outcome on `row` (the caller saves it): "sent", "failed"
    after the task's last attempt, or None when the task should retry. `label` names the row in
    the log (the row itself by default)."""
    row.send_attempts += 1
    try:
        build(row).send()
    except RETRYABLE as exc:
        reason = f"{type(exc).__name__}: {exc}"[:500]
        final = task.request.retries >= task.max_retries
        row.send_status = SendStatus.FAILED if final else SendStatus.QUEUED
        row.send_error = reason
        log.warning("%s: delivery failed (%s)", row if label is None else label, reason)
        return "failed" if final else None
    row.send_status = SendStatus.SENT
    row.sent_at = timezone.now()
    row.send_error = ""
    return "sent"
