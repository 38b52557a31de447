"""Casting: the parts to cast (roles), the actors and their representation, what agents submit
for a role and the shortlist the producer and the director rank.

A `Role` may stand for a part of the schedule's cast (`cast_member`): its days then come from the
Day Out of Days (apps/schedules/dood.py), never typed. Booking (offers, point 5 of issue 19) will
set `booked_actor` and make the actor the cast member's actor; until offers exist, `offered` and
`booked` are statuses set by hand.
"""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from apps.casting.validators import validate_headshot, validate_resume
from apps.crew.models import Person
from apps.crew.validators import validate_phone
from apps.productions.models import Production
from apps.schedules.models import CastMember


class RoleStatus(models.TextChoices):
    OPEN = "open", "Open"
    AUDITIONING = "auditioning", "Auditioning"
    OFFERED = "offered", "Offered"
    BOOKED = "booked", "Booked"


class Gender(models.TextChoices):
    ANY = "any", "Any"
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NON_BINARY = "non_binary", "Non-binary"


class UnionStatus(models.TextChoices):
    UNION = "union", "Union"
    ELIGIBLE = "eligible", "Union eligible"
    NON_UNION = "non_union", "Non-union"
    UNKNOWN = "unknown", "Not known"


class AgencyKind(models.TextChoices):
    AGENCY = "agency", "Talent agency"
    MANAGEMENT = "management", "Management"


class SubmissionSource(models.TextChoices):
    AGENT = "agent", "From an agent"
    LINK = "link", "Through the role's submission link"
    BY_HAND = "by_hand", "Added by hand"


class SubmissionState(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    SHORTLISTED = "shortlisted", "Shortlisted"
    PASSED = "passed", "Passed"


def _file_path(kind: str):
    def path(instance, filename: str) -> str:
        suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
        return f"casting/{instance.production_id}/{kind}/{uuid.uuid4().hex}.{suffix}"

    path.__name__ = f"{kind}_path"
    path.__qualname__ = path.__name__
    return path


headshot_path = _file_path("headshot")
resume_path = _file_path("resume")


class Agency(models.Model):
    """A talent agency or a management company."""

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="casting_agencies"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=AgencyKind, default=AgencyKind.AGENCY)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True, validators=[validate_phone])
    address = models.TextField(blank=True)
    notes = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(Lower("name"), "production", name="casting_agency_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Representative(models.Model):
    """An agent or a manager at an agency: the contact the office writes to about an actor."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="representatives")
    name = models.CharField(max_length=150)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True, validators=[validate_phone])

    history = HistoricalRecords()

    class Meta:
        ordering = ["agency__name", "name"]
        constraints = [
            models.UniqueConstraint(
                "agency", Lower("name"), name="casting_representative_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.agency.name})"


class Actor(models.Model):
    """Someone who may play a part. Contacts (theirs and their representatives') are shown only
    to members who may see talent contacts (`VIEW_TALENT_CONTACTS`)."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="actors")
    name = models.CharField(max_length=150)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True, validators=[validate_phone])
    agent = models.ForeignKey(
        Representative, on_delete=models.SET_NULL, null=True, blank=True, related_name="clients"
    )
    manager = models.ForeignKey(
        Representative,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed",
    )
    union_status = models.CharField(max_length=10, choices=UnionStatus, default=UnionStatus.UNKNOWN)
    union_name = models.CharField(
        "union or guild", max_length=100, blank=True, help_text="SAG-AFTRA, Equity, ACTRA ..."
    )
    playing_age_min = models.PositiveSmallIntegerField(null=True, blank=True)
    playing_age_max = models.PositiveSmallIntegerField(null=True, blank=True)
    headshot = models.FileField(upload_to=headshot_path, blank=True, validators=[validate_headshot])
    resume = models.FileField(
        "résumé", upload_to=resume_path, blank=True, validators=[validate_resume]
    )
    notes = models.TextField(blank=True)
    # The crew directory's entry for this actor, made when a deal is drafted (the crew deal
    # memo engine needs a Person): offers, issue 19 point 5.
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="casting_actor_playing_ages_in_order",
                condition=Q(playing_age_min__isnull=True)
                | Q(playing_age_max__isnull=True)
                | Q(playing_age_min__lte=F("playing_age_max")),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Unavailability(models.Model):
    """Dates an actor cannot work (from `start` to `end`, both included)."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="unavailable")
    start = models.DateField()
    end = models.DateField()
    note = models.CharField(max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["start"]
        verbose_name_plural = "unavailabilities"
        constraints = [
            models.CheckConstraint(
                name="casting_unavailability_in_order", condition=Q(start__lte=F("end"))
            ),
        ]

    def __str__(self) -> str:
        if self.start == self.end:
            return f"{self.start:%a %d %b %Y}"
        return f"{self.start:%a %d %b} – {self.end:%a %d %b %Y}"

    def dates(self) -> list[date]:
        return [
            date.fromordinal(day) for day in range(self.start.toordinal(), self.end.toordinal() + 1)
        ]


class Role(models.Model):
    """A part to cast. `cast_member`: the schedule's part it stands for (its days come from the
    Day Out of Days); none for a role added by hand before the script has it."""

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="casting_roles"
    )
    cast_member = models.OneToOneField(
        CastMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="casting_role",
        help_text="The part in the schedule's cast.",
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    age_min = models.PositiveSmallIntegerField("youngest playing age", null=True, blank=True)
    age_max = models.PositiveSmallIntegerField("oldest playing age", null=True, blank=True)
    gender = models.CharField(max_length=12, choices=Gender, default=Gender.ANY)
    speaking = models.BooleanField(default=True)
    status = models.CharField(max_length=12, choices=RoleStatus, default=RoleStatus.OPEN)
    # Set by booking (offers, issue 19 point 5): the actor who plays it.
    booked_actor = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="booked_roles",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "production", name="casting_role_unique_name"),
            models.CheckConstraint(
                name="casting_role_ages_in_order",
                condition=Q(age_min__isnull=True)
                | Q(age_max__isnull=True)
                | Q(age_min__lte=F("age_max")),
            ),
            models.CheckConstraint(
                name="casting_role_booked_has_actor_only_when_booked",
                condition=Q(booked_actor__isnull=True) | Q(status=RoleStatus.BOOKED),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def age_range(self) -> str:
        if self.age_min is not None and self.age_max is not None:
            return f"{self.age_min}–{self.age_max}"
        if self.age_min is not None:
            return f"{self.age_min}+"
        if self.age_max is not None:
            return f"up to {self.age_max}"
        return ""


class Submission(models.Model):
    """An actor put forward for a role: by an agent (by e-mail, typed in by the office, or through
    the role's submission link) or by hand."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="submissions")
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="submissions")
    via = models.CharField(
        "how", max_length=10, choices=SubmissionSource, default=SubmissionSource.BY_HAND
    )
    submitted_by = models.ForeignKey(
        Representative,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
    )
    state = models.CharField(
        max_length=12, choices=SubmissionState, default=SubmissionState.SUBMITTED
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["role", "actor"], name="casting_submission_once"),
        ]

    def __str__(self) -> str:
        return f"{self.actor} for {self.role}"


class ShortlistEntry(models.Model):
    """An actor on a role's shortlist, ranked (1 = first choice). Ranks of a role run 1..n; the
    services keep them so (a unique constraint would refuse the swaps of a reorder)."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="shortlist")
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="shortlisted")
    submission = models.OneToOneField(
        Submission, on_delete=models.SET_NULL, null=True, blank=True, related_name="entry"
    )
    rank = models.PositiveSmallIntegerField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "rank"]
        verbose_name_plural = "shortlist entries"
        constraints = [
            models.UniqueConstraint(fields=["role", "actor"], name="casting_shortlist_once"),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.actor} for {self.role}"


class ShortlistComment(models.Model):
    """What the producer or the director says about an actor on a shortlist."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    entry = models.ForeignKey(ShortlistEntry, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:40]}"


class SubmissionLink(models.Model):
    """A role's link for agents to submit actors without an account. Only the token's hash is
    stored; revoking it (or making a new one) stops the old link."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    role = models.OneToOneField(Role, on_delete=models.CASCADE, related_name="submission_link")
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    expires_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Submission link for {self.role}"


from apps.casting.auditions import models as auditions  # noqa: E402,F401  (registers them)
from apps.casting.offers.models import Hold, Offer, OfferAmendment, Reprice  # noqa: E402, F401
