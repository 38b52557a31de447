"""Outbound work for daily reports: the signed report e-mailed to each address on the producer's
list, one Distribution row each, sent by the outbox (apps/core/outbox.py)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from apps.core.documents import PdfUnavailable, render_pdf
from apps.daily_reports import queries
from apps.daily_reports.models import Distribution
from apps.productions.documents import letterhead
from apps.productions.links import production_url


def report_message(row: Distribution) -> EmailMultiAlternatives | None:
    """The signed report for one address on the producer's list (Distribution.outbox_builder):
    the day's summary, a link to the report, and its PDF."""
    report = queries.report_for(row.report.production, row.report_id).first()
    if report is None or not report.is_signed:
        return None  # gone, or never signed: nothing to send
    total_days = queries.day_count(report.production)
    day = report.shoot_day
    context = {
        "report": report,
        "row": row,
        "totals": queries.totals(report),
        "total_days": total_days,
        "link": settings.SITE_URL + production_url(report, "daily_reports:detail", pk=report.pk),
    }
    subject = (
        f"Daily production report: {report.production.title}, day {day.day_number} of "
        f"{total_days}, {day.date:%a %d %b %Y}"
    )
    body = render_to_string("daily_reports/email/report.txt", context)
    html = render_to_string("daily_reports/email/report.html", context)
    mail = EmailMultiAlternatives(subject, body, to=[row.email])
    mail.attach_alternative(html, "text/html")
    heading = queries.document_heading(report, total_days)
    try:
        pdf = render_pdf(
            "daily_reports/document.html",
            {
                "report": report,
                "totals": context["totals"],
                "total_days": total_days,
                "show_costs": True,  # the producer's list, chosen by the office
                "letterhead": letterhead(report.production, heading, report.signed_by),
            },
        )
    except PdfUnavailable:  # a server without the PDF libraries still sends the summary
        return mail
    mail.attach(f"{queries.filename(report)}.pdf", pdf, "application/pdf")
    return mail
