"""Celery tasks of daily reports: the signed report's e-mail, built by the outbox's send task."""

from __future__ import annotations

from django.core.mail import EmailMessage

from apps.daily_reports.models import Distribution


def report_message(row: Distribution) -> EmailMessage:
    """The signed report for one address on the producer's list (Distribution.outbox_builder)."""
    report = row.report
    subject = f"Daily production report: {report.production.title}, {report.shoot_day}"
    body = f"The daily production report of {report.shoot_day} was signed off.\n"
    return EmailMessage(subject, body, to=[row.email])
