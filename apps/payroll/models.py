"""Timecards: one per engaged person (a signed deal memo's engagement) per work week.

A timecard holds seven days (the production's work week, `PayRules.week_starts`), each with its
kind (work, travel, hold, idle; blank when not worked), call, one or two meals, wrap, kit or box
rental and mileage. Its pay is the crew's pay engine's (apps/crew/pay.py), worked out by
`apps/payroll/week.py`: while a draft, from the memo's terms as they are now; from submission on,
the lines are kept as `TimecardLine` rows, so what the approvers read is what posts.

States: draft -> submitted -> approved by the department -> approved (the accounts'); each
approver may send it back to draft with a note. An approved timecard never changes: a correction
is a `TimecardAdjustment`, posted on its own.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from apps.core.money import MoneyField, RateField
from apps.crew import pay
from apps.crew.models import DealMemo, Engagement, Person
from apps.productions.models import Production


class TimecardState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    DEPARTMENT_APPROVED = "department_approved", "Approved by the department"
    APPROVED = "approved", "Approved"


class DayKind(models.TextChoices):
    WORK = pay.WORK, "Work"
    TRAVEL = pay.TRAVEL, "Travel"
    HOLD = pay.HOLD, "Hold"
    IDLE = pay.IDLE, "Idle"


def _user(**kwargs) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        **kwargs,
    )


class Timecard(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="timecards")
    engagement = models.ForeignKey(Engagement, on_delete=models.PROTECT, related_name="timecards")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="timecards")
    deal_memo = models.ForeignKey(DealMemo, on_delete=models.PROTECT, related_name="timecards")
    week_start = models.DateField("week of")
    state = models.CharField(max_length=20, choices=TimecardState, default=TimecardState.DRAFT)
    version = models.PositiveIntegerField(default=1)
    # Kept from submission on (the sum of its lines); while a draft, worked out on each save.
    total = MoneyField(default=Decimal("0"))
    wage = MoneyField(default=Decimal("0"), help_text="The part of the total that is pay.")
    returned_note = models.CharField("sent back because", max_length=500, blank=True)
    returned_by = _user()
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = _user()
    department_approved_at = models.DateTimeField(null=True, blank=True)
    department_approved_by = _user()
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = _user()
    # What the accounts' approval posted: the actual's amount and its fringes.
    posted_amount = MoneyField(null=True, blank=True)
    posted_fringes = MoneyField(null=True, blank=True)
    posted_account = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-week_start", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "week_start"], name="payroll_timecard_once_a_week"
            ),
        ]
        indexes = [models.Index(fields=["production", "week_start"], name="timecard_week")]

    def __str__(self) -> str:
        return f"Timecard: {self.person.name}, week of {self.week_start:%d %b %Y}"

    @property
    def week_end(self):
        return self.week_start + timedelta(days=6)

    @property
    def is_draft(self) -> bool:
        return self.state == TimecardState.DRAFT

    @property
    def is_approved(self) -> bool:
        return self.state == TimecardState.APPROVED


class TimecardDay(models.Model):
    """One day of the week on a timecard; blank kind: not worked."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    timecard = models.ForeignKey(Timecard, on_delete=models.CASCADE, related_name="days")
    date = models.DateField()
    kind = models.CharField(max_length=6, choices=DayKind, blank=True)
    call = models.TimeField(null=True, blank=True)
    meal1_out = models.TimeField("meal out", null=True, blank=True)
    meal1_in = models.TimeField("meal in", null=True, blank=True)
    meal2_out = models.TimeField("2nd meal out", null=True, blank=True)
    meal2_in = models.TimeField("2nd meal in", null=True, blank=True)
    wrap = models.TimeField(null=True, blank=True)
    kit = MoneyField("kit or box rental", default=Decimal("0"))
    # Mileage: the distance driven (miles or km, the pay rules' unit) x the production's rate.
    # `mileage` is an amount typed before distances existed; it still pays as typed.
    distance = models.DecimalField(
        "distance driven", max_digits=7, decimal_places=1, default=Decimal("0")
    )
    mileage = MoneyField("mileage", default=Decimal("0"))
    # Where a prefilled day's times came from (a signed daily report); cleared when saved by hand.
    prefilled_from = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["timecard", "date"]
        constraints = [
            models.UniqueConstraint(fields=["timecard", "date"], name="payroll_day_once"),
            models.CheckConstraint(
                name="payroll_day_amounts_not_negative",
                condition=Q(kit__gte=0, mileage__gte=0, distance__gte=0),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%a %d %b}: {self.get_kind_display() or 'not worked'}"


class TimecardLine(models.Model):
    """A line of pay as the engine worked it out, kept from submission on."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    timecard = models.ForeignKey(Timecard, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField()
    date = models.DateField()
    code = models.CharField(max_length=20)
    rule = models.CharField(max_length=200)
    hours = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    rate = RateField()  # the hourly rate with its multiplier, a penalty's amount, a day's pay
    amount = MoneyField()
    wage = models.BooleanField(default=True, help_text="Pay (fringes apply), not a reimbursement.")

    class Meta:
        ordering = ["timecard", "position"]

    def __str__(self) -> str:
        return f"{self.date:%a %d %b} {self.rule}: {self.amount}"


class TimecardAdjustment(models.Model):
    """A correction to an approved timecard: an amount more (or less, negative) and why; posted
    to the budget when it is recorded. The timecard itself never changes."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    timecard = models.ForeignKey(Timecard, on_delete=models.PROTECT, related_name="adjustments")
    amount = MoneyField()
    reason = models.CharField(max_length=200)
    wage = models.BooleanField(
        "pay (fringes apply)", default=True, help_text="Untick for a reimbursement (kit, mileage)."
    )
    posted_fringes = MoneyField(default=Decimal("0"))
    created_by = _user()
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["timecard", "created_at"]
        constraints = [
            models.CheckConstraint(name="payroll_adjustment_not_zero", condition=~Q(amount=0)),
        ]

    def __str__(self) -> str:
        return f"Adjustment to {self.timecard}: {self.amount} ({self.reason})"


# Start paperwork's models (apps/payroll/paperwork/models.py) and the crew member's own link to
# their timecards (apps/payroll/crew_link/models.py) live in their own modules.
from apps.payroll.crew_link.models import TimecardLink  # noqa: E402, F401
from apps.payroll.paperwork.models import PackEntry, PackItem, StartPack  # noqa: E402, F401
