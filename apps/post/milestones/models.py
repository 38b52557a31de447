"""The post schedule (issue 20, point 1): milestones with a date, an owner and a kind, each
optionally tied to a vendor and a purchase order; a baseline, and each slip against it with its
reason (the history says who moved what, from when to when, and why)."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from apps.productions.models import Membership, Production
from apps.vendors.models import PurchaseOrder, Vendor


class MilestoneKind(models.TextChoices):
    EDITORS_CUT = "editors_cut", "Editor's cut"
    DIRECTORS_CUT = "directors_cut", "Director's cut"
    PICTURE_LOCK = "picture_lock", "Picture lock"
    VFX_TURNOVER = "vfx_turnover", "VFX turnover"
    VFX_DELIVERY = "vfx_delivery", "VFX delivery"
    COLOUR = "colour", "Colour"
    SOUND_SPOTTING = "sound_spotting", "Sound spotting"
    MIX = "mix", "Mix"
    MUSIC = "music", "Music"
    TITLES = "titles", "Titles"
    QC = "qc", "QC"
    DELIVERY = "delivery", "Delivery"
    OTHER = "other", "Other"


class Milestone(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=MilestoneKind, default=MilestoneKind.OTHER)
    title = models.CharField(max_length=200)
    due_on = models.DateField("date")
    baseline_on = models.DateField("baseline date", null=True, blank=True)
    slip_reason = models.CharField(
        "reason for the last move", max_length=300, blank=True, help_text="Why the date moved."
    )
    done_on = models.DateField("done on", null=True, blank=True)
    owner_member = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="owner (member)",
    )
    owner_name = models.CharField(
        "owner (name)",
        max_length=150,
        blank=True,
        help_text="A crew person or anyone outside the production, when not a member.",
    )
    vendor = models.ForeignKey(
        Vendor, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    purchase_order = models.ForeignKey(
        PurchaseOrder, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    notes = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["production", "due_on"], name="post_milestone_due")]

    def __str__(self) -> str:
        return f"{self.title} ({self.due_on:%d %b %Y})"

    @property
    def slip_days(self) -> int | None:
        """Days after (positive) or before (negative) the baseline; None without a baseline."""
        if self.baseline_on is None:
            return None
        return (self.due_on - self.baseline_on).days

    @property
    def owner(self) -> str:
        if self.owner_member_id is not None:
            return str(self.owner_member.user)
        return self.owner_name
