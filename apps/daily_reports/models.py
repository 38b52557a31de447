"""Daily production reports (DPRs) and hot costs: what the day really was, against the call sheet.

One report per shoot day, prefilled from the day's published call sheet, drafted by the office,
signed off by the production manager or producer and then frozen: a signed report never changes
(its rows are checked by `services`, not by the database). Times are local to the shoot day, like
the call sheet's; a time earlier than the unit's crew call is read as after midnight (a wrap at
01:30 after a 14:00 call).

Hot costs are kept as rows (`HotCostLine`): computed from the report and the deal memos while it is
a draft, frozen with it when signed, so that a memo amended later never rewrites a past day.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from apps.callsheets.models import Revision
from apps.core.bulk import record_history
from apps.core.money import MoneyField
from apps.core.outbox import OutboundMessage
from apps.crew.models import Department, Person
from apps.productions.models import Production
from apps.schedules.models import CastMember, Scene, ShootDay


def day_name(day: ShootDay | None) -> str:
    """A shoot day as the audit log names it: "day 12" (None: the board's bin)."""
    if day is None:
        return "the bin"
    return f"day {day.day_number}" if day.day_number else str(day)


class ReportState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SIGNED = "signed", "Signed off"


class DailyReport(models.Model):
    """The daily production report of one shoot day."""

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="daily_reports"
    )
    shoot_day = models.OneToOneField(
        ShootDay, on_delete=models.PROTECT, related_name="daily_report"
    )
    call_sheet_revision = models.ForeignKey(
        Revision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The published call sheet revision it was prefilled from.",
    )
    state = models.CharField(max_length=6, choices=ReportState, default=ReportState.DRAFT)
    version = models.PositiveIntegerField(default=1)
    equipment_notes = models.TextField(blank=True)
    media_notes = models.TextField("media and data notes", blank=True)
    remarks = models.TextField(blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The audit log's words for a sign-off name every scene the board moved: more than the
    # hundred characters a history reason has elsewhere (apps/daily_reports/wording.py).
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["shoot_day__position"]
        constraints = [
            models.CheckConstraint(
                name="daily_reports_signed_has_signer",
                condition=~Q(state="signed") | Q(signed_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"Daily report, {self.shoot_day}"

    @property
    def is_signed(self) -> bool:
        return self.state == ReportState.SIGNED


class UnitTimes(models.Model):
    """One unit's actual day: main unit first, then second unit, splinter, ..."""

    report = models.ForeignKey(DailyReport, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(max_length=60, default="Main unit")
    order = models.PositiveSmallIntegerField(default=0)
    crew_call = models.TimeField(null=True, blank=True)
    shooting_call = models.TimeField("shooting call (scheduled)", null=True, blank=True)
    first_shot = models.TimeField(null=True, blank=True)
    meal_out = models.TimeField("first meal, out", null=True, blank=True)
    meal_in = models.TimeField("first meal, back in", null=True, blank=True)
    second_meal_out = models.TimeField("second meal, out", null=True, blank=True)
    second_meal_in = models.TimeField("second meal, back in", null=True, blank=True)
    camera_wrap = models.TimeField(null=True, blank=True)
    last_out = models.TimeField("last person out", null=True, blank=True)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "name"], name="daily_reports_unit_once"),
        ]

    def __str__(self) -> str:
        return self.name


class SceneStatus(models.TextChoices):
    COMPLETED = "completed", "Completed"
    PARTLY = "partly", "Partly shot"
    NOT_SHOT = "not_shot", "Not shot"


class SceneResult(models.Model):
    """What happened to one scene on the day: every scheduled scene, and any scene added on the
    day. The scene's number and scheduled length are copied so the report reads the same after the
    script is revised."""

    report = models.ForeignKey(DailyReport, on_delete=models.CASCADE, related_name="scenes")
    scene = models.ForeignKey(
        Scene, on_delete=models.SET_NULL, null=True, blank=True, related_name="daily_results"
    )
    number = models.CharField(max_length=20)
    scheduled = models.BooleanField(default=True, help_text="On the call sheet for the day.")
    status = models.CharField(max_length=9, choices=SceneStatus, default=SceneStatus.COMPLETED)
    eighths_scheduled = models.PositiveIntegerField(default=0)
    eighths_shot = models.PositiveIntegerField(default=0)
    setups = models.PositiveIntegerField(default=0)
    minutes = models.DecimalField(
        "screen minutes", max_digits=6, decimal_places=2, default=Decimal("0")
    )
    remaining_to_day = models.ForeignKey(
        ShootDay,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Where the rest of a partly shot or not shot scene goes; none is the bin.",
    )
    notes = models.CharField(max_length=300, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "scene"], name="daily_reports_scene_once_per_report"
            ),
        ]

    def __str__(self) -> str:
        return f"Scene {self.number}: {self.get_status_display()}"


class CastResult(models.Model):
    """One cast member's day: DOOD work status, in and out, meals and travel."""

    report = models.ForeignKey(DailyReport, on_delete=models.CASCADE, related_name="cast")
    cast_member = models.ForeignKey(
        CastMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    role = models.CharField(max_length=150, blank=True)
    name = models.CharField(max_length=150, blank=True)
    status = models.CharField("work status", max_length=4, blank=True)  # W, SW, WF, SWF, H, T ...
    time_in = models.TimeField("in", null=True, blank=True)
    time_out = models.TimeField("out", null=True, blank=True)
    meal_out = models.TimeField(null=True, blank=True)
    meal_in = models.TimeField(null=True, blank=True)
    travel_out = models.TimeField("travel, left", null=True, blank=True)
    travel_in = models.TimeField("travel, arrived", null=True, blank=True)
    notes = models.CharField(max_length=300, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.role}: {self.name}"


class Background(models.Model):
    """Background (extras) counted in and out: a kind and how many."""

    report = models.ForeignKey(DailyReport, on_delete=models.CASCADE, related_name="background")
    description = models.CharField(max_length=150)
    count = models.PositiveIntegerField(default=0)
    time_in = models.TimeField("in", null=True, blank=True)
    time_out = models.TimeField("out", null=True, blank=True)
    notes = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.count} × {self.description}"


class CrewTimes(models.Model):
    """A department's in and out for the day; the people whose day differs are `CrewException`s."""

    report = models.ForeignKey(DailyReport, on_delete=models.CASCADE, related_name="crew")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    time_in = models.TimeField("in", null=True, blank=True)
    meal_out = models.TimeField(null=True, blank=True)
    meal_in = models.TimeField(null=True, blank=True)
    time_out = models.TimeField("out", null=True, blank=True)

    class Meta:
        ordering = ["department__order", "department__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "department"], name="daily_reports_department_once"
            ),
        ]

    def __str__(self) -> str:
        return str(self.department)


class CrewException(models.Model):
    """One person whose day was not their department's: another in or out, a late meal, or not
    working at all."""

    report = models.ForeignKey(DailyReport, on_delete=models.CASCADE, related_name="exceptions")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    absent = models.BooleanField("did not work", default=False)
    time_in = models.TimeField("in", null=True, blank=True)
    meal_out = models.TimeField(null=True, blank=True)
    meal_in = models.TimeField(null=True, blank=True)
    time_out = models.TimeField("out", null=True, blank=True)
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "person"], name="daily_reports_exception_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.reason}" if self.reason else str(self.person)


class EventKind(models.TextChoices):
    DELAY = "delay", "Delay"
    INCIDENT = "incident", "Incident"
    ACCIDENT = "accident", "Accident"


class Event(models.Model):
    """A delay (with its minutes lost), an incident or an accident, at a time of the day."""

    report = models.ForeignKey(DailyReport, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=8, choices=EventKind, default=EventKind.DELAY)
    at = models.TimeField(null=True, blank=True)
    minutes = models.PositiveIntegerField("minutes lost", default=0)
    description = models.TextField()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.at}" if self.at else self.get_kind_display()


class CostItem(models.Model):
    """A variable cost of the day entered on the report (extra equipment, a meal penalty paid in
    cash, overtime of a vendor): planned and actual, for the hot cost."""

    report = models.ForeignKey(DailyReport, on_delete=models.CASCADE, related_name="costs")
    description = models.CharField(max_length=200)
    planned = MoneyField(default=Decimal("0.00"))
    actual = MoneyField(default=Decimal("0.00"))

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.description


class HotCostKind(models.TextChoices):
    LABOUR = "labour", "Labour"
    OTHER = "other", "Other"


class HotCostLine(models.Model):
    """One line of a day's hot cost: a person's planned and actual pay (with the rules that made
    it, in words), or an other cost of the day. Rewritten while the report is a draft, frozen when
    it is signed."""

    report = models.ForeignKey(DailyReport, on_delete=models.CASCADE, related_name="hot_costs")
    kind = models.CharField(max_length=6, choices=HotCostKind, default=HotCostKind.LABOUR)
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    label = models.CharField(max_length=200)
    department = models.CharField(max_length=60, blank=True)
    planned = MoneyField(default=Decimal("0.00"))
    actual = MoneyField(default=Decimal("0.00"))
    detail = models.JSONField(
        default=list, blank=True, help_text="The computed lines: rule, hours, rate, amount."
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def variance(self) -> Decimal:
        """Over (positive) or under (negative) plan."""
        return self.actual - self.planned


class Distribution(OutboundMessage):
    """The signed report e-mailed to one person on the producer's list; one row per (report,
    address), so a re-run never sends twice."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(DailyReport, on_delete=models.CASCADE, related_name="sent_to")
    name = models.CharField(max_length=150, blank=True)
    email = models.EmailField()

    outbox_builder = "apps.daily_reports.tasks.report_message"
    outbox_related = ("report__production", "report__shoot_day")

    class Meta:
        ordering = ["name", "email"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "email"], name="daily_reports_sent_once_per_address"
            ),
            models.CheckConstraint(
                name="daily_reports_sent_has_time",
                condition=~Q(send_status="sent") | Q(sent_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email

    def outbox_sent(self) -> list[str]:
        """The report reached this address: the report's audit trail says so (a history row of
        the report as it stands, with these words; the report's own row is not written)."""
        report = DailyReport.objects.select_related("shoot_day").get(pk=self.report_id)
        words = f"Daily report for {day_name(report.shoot_day)} e-mailed to {self.email}"
        record_history(DailyReport, [report], words)
        return []


class DistributionList(models.Model):
    """Who gets the signed report besides the production's producers and production managers
    (who always do): extra addresses the production adds, one a line."""

    production = models.OneToOneField(
        Production, on_delete=models.CASCADE, related_name="dpr_distribution"
    )
    addresses = models.TextField(
        blank=True, help_text="One e-mail address a line (financiers, the completion guarantor)."
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "DPR distribution list"

    def __str__(self) -> str:
        return f"DPR distribution list of {self.production}"

    @property
    def extra_addresses(self) -> list[str]:
        return [line.strip() for line in self.addresses.splitlines() if line.strip()]
