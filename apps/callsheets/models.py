"""Call sheets: one per shoot day, what the AP adds to the schedule and the crew (meal times,
weather, safety, per-person calls), the numbered revisions published from it, and who each
revision was sent to.

The sheet's content is read from the schedule and the crew when it is shown; a published revision
keeps the content as it was (``data``, JSON, in the layout ``schema_version``) and never changes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from apps.callsheets.sheet import Sheet
from apps.core.models import SendStatus
from apps.core.outbox import OutboundMessage
from apps.crew.models import Person
from apps.productions.models import Production
from apps.schedules.models import CastMember, ShootDay


class CallSheet(models.Model):
    """The draft for one shoot day. Times are wall-clock times on the shoot day's date, in the
    production's time zone (a TimeField has no zone: it is read with the day's date)."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="call_sheets")
    shoot_day = models.OneToOneField(ShootDay, on_delete=models.CASCADE, related_name="call_sheet")
    general_call = models.TimeField(
        null=True, blank=True, help_text="Crew call. Blank: the shoot day's estimated call."
    )
    shooting_call = models.TimeField(null=True, blank=True)
    breakfast = models.TimeField(null=True, blank=True)
    lunch = models.TimeField(null=True, blank=True)
    weather = models.CharField(
        max_length=200, blank=True, help_text="Typed in: nothing is fetched."
    )
    background = models.TextField(
        blank=True, help_text="Extras and stand-ins, one line each (e.g. 12 drivers — 07:00)."
    )
    safety_notes = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["shoot_day__date"]

    def __str__(self) -> str:
        return f"Call sheet for {self.shoot_day}"


class CastCall(models.Model):
    """A cast member's times on the day: pick-up, hair and makeup, on set."""

    call_sheet = models.ForeignKey(CallSheet, on_delete=models.CASCADE, related_name="cast_calls")
    cast_member = models.ForeignKey(CastMember, on_delete=models.CASCADE, related_name="+")
    pickup = models.TimeField("pick-up", null=True, blank=True)
    hair_makeup = models.TimeField("hair and makeup", null=True, blank=True)
    on_set = models.TimeField(null=True, blank=True)

    class Meta:
        ordering = ["cast_member__id_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["call_sheet", "cast_member"], name="callsheets_castcall_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cast_member} on {self.call_sheet}"


class CrewCallTime(models.Model):
    """One person's call when it is not the general call."""

    call_sheet = models.ForeignKey(CallSheet, on_delete=models.CASCADE, related_name="crew_calls")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    call_time = models.TimeField()

    class Meta:
        ordering = ["person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["call_sheet", "person"], name="callsheets_crewcall_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.call_time:%H:%M}"


class Revision(models.Model):
    """A published call sheet. ``data`` is the sheet as it was printed and sent; never edited.
    Read it as ``sheet`` (apps/callsheets/sheet.py), which knows each ``schema_version``."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    call_sheet = models.ForeignKey(CallSheet, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    data = models.JSONField()
    # Revisions published before the layout had a version are version 1.
    schema_version = models.PositiveSmallIntegerField(
        default=1, editable=False, help_text="The layout of data: see apps/callsheets/sheet.py."
    )
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["call_sheet", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["call_sheet", "number"], name="callsheets_revision_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.call_sheet}, revision {self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A published revision never changes.")
        super().save(*args, **kwargs)

    @cached_property
    def sheet(self) -> Sheet:
        return Sheet.from_json(self.data, self.schema_version)


# A recipient's delivery is the outbox's (apps/core/outbox.py): queued, sending, sent, failed.
RecipientStatus = SendStatus


class Recipient(OutboundMessage):
    """One person a revision is sent to: a crew member (``person``) or an actor (``cast_member``),
    exactly one of the two. One row per (revision, person) and per (revision, cast member): the
    unique constraints are what make a second publish task or a re-run unable to address anyone
    twice.

    ``send_round`` counts send requests (1 at publish, +1 per resend); each request also stamps
    ``send_requested_at``, which the send task carries, so a stale task is skipped.
    """

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="recipients")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    cast_member = models.ForeignKey(
        CastMember, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=150)
    email = models.EmailField()
    role = models.CharField(max_length=150, blank=True)
    department = models.CharField(max_length=60, blank=True)
    call_time = models.TimeField(null=True, blank=True)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    send_round = models.PositiveSmallIntegerField(default=1)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    outbox_builder = "apps.callsheets.tasks.callsheet_message"
    outbox_claim_fields = ("token_hash",)
    outbox_unsent = {"token_hash": ""}
    outbox_related = ("revision__call_sheet__production", "revision__call_sheet__shoot_day")

    class Meta:
        ordering = ["department", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "person"], name="callsheets_recipient_once_per_revision"
            ),
            models.UniqueConstraint(
                fields=["revision", "cast_member"], name="callsheets_cast_recipient_once"
            ),
            models.CheckConstraint(
                name="callsheets_recipient_person_or_cast",
                condition=(Q(person__isnull=False) & Q(cast_member__isnull=True))
                | (Q(person__isnull=True) & Q(cast_member__isnull=False)),
            ),
            models.CheckConstraint(
                name="callsheets_recipient_sent_has_time",
                condition=~Q(send_status="sent") | Q(sent_at__isnull=False),
            ),
        ]
        indexes = [
            models.Index(fields=["revision", "send_status"], name="callsheets_recipient_status")
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"
