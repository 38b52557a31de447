"""Reads for daily reports: the list of shoot days with their reports, one report with all its
tables, its totals, what a printed report says it is, and how its e-mail went. Query counts are
fixed: none grows with the rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import dateformat

from apps.core.documents import Heading
from apps.daily_reports.models import (
    DailyReport,
    Distribution,
    EventKind,
    SceneResult,
    SceneStatus,
)
from apps.productions.models import Production
from apps.schedules.importers.eighths import format_eighths
from apps.schedules.models import DayKind, Scene, ShootDay


@dataclass
class DayRow:
    day: ShootDay
    report: DailyReport | None
    eighths_scheduled: int
    eighths_shot: int | None

    @property
    def pages_scheduled(self) -> str:
        return format_eighths(self.eighths_scheduled)

    @property
    def pages_shot(self) -> str:
        return "" if self.eighths_shot is None else format_eighths(self.eighths_shot)


def _sum(field_name: str, condition: Q | None = None):
    return Coalesce(Sum(field_name, filter=condition), 0, output_field=IntegerField())


def reports_with_pages(production: Production):
    """The production's reports in shoot order, each with the eighths it scheduled
    (`scheduled_eighths`) and shot (`shot_eighths`), its day and signer: one query."""
    return (
        DailyReport.objects.filter(production=production)
        .select_related("shoot_day", "signed_by")
        .annotate(
            scheduled_eighths=_sum("scenes__eighths_scheduled", Q(scenes__scheduled=True)),
            shot_eighths=_sum("scenes__eighths_shot", ~Q(scenes__status=SceneStatus.NOT_SHOT)),
        )
        .order_by("shoot_day__position")
    )


def day_rows(production: Production) -> list[DayRow]:
    """Every shoot day, its report (state) and pages shot against scheduled: the report's own
    figures once there is one, the board's before. Two queries."""
    on_board = (
        Scene.objects.filter(shoot_day=OuterRef("pk"), omitted=False)
        .order_by()
        .values("shoot_day")
        .annotate(total=Sum("eighths"))
        .values("total")
    )
    days = (
        ShootDay.objects.filter(production=production, kind=DayKind.SHOOT)
        .annotate(board_eighths=Coalesce(Subquery(on_board), 0))
        .order_by("position")
    )
    reports = {r.shoot_day_id: r for r in reports_with_pages(production)}
    rows = []
    for day in days:
        report = reports.get(day.pk)
        if report is None:
            rows.append(DayRow(day, None, day.board_eighths, None))
        else:
            rows.append(DayRow(day, report, report.scheduled_eighths, report.shot_eighths))
    return rows


def export_rows(production: Production) -> tuple[list[str], list[list]]:
    """The list as a table (CSV, XLSX): one row per shoot day."""
    header = ["Day", "Date", "Status", "Pages scheduled", "Pages shot", "Signed by", "Signed at"]
    rows = []
    for row in day_rows(production):
        report = row.report
        signed_at = ""
        if report is not None and report.signed_at:
            signed_at = dateformat.format(report.signed_at.astimezone(production.tz), "Y-m-d H:i")
        rows.append(
            [
                row.day.day_number,
                row.day.date,
                report.get_state_display() if report else "Not started",
                row.pages_scheduled,
                row.pages_shot,
                report.signed_by.display_name if report and report.signed_by_id else "",
                signed_at,
            ]
        )
    return header, rows


def report_for(production: Production, pk: int):
    """The report with every table it shows, in a fixed number of queries (eleven)."""
    return (
        DailyReport.objects.filter(production=production, pk=pk)
        .select_related("production", "shoot_day", "signed_by", "drafted_by")
        .prefetch_related(
            "units",
            Prefetch("scenes", queryset=SceneResult.objects.select_related("remaining_to_day")),
            "cast",
            "background",
            "crew__department",
            "exceptions__person",
            "events",
            "costs",
            "sent_to",
        )
    )


EDIT_TABLES = ("units", "scenes", "cast", "background", "crew", "exceptions", "events", "costs")


def report_to_edit(production: Production, pk: int):
    """The report with the rows of its tables, for the edit page: its forms name other rows by
    key, so none of theirs is read (nine queries)."""
    return (
        DailyReport.objects.filter(production=production, pk=pk)
        .select_related("production", "shoot_day")
        .prefetch_related(*EDIT_TABLES)
    )


@dataclass
class Totals:
    eighths_scheduled: int = 0
    eighths_shot: int = 0
    setups: int = 0
    minutes: Decimal = Decimal("0")
    counts: dict = field(default_factory=dict)  # status -> scenes
    background: int = 0
    minutes_lost: int = 0
    events: dict = field(default_factory=dict)  # kind label -> how many

    @property
    def pages_scheduled(self) -> str:
        return format_eighths(self.eighths_scheduled)

    @property
    def pages_shot(self) -> str:
        return format_eighths(self.eighths_shot)


def totals(report: DailyReport) -> Totals:
    """The day's figures from the prefetched rows (no query)."""
    result = Totals(counts={label: 0 for _, label in SceneStatus.choices})
    for row in report.scenes.all():
        if row.scheduled:
            result.eighths_scheduled += row.eighths_scheduled
        if row.status != SceneStatus.NOT_SHOT:
            result.eighths_shot += row.eighths_shot
        result.setups += row.setups
        result.minutes += row.minutes
        result.counts[row.get_status_display()] += 1
    result.background = sum(row.count for row in report.background.all())
    for event in report.events.all():
        result.minutes_lost += event.minutes if event.kind == EventKind.DELAY else 0
        label = event.get_kind_display()
        result.events[label] = result.events.get(label, 0) + 1
    return result


def day_count(production: Production) -> int:
    return ShootDay.objects.filter(production=production, kind=DayKind.SHOOT).count()


def document_heading(report: DailyReport, total_days: int) -> Heading:
    document = f"Daily production report, day {report.shoot_day.day_number} of {total_days}"
    if report.is_signed:
        when = dateformat.format(report.signed_at.astimezone(report.production.tz), "j M Y, H:i")
        who = report.signed_by.display_name if report.signed_by_id else ""
        return Heading(document, f"Version {report.version}", f"Signed off {when} {who}".strip())
    return Heading(document, "Draft", "Not signed off")


def filename(report: DailyReport) -> str:
    day: date = report.shoot_day.date
    return f"daily-report-day-{report.shoot_day.day_number}-{day.isoformat()}"


def distribution_progress(report: DailyReport) -> dict:
    """n of m sent, failed: one query."""
    return Distribution.objects.filter(report=report).aggregate(
        total=Count("pk"),
        sent=Count("pk", filter=Q(send_status="sent")),
        failed=Count("pk", filter=Q(send_status="failed")),
    )
