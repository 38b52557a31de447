"""Outbound work for screenings, sent by apps/core/outbox.py: one guest's invitation, with the
screening's date, time and venue and a fresh link to answer (and, after it, to give feedback)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from apps.post.screenings import services
from apps.post.screenings.models import Guest, Rsvp


def invitation_message(guest: Guest) -> EmailMultiAlternatives | None:
    """Guest.outbox_builder: the invitation with a fresh link; None once nobody waits for it."""
    if guest.rsvp == Rsvp.NOT_INVITED or not guest.email:
        return None
    token = services.issue_token(guest)
    link = settings.SITE_URL + reverse("screening_rsvp", kwargs={"token": token})
    screening, production = guest.screening, guest.production
    context = {"guest": guest, "screening": screening, "production": production, "link": link}
    subject = services.one_line(
        f"{screening.get_kind_display()} of {production.title}: "
        f"{screening.date:%a %d %b} {screening.starts_at:%H:%M}"
    )
    body = render_to_string("post/screenings/invitation.txt", context)
    return EmailMultiAlternatives(subject, body, to=[guest.email])
