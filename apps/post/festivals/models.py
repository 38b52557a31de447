"""Festivals (issue 20, point 4): a tracker of festivals with their early, regular and late
deadlines and fees, premiere requirements, the submission's status and result; a fee may become a
draft purchase order (apps/vendors), and each deadline is on the production calendar with a
reminder e-mailed once (FestivalReminder, through the kernel's outbox)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from apps.core.money import MoneyField
from apps.core.outbox import OutboundMessage
from apps.productions.models import Production
from apps.vendors.models import PurchaseOrder, Vendor


class SubmissionStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    SUBMITTED = "submitted", "Submitted"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class Premiere(models.TextChoices):
    NONE = "none", "No premiere requirement"
    WORLD = "world", "World premiere"
    INTERNATIONAL = "international", "International premiere"
    CONTINENTAL = "continental", "Continental premiere (e.g. European)"
    NATIONAL = "national", "National premiere"
    REGIONAL = "regional", "Regional or city premiere"


class Deadline(models.TextChoices):
    EARLY = "early", "Early"
    REGULAR = "regular", "Regular"
    LATE = "late", "Late"


class Festival(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    place = models.CharField("where", max_length=200, blank=True)
    website = models.URLField(blank=True)
    festival_starts = models.DateField("festival dates from", null=True, blank=True)
    early_deadline = models.DateField(null=True, blank=True)
    early_fee = MoneyField(null=True, blank=True)
    regular_deadline = models.DateField(null=True, blank=True)
    regular_fee = MoneyField(null=True, blank=True)
    late_deadline = models.DateField(null=True, blank=True)
    late_fee = MoneyField(null=True, blank=True)
    premiere = models.CharField(
        "premiere requirement", max_length=15, choices=Premiere, default=Premiere.NONE
    )
    premiere_notes = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=10, choices=SubmissionStatus, default=SubmissionStatus.PLANNED
    )
    submitted_on = models.DateField(null=True, blank=True)
    result = models.CharField(
        max_length=300, blank=True, help_text="Section, award, or why it was declined."
    )
    notes = models.TextField(blank=True)
    vendor = models.ForeignKey(
        Vendor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who the fee is paid to (a fee's purchase order goes to this vendor).",
    )
    purchase_order = models.ForeignKey(
        PurchaseOrder,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The fee's purchase order.",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                name="post_festival_fees_not_negative",
                condition=(Q(early_fee__isnull=True) | Q(early_fee__gte=0))
                & (Q(regular_fee__isnull=True) | Q(regular_fee__gte=0))
                & (Q(late_fee__isnull=True) | Q(late_fee__gte=0)),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def deadlines(self) -> list[tuple[str, str, object, object]]:
        """(key, label, date, fee) for each deadline the festival has."""
        return [
            (key, label, getattr(self, f"{key}_deadline"), getattr(self, f"{key}_fee"))
            for key, label in Deadline.choices
            if getattr(self, f"{key}_deadline") is not None
        ]

    def next_deadline(self, today):
        """The first deadline on or after today: (key, label, date, fee), or None."""
        ahead = [d for d in self.deadlines() if d[2] >= today]
        return min(ahead, key=lambda d: d[2]) if ahead else None


class FestivalReminder(OutboundMessage):
    """One reminder to one person about one festival deadline: the log that stops a second send.
    Unique on the festival, the deadline, its date and the recipient: run again, nothing new; a
    deadline moved to another date is reminded again."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    festival = models.ForeignKey(Festival, on_delete=models.CASCADE, related_name="reminders")
    deadline = models.CharField(max_length=10, choices=Deadline)
    date = models.DateField()
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    outbox_builder = "apps.post.festivals.tasks.reminder_message"
    outbox_related = ("production", "festival", "recipient")

    class Meta:
        ordering = ["-date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["festival", "deadline", "date", "recipient"],
                name="post_festival_reminder_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.festival.name}: {self.get_deadline_display().lower()} deadline {self.date}"
