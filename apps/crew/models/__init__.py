"""Crew: departments and positions, the production's directory of people, openings and their
candidates, deal memos, and the engagements they become."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from apps.core.documents import Heading
from apps.core.money import MoneyField, RateField
from apps.crew.models.people import Person  # noqa: F401 - defined beside, used below
from apps.crew.models.signing import SignedByLink
from apps.crew.validators import validate_cv

# Departments live in the tenant (a department head's membership points at one); crew's code and
# tests keep naming them from here.
from apps.productions.models import STANDARD_DEPARTMENTS, Department, Production  # noqa: F401
from apps.schedules.models import ShootDay

# Money columns are apps.core.money.MoneyField, rates RateField; guaranteed units and overtime
# thresholds (hours, days, weeks) keep 2 places.
QUANTITY = {"max_digits": 8, "decimal_places": 2}


class Position(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="positions")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="positions")
    title = models.CharField(max_length=100)
    # Budget accounts live per budget version; the number is resolved against the current
    # version when money is committed.
    account_number = models.CharField("budget account", max_length=20, blank=True)
    rate_min = RateField("lowest rate", null=True, blank=True)
    rate_max = RateField("highest rate", null=True, blank=True)

    class Meta:
        ordering = ["department__order", "department__name", "title"]
        constraints = [
            models.UniqueConstraint(
                "department", Lower("title"), name="crew_position_unique_title"
            ),
            models.CheckConstraint(
                name="crew_position_rate_range",
                condition=Q(rate_min__isnull=True)
                | Q(rate_max__isnull=True)
                | Q(rate_min__lte=F("rate_max")),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class OpeningStatus(models.TextChoices):
    OPEN = "open", "Open"
    FILLED = "filled", "Filled"
    CANCELLED = "cancelled", "Cancelled"


class Opening(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="openings")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="openings")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    rate = RateField(null=True, blank=True)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=OpeningStatus, default=OpeningStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["status", "-created_at"]
        constraints = [
            models.CheckConstraint(
                name="crew_opening_dates_in_order",
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(start_date__lte=F("end_date")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position} ({self.get_status_display().lower()})"


class Stage(models.TextChoices):
    APPLIED = "applied", "Applied"
    SHORTLISTED = "shortlisted", "Shortlisted"
    INTERVIEW = "interview", "Interview"
    OFFER = "offer", "Offer"
    HIRED = "hired", "Hired"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


def cv_path(instance: Candidate, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"crew/{instance.production_id}/cv/{uuid.uuid4().hex}.{suffix}"


class Candidate(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    opening = models.ForeignKey(Opening, on_delete=models.CASCADE, related_name="candidates")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="candidacies")
    stage = models.CharField(max_length=12, choices=Stage, default=Stage.APPLIED)
    interview_at = models.DateTimeField("interview", null=True, blank=True)
    notes = models.TextField(blank=True)
    cv = models.FileField("CV", upload_to=cv_path, blank=True, validators=[validate_cv])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["opening", "person"], name="crew_candidate_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} for {self.opening.position}"


class RateUnit(models.TextChoices):
    HOUR = "hour", "per hour"
    DAY = "day", "per day"
    WEEK = "week", "per week"
    FLAT = "flat", "flat"


class UnionStatus(models.TextChoices):
    NON_UNION = "non_union", "Non-union"
    UNION = "union", "Union"


class MemoState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENT = "sent", "Sent"
    ACCEPTED = "accepted", "Accepted"
    COUNTERSIGNED = "countersigned", "Countersigned"
    VOID = "void", "Void"


# What the hire agrees to: changing any of these after sending needs their acceptance again.
MEMO_TERMS = [
    "position",
    "rate",
    "unit",
    "guarantee",
    "overtime_after",
    "double_time_after",
    "guaranteed_hours",
    "kit_rental",
    "per_diem",
    "start_date",
    "end_date",
    "union_status",
    "notes",
]


class DealMemo(SignedByLink):
    """The terms offered to one person for one position. Sent by e-mail as a single-use link."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="deal_memos")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="deal_memos")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="deal_memos")
    candidate = models.ForeignKey(
        Candidate, on_delete=models.SET_NULL, null=True, blank=True, related_name="deal_memos"
    )
    rate = RateField()
    unit = models.CharField(max_length=5, choices=RateUnit, default=RateUnit.DAY)
    guarantee = models.DecimalField(
        "guaranteed units",
        **QUANTITY,
        default=Decimal("1"),
        help_text="Hours, days or weeks guaranteed over the engagement (1 for a flat fee).",
    )
    overtime_after = models.DecimalField(
        "time and a half after (hours)", **QUANTITY, null=True, blank=True
    )
    double_time_after = models.DecimalField(
        "double time after (hours)", **QUANTITY, null=True, blank=True
    )
    guaranteed_hours = models.DecimalField(
        "guaranteed hours a day",
        **QUANTITY,
        null=True,
        blank=True,
        help_text="A work day shorter than this is paid as this many hours. Blank: none.",
    )
    kit_rental = MoneyField("kit or box rental (total)", default=Decimal("0.00"))
    per_diem = MoneyField("per diem (total)", default=Decimal("0.00"))
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    union_status = models.CharField(
        max_length=10, choices=UnionStatus, default=UnionStatus.NON_UNION
    )
    notes = models.TextField("other terms", blank=True)
    state = models.CharField(max_length=14, choices=MemoState, default=MemoState.DRAFT)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The link, its delivery and the hire's signature: SignedByLink (models/signing.py).
    countersigned_at = models.DateTimeField(null=True, blank=True)
    countersigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    voided_at = models.DateTimeField(null=True, blank=True)
    # What was last committed to the budget for this memo (the budget keeps the commitment; these
    # say which account to release when the position's account changes, and feed the panel).
    committed_account = models.CharField(max_length=20, blank=True)
    committed_amount = MoneyField(null=True, blank=True)
    commitment_error = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords(
        excluded_fields=[
            "token_hash",
            "send_attempts",
            "send_error",
            "send_claim_id",
            "send_claimed_at",
            "send_lease_until",
            "version",
        ]
    )
    outbox_builder = "apps.crew.tasks.deal_memo_message"
    outbox_claim_fields = ("token_hash",)
    outbox_unsent = {"token_hash": ""}
    outbox_related = ("production", "person", "position")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                name="crew_memo_dates_in_order",
                condition=Q(end_date__isnull=True) | Q(start_date__lte=F("end_date")),
            ),
            models.CheckConstraint(name="crew_memo_rate_positive", condition=Q(rate__gte=0)),
            models.CheckConstraint(
                name="crew_memo_guarantee_positive", condition=Q(guarantee__gt=0)
            ),
        ]

    def __str__(self) -> str:
        return f"Deal memo: {self.person} as {self.position}"

    @property
    def is_signed(self) -> bool:
        return self.state in (MemoState.ACCEPTED, MemoState.COUNTERSIGNED)

    def printed_heading(self) -> Heading:
        """What the memo's PDF says it is: whose, which terms (the last accepted amendment's), and
        its state (one query, the amendments)."""
        accepted = [a.number for a in self.amendments.all() if a.state == "accepted"]
        terms = f"As amended by amendment {max(accepted)}" if accepted else "Original terms"
        who = f"Deal memo: {self.person.name}, {self.position.title}"
        return Heading(who, terms, self.get_state_display())

    @classmethod
    def outbox_pending(cls):
        return cls.objects.filter(state=MemoState.SENT)


class EngagementQuerySet(models.QuerySet):
    def working_on(self, day: date) -> EngagementQuerySet:
        """Those whose person works on `day`: started, and not past their last day (the release's
        last day, else the contracted end). The queryset form of `Engagement.is_working_on`."""
        return self.filter(
            Q(start_date__lte=day),
            Q(last_day__gte=day)
            | Q(last_day__isnull=True, end_date__gte=day)
            | Q(last_day__isnull=True, end_date__isnull=True),
        )


class Engagement(models.Model):
    """A hire: someone on the crew list from start to end (or their last day, once released)."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="engagements")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="engagements")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="engagements")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="engagements")
    deal_memo = models.OneToOneField(
        DealMemo, on_delete=models.PROTECT, null=True, blank=True, related_name="engagement"
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    last_day = models.DateField(null=True, blank=True)
    release_reason = models.CharField(max_length=200, blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EngagementQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["department__order", "department__name", "position__title", "person__name"]
        constraints = [
            models.CheckConstraint(
                name="crew_engagement_dates_in_order",
                condition=Q(end_date__isnull=True) | Q(start_date__lte=F("end_date")),
            ),
            models.CheckConstraint(
                name="crew_engagement_last_day_after_start",
                condition=Q(last_day__isnull=True) | Q(start_date__lte=F("last_day")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.position}"

    @property
    def finish(self) -> date | None:
        """The last day they work: the release's last day, else the contracted end."""
        return self.last_day or self.end_date

    def is_working_on(self, day: date) -> bool:
        finish = self.finish
        return self.start_date <= day and (finish is None or day <= finish)


class DayAssignment(models.Model):
    """Someone booked for one day: a day player, or extra hands. The crew on the list work every
    shoot day of their engagement without one."""

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="day_assignments"
    )
    shoot_day = models.ForeignKey(
        ShootDay, on_delete=models.CASCADE, related_name="crew_assignments"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="day_assignments")
    position = models.ForeignKey(
        Position, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    call_time = models.TimeField(
        null=True, blank=True, help_text="Their own call, if not the day's crew call."
    )
    notes = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["shoot_day__date", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["shoot_day", "person"], name="crew_day_once_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.shoot_day}"


# Amendments to signed memos, and the notices sent when something is signed.
from apps.crew.models.amendments import (  # noqa: E402, F401
    AmendmentState,
    MemoAmendment,
    MemoNotice,
    NoticeKind,
)

# What the memos leave to the production: meal penalties, sixth and seventh day, the work week.
from apps.crew.models.pay_rules import PayRules, Weekday  # noqa: E402, F401
