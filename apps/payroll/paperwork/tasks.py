"""Outbound work for start paperwork, sent by apps/core/outbox.py: the hire's e-mail with their
link (the first and each reminder), and the daily reminder run."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from apps.payroll.paperwork import services
from apps.payroll.paperwork.models import StartPack


def start_pack_message(pack: StartPack) -> EmailMultiAlternatives | None:
    """StartPack.outbox_builder: the e-mail with a fresh link; None once the pack is complete."""
    if pack.is_complete:
        return None
    token = services.issue_token(pack)
    link = settings.SITE_URL + reverse("start_pack", kwargs={"token": token})
    person = pack.engagement.person
    context = {"pack": pack, "person": person, "link": link, "production": pack.production}
    reminder = "Reminder: " if pack.reminders else ""
    subject = f"{reminder}your start paperwork for {pack.production.title}"
    body = render_to_string("payroll/paperwork/email.txt", context)
    return EmailMultiAlternatives(subject, body, to=[person.email])


@shared_task
def paperwork_reminders() -> int:
    """Beat runs this each morning: incomplete packs whose last e-mail is days old get another."""
    with transaction.atomic():
        return len(services.reminders_send())
