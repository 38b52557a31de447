"""Auditions (issue 19, point 4): sessions on a date, at a place or by self-tape; a slot per actor
and role, whose invitation goes out through the kernel's outbox with a link to confirm or
decline; the sides (scenes of the imported script) per role; each reviewer's rating and note.

A callback is a further session that names the one it follows (`follows`).

Imported by the end of apps/casting/models.py, so roles and actors are named by label here
("casting.Role"), not imported: that would be a circle.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from apps.core.models import SendStatus
from apps.core.outbox import OUTBOX_FIELDS, OutboundMessage
from apps.productions.models import Production
from apps.schedules.models import Scene


class SlotState(models.TextChoices):
    PLANNED = "planned", "Not invited yet"
    INVITED = "invited", "Invited"
    CONFIRMED = "confirmed", "Confirmed"
    DECLINED = "declined", "Declined"
    CANCELLED = "cancelled", "Cancelled"


class SendTo(models.TextChoices):
    AGENT = "agent", "The agent (the actor when they have none)"
    ACTOR = "actor", "The actor"


class AuditionSession(models.Model):
    """A day of auditions: in a room (`place`) or by self-tape (the date is then the day the tapes
    are due)."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200)
    date = models.DateField()
    self_tape = models.BooleanField(
        "self-tape", default=False, help_text="Actors send a tape instead of coming in."
    )
    place = models.CharField(max_length=300, blank=True, help_text="Where the session is held.")
    notes = models.TextField(
        blank=True, help_text="What the actors should know (sent with each invitation)."
    )
    follows = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="callbacks",
        help_text="The session this one calls actors back from.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "title"]
        constraints = [
            models.CheckConstraint(
                name="casting_session_place_or_self_tape",
                condition=Q(self_tape=True) | ~Q(place=""),
                violation_error_message="Say where the session is held, or make it a self-tape "
                "session.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%a %d %b %Y})"

    @property
    def where(self) -> str:
        return "Self-tape" if self.self_tape else self.place


class AuditionSlot(OutboundMessage):
    """One actor reading for one role at a time in a session, and the invitation about it: sent
    to the agent (or the actor) through the outbox, with a link to confirm or decline. Only the
    link's hash is kept; a new send (the time moved, a resend) makes a new link."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(AuditionSession, on_delete=models.CASCADE, related_name="slots")
    role = models.ForeignKey(
        "casting.Role", on_delete=models.CASCADE, related_name="audition_slots"
    )
    actor = models.ForeignKey(
        "casting.Actor", on_delete=models.CASCADE, related_name="audition_slots"
    )
    starts_at = models.TimeField("time")
    minutes = models.PositiveSmallIntegerField("length (minutes)", default=15)
    state = models.CharField(max_length=10, choices=SlotState, default=SlotState.PLANNED)
    send_to = models.CharField("invitation to", max_length=6, choices=SendTo, default=SendTo.AGENT)
    # Who the invitation went to, written when it is asked for (the agent may change later).
    recipient_name = models.CharField(max_length=150, blank=True)
    recipient_email = models.EmailField(blank=True)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # Not sent when made: nothing asked for until the office sends the invitations.
    send_status = models.CharField(max_length=10, choices=SendStatus, blank=True)
    send_requested_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["token_hash", *OUTBOX_FIELDS, "sent_at"])
    outbox_builder = "apps.casting.auditions.tasks.invitation_message"
    outbox_claim_fields = ("token_hash",)
    outbox_unsent = {"token_hash": ""}
    outbox_related = ("production", "session", "role", "actor")

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "actor", "role"], name="casting_slot_once_per_session"
            ),
            models.CheckConstraint(name="casting_slot_has_length", condition=Q(minutes__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.actor.name} for {self.role.name}, {self.starts_at:%H:%M}"

    @property
    def ends_at(self):
        start = datetime.combine(self.session.date, self.starts_at)
        return (start + timedelta(minutes=self.minutes)).time()

    @property
    def is_open(self) -> bool:
        """Still on: not declined, not cancelled."""
        return self.state not in (SlotState.DECLINED, SlotState.CANCELLED)

    @classmethod
    def outbox_pending(cls):
        return cls.objects.filter(state=SlotState.INVITED)


class AuditionReview(models.Model):
    """One reviewer's rating (1 to 5) and note on one audition."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    slot = models.ForeignKey(AuditionSlot, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["slot", "reviewer"], name="casting_review_once"),
            models.CheckConstraint(
                name="casting_review_rating_1_to_5",
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer}: {self.rating or '–'} on {self.slot}"


class AuditionSides(models.Model):
    """The scenes a role reads in a session, printed from the schedule's script."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(AuditionSession, on_delete=models.CASCADE, related_name="sides")
    role = models.ForeignKey("casting.Role", on_delete=models.CASCADE, related_name="+")
    scenes = models.ManyToManyField(Scene, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "audition sides"
        constraints = [
            models.UniqueConstraint(fields=["session", "role"], name="casting_sides_once"),
        ]

    def __str__(self) -> str:
        return f"Sides for {self.role.name}, {self.session.title}"
