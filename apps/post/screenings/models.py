"""Screenings (issue 20, point 3): test screenings and cast-and-crew screenings, their costs, the
guest list and each guest's invitation, answer, attendance and feedback.

A guest's invitation is a row of the kernel's outbox (`OutboundMessage`): asking to send writes
the request on the guest, and the outbox's one task sends it once. The e-mailed link is the
guest's only credential: only its hash is kept (`token_hash`, cleared in backups); the same link
answers the invitation before the screening and opens the feedback form after it.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from simple_history.models import HistoricalRecords

from apps.core.models import SendStatus
from apps.core.money import MoneyField
from apps.core.outbox import OUTBOX_FIELDS, OutboundMessage
from apps.productions.models import Production
from apps.vendors.models import PurchaseOrder, Vendor


class ScreeningKind(models.TextChoices):
    TEST = "test", "Test screening"
    CAST_AND_CREW = "cast_crew", "Cast and crew screening"


class GuestSource(models.TextChoices):
    MEMBER = "member", "Member"
    CREW = "crew", "Crew"
    CAST = "cast", "Cast"
    OUTSIDE = "outside", "Outside guest"


class Rsvp(models.TextChoices):
    NOT_INVITED = "not_invited", "Not invited yet"
    WAITING = "waiting", "Invited, no answer yet"
    YES = "yes", "Coming"
    NO = "no", "Not coming"


# The feedback form's questions, rated 1 to 5: (field, question).
QUESTIONS = [
    ("overall", "The film overall"),
    ("story", "The story was clear"),
    ("pace", "The pace"),
    ("ending", "The ending"),
]


class Screening(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=ScreeningKind, default=ScreeningKind.TEST)
    title = models.CharField(max_length=200)
    date = models.DateField()
    starts_at = models.TimeField("time")
    venue = models.CharField(max_length=300)
    cut_shown = models.CharField(
        "cut shown", max_length=200, blank=True, help_text="Director's cut v3, locked picture ..."
    )
    notes = models.TextField(
        blank=True, help_text="What guests should know (sent with each invitation)."
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-date", "-starts_at"]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%a %d %b %Y})"

    def begins(self) -> datetime:
        """When it starts, where the production is."""
        return datetime.combine(self.date, self.starts_at, tzinfo=self.production.tz)

    def has_started(self) -> bool:
        return timezone.now() >= self.begins()


class ScreeningCost(models.Model):
    """A cost of a screening (the venue, the projection, catering). It may become a draft
    purchase order to a vendor (apps/vendors); the order is named here once made."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="costs")
    description = models.CharField(max_length=200)
    amount = MoneyField()
    vendor = models.ForeignKey(
        Vendor, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    account_number = models.CharField(
        "budget account", max_length=20, blank=True, help_text="The budget account it is coded to."
    )
    purchase_order = models.ForeignKey(
        PurchaseOrder, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        editable=False,
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                name="post_screening_cost_not_negative", condition=Q(amount__gte=0)
            ),
        ]

    def __str__(self) -> str:
        return self.description


class Guest(OutboundMessage):
    """Someone on a screening's guest list, and the invitation to them. `source_key` names where
    they came from (a member, a crew engagement, a cast member) so a bulk add adds nobody twice."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="guests")
    source = models.CharField(max_length=8, choices=GuestSource, default=GuestSource.OUTSIDE)
    source_key = models.CharField(max_length=40, blank=True)
    name = models.CharField(max_length=150)
    email = models.EmailField()
    rsvp = models.CharField(max_length=12, choices=Rsvp, default=Rsvp.NOT_INVITED)
    plus_ones = models.PositiveSmallIntegerField(default=0)
    answered_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    # Not sent when added: nothing asked for until the office sends the invitations.
    send_status = models.CharField(max_length=10, choices=SendStatus, blank=True)
    send_requested_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["token_hash", *OUTBOX_FIELDS, "sent_at"])
    outbox_builder = "apps.post.screenings.tasks.invitation_message"
    outbox_claim_fields = ("token_hash",)
    outbox_unsent = {"token_hash": ""}
    outbox_related = ("production", "screening")

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                "screening", Lower("email"), name="post_guest_once_per_screening"
            ),
            models.CheckConstraint(
                name="post_guest_plus_ones_in_range", condition=Q(plus_ones__lte=10)
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def invited(self) -> bool:
        return self.rsvp != Rsvp.NOT_INVITED

    @classmethod
    def outbox_pending(cls):
        return cls.objects.exclude(rsvp=Rsvp.NOT_INVITED).exclude(send_status="")


class Feedback(models.Model):
    """One guest's answers to the short form after the screening: each question rated 1 to 5
    (or left out) and what they want to say."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    guest = models.OneToOneField(Guest, on_delete=models.CASCADE, related_name="feedback")
    overall = models.PositiveSmallIntegerField(null=True, blank=True)
    story = models.PositiveSmallIntegerField(null=True, blank=True)
    pace = models.PositiveSmallIntegerField(null=True, blank=True)
    ending = models.PositiveSmallIntegerField(null=True, blank=True)
    comments = models.TextField(blank=True)
    submitted_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["submitted_at"]
        constraints = [
            models.CheckConstraint(
                name=f"post_feedback_{field}_1_to_5",
                condition=Q(**{f"{field}__isnull": True})
                | Q(**{f"{field}__gte": 1, f"{field}__lte": 5}),
            )
            for field, _ in QUESTIONS
        ]

    def __str__(self) -> str:
        return f"Feedback from {self.guest.name}"
