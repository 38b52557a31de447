"""Deliverables (issue 20, point 2): a checklist per distributor or agreement, started from a
template (apps/post/deliverables/kinds.py), each item with its specification, due date, owner,
status and evidence (an upload checked by its bytes, or a text reference). Reminders for items
due soon and overdue are rows of the kernel's outbox, one per item, due date, kind and recipient.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from apps.core.outbox import OutboundMessage
from apps.post.deliverables.validators import validate_evidence
from apps.productions.models import Production


class DeliveryKind(models.TextChoices):
    THEATRICAL = "theatrical", "Theatrical"
    STREAMING = "streaming", "Streaming"
    BROADCAST = "broadcast", "Broadcast"
    FESTIVAL = "festival", "Festival"
    BLANK = "blank", "Blank (items added by hand)"


class ItemStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DELIVERED = "delivered", "Delivered"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


# Items still to be done: what reminders are about, and what a moved delivery date moves.
OPEN_STATUSES = (ItemStatus.NOT_STARTED, ItemStatus.IN_PROGRESS, ItemStatus.REJECTED)


class Category(models.TextChoices):
    PICTURE = "picture", "Picture"
    SOUND = "sound", "Sound"
    TEXT = "text", "Captions and subtitles"
    MARKETING = "marketing", "Marketing"
    LEGAL = "legal", "Legal"
    MUSIC = "music", "Music"
    CREDITS = "credits", "Credits"
    OTHER = "other", "Other"


def evidence_path(instance, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"post/{instance.production_id}/deliverables/{uuid.uuid4().hex}.{suffix[:8]}"


class Checklist(models.Model):
    """What one distributor, sales agent, broadcaster or festival is owed under one agreement."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    kind = models.CharField(
        "template", max_length=12, choices=DeliveryKind, default=DeliveryKind.THEATRICAL
    )
    recipient = models.CharField(
        "distributor or agreement", max_length=200, help_text="Who takes delivery."
    )
    due_date = models.DateField(
        "delivery due", null=True, blank=True, help_text="Items start with this due date."
    )
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "production", name="post_checklist_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.recipient})"


class DeliverableItem(models.Model):
    """One thing to deliver. A rejection carries its reason; `version` guards edits (two people
    may update the same item: the post supervisor and the AP)."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    category = models.CharField(max_length=10, choices=Category, default=Category.OTHER)
    name = models.CharField(max_length=200)
    spec_notes = models.TextField("specification", blank=True)
    due_date = models.DateField(null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The member who delivers it (and gets its reminders).",
    )
    status = models.CharField(max_length=12, choices=ItemStatus, default=ItemStatus.NOT_STARTED)
    rejection_reason = models.TextField(blank=True)
    evidence_file = models.FileField(
        "evidence (file)", upload_to=evidence_path, blank=True, validators=[validate_evidence]
    )
    evidence_reference = models.CharField(
        "evidence (reference)",
        max_length=300,
        blank=True,
        help_text="A lab report number, a delivery portal receipt, a courier tracking number ...",
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["checklist", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                name="post_item_rejection_has_reason",
                condition=~Q(status=ItemStatus.REJECTED) | ~Q(rejection_reason=""),
                violation_error_message="Say why the item was rejected.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence_file) or bool(self.evidence_reference)


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", "Due soon"
    OVERDUE = "overdue", "Overdue"


class DeliverableReminder(OutboundMessage):
    """One reminder about one item, for one due date, of one kind (due soon, overdue), to one
    person: the unique constraint is what sends it once. A moved due date is a new key, so it
    reminds again."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(DeliverableItem, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=ReminderKind)
    due_date = models.DateField()
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    text = models.CharField(max_length=400)
    created_at = models.DateTimeField(auto_now_add=True)

    outbox_builder = "apps.post.deliverables.tasks.reminder_message"
    outbox_related = ("production", "recipient", "item__checklist")

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "due_date", "kind", "recipient"],
                name="post_deliverable_reminder_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text}"
