"""Outbound work for auditions, sent by apps/core/outbox.py: the invitation to one slot, with its
time and place, a fresh link to confirm or decline and, when the role has sides, their PDF."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from apps.casting.auditions import services
from apps.casting.auditions.models import AuditionSides, AuditionSlot, SlotState
from apps.casting.auditions.sides import filename_of, sides_pdf
from apps.core.documents import PdfUnavailable

log = logging.getLogger(__name__)


def invitation_message(slot: AuditionSlot) -> EmailMultiAlternatives | None:
    """AuditionSlot.outbox_builder: the invitation with a fresh link; None once the slot is no
    longer waiting for an answer (cancelled, or answered since)."""
    if slot.state != SlotState.INVITED or not slot.recipient_email:
        return None
    token = services.issue_token(slot)
    link = settings.SITE_URL + reverse("audition_answer", kwargs={"token": token})
    session, production = slot.session, slot.production
    to_agent = slot.recipient_name != slot.actor.name or slot.recipient_email != slot.actor.email
    context = {
        "slot": slot,
        "session": session,
        "production": production,
        "link": link,
        "to_agent": to_agent,
    }
    one_line = services.one_line
    what = "Self-tape" if session.self_tape else "Audition"
    subject = one_line(
        f"{what} for {production.title}: {slot.actor.name} as {slot.role.name}, "
        f"{session.date:%a %d %b} {slot.starts_at:%H:%M}"
    )
    sides = (
        AuditionSides.objects.select_related("production", "session", "role")
        .filter(session=session, role=slot.role, scenes__isnull=False)
        .first()
    )
    context["sides"] = sides
    body = render_to_string("casting/auditions/invitation.txt", context)
    message = EmailMultiAlternatives(subject, body, to=[slot.recipient_email])
    if sides is not None:
        try:
            message.attach(f"{filename_of(sides)}.pdf", sides_pdf(sides), "application/pdf")
        except PdfUnavailable as exc:  # the invitation matters more than its attachment
            log.warning("audition slot %s: invitation sent without its sides (%s)", slot.pk, exc)
    return message
