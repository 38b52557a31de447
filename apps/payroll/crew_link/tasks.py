"""Outbound work for the crew member's own timecard link, sent by apps/core/outbox.py: the e-mail
with the link (a fresh token each send)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from apps.payroll.crew_link import services
from apps.payroll.crew_link.models import TimecardLink


def timecard_link_message(link: TimecardLink) -> EmailMultiAlternatives | None:
    """TimecardLink.outbox_builder: the e-mail with a fresh link; None once revoked or ended."""
    engagement = link.engagement
    engagement.production = link.production
    if link.revoked_at is not None or services.has_ended(engagement):
        return None
    token = services.issue_token(link)
    url = settings.SITE_URL + reverse("timecard_link", kwargs={"token": token})
    person = engagement.person
    context = {"person": person, "link": url, "production": link.production}
    subject = f"Your timecards for {link.production.title}"
    body = render_to_string("payroll/crew_link/email.txt", context)
    return EmailMultiAlternatives(subject, body, to=[person.email])
