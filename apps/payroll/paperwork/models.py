"""Start paperwork: the production's start pack (its checklist), and each hire's copy of it.

`PackItem` rows are the production's pack, edited by the office. Accepting a deal memo (crew's
`memo_accepted` signal) makes the hire a `StartPack`: a copy of the items as they are then
(`PackEntry`, so a later edit of the pack changes no pack already sent) and a tokened link mailed
through the outbox. The hire fills the entries without an account, then signs by typed name; a
complete pack is read-only.

Sensitive answers (bank routing and account numbers, tax ids) live in `PackEntry.secret` as one
Fernet token (crypto.py), never in `answers`, and the column is left out of the history.
"""

from __future__ import annotations

import uuid

from django.db import models
from simple_history.models import HistoricalRecords

from apps.core.models import SendStatus
from apps.core.outbox import OUTBOX_FIELDS, OutboundMessage
from apps.crew.models import Engagement
from apps.productions.models import Production


class ItemKind(models.TextChoices):
    PERSONAL = "personal", "Personal details"
    EMERGENCY = "emergency", "Emergency contact"
    TAX_FORM = "tax_form", "Tax form (upload)"
    ELIGIBILITY = "eligibility", "Work eligibility (upload)"
    BANK = "bank", "Bank details"
    POLICY = "policy", "Policy to acknowledge"
    CUSTOM = "custom", "Custom item"


UPLOADS = (ItemKind.TAX_FORM, ItemKind.ELIGIBILITY)


class PackItem(models.Model):
    """One item of the production's start pack."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=ItemKind)
    title = models.CharField(max_length=120)
    text = models.TextField(blank=True, help_text="The policy's text, or what to do.")
    required = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class PackState(models.TextChoices):
    SENT = "sent", "Sent"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"


class StartPack(OutboundMessage):
    """One hire's start pack and its link. Each send (the first, a reminder) mails a fresh
    link; only the token's hash is kept, and the link opens the pack until it is complete (then
    read-only)."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    engagement = models.OneToOneField(
        Engagement, on_delete=models.CASCADE, related_name="start_pack"
    )
    state = models.CharField(max_length=12, choices=PackState, default=PackState.SENT)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    send_status = models.CharField(max_length=10, choices=SendStatus, blank=True)
    send_requested_at = models.DateTimeField(null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(default=0)
    signed_name = models.CharField(max_length=150, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(
        excluded_fields=["token_hash", *OUTBOX_FIELDS, "sent_at", "reminders"]
    )
    outbox_builder = "apps.payroll.paperwork.tasks.start_pack_message"
    outbox_claim_fields = ("token_hash",)
    outbox_unsent = {"token_hash": ""}
    outbox_related = ("production", "engagement__person")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Start pack: {self.engagement.person.name}"

    @property
    def is_complete(self) -> bool:
        return self.state == PackState.COMPLETE

    @classmethod
    def outbox_pending(cls):
        return cls.objects.exclude(state=PackState.COMPLETE)


def upload_path(instance: PackEntry, filename: str) -> str:
    """A random name: the hire's file name is never a path on disk (kept apart, cleaned, for
    display only)."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    suffix = suffix if suffix in ("pdf", "png", "jpg") else "bin"
    return f"payroll/{instance.production_id}/paperwork/{uuid.uuid4().hex}.{suffix}"


class PackEntry(models.Model):
    """One item of a hire's pack: a copy of the production's item when the pack was made, and
    the hire's answer."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    pack = models.ForeignKey(StartPack, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=12, choices=ItemKind)
    title = models.CharField(max_length=120)
    text = models.TextField(blank=True)
    required = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)
    # Plain answers (name, address, phone, emergency contact, an acknowledgement, a custom answer).
    answers = models.JSONField(default=dict, blank=True)
    # Sensitive answers: one Fernet token (crypto.py), never in the history.
    secret = models.TextField(blank=True)
    file = models.FileField(upload_to=upload_path, blank=True)
    file_name = models.CharField(max_length=120, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["secret", "answers"])

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_upload(self) -> bool:
        return self.kind in UPLOADS
