"""What the hot cost pages read: one day's lines by department with the day's totals, the
cumulative over signed days, the labour forecast, and the summary over every day. A fixed few
queries whatever the crew's size: the lines are one query, every total an aggregate.

Sums are sums of the stored, already rounded line amounts (apps/core/money.py: round at the
line); the forecast's one division is rounded once with round_money.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from apps.core.money import round_money
from apps.daily_reports.hotcosts import timecard_pay
from apps.daily_reports.models import DailyReport, HotCostKind, HotCostLine, ReportState
from apps.schedules.models import DayKind, ShootDay

ZERO = Decimal("0")
FORECAST_RULE = (
    "Labour forecast for the shoot = actual labour of the signed days + the shoot days without a "
    "signed report x the average actual labour of a signed day (rounded once, to the currency's "
    "minor unit)."
)
CHART_TITLE = "Hot cost per day: planned and actual"


def _sum(field_name: str, **filters):
    return Coalesce(
        Sum(field_name, filter=Q(**filters) if filters else None),
        Value(ZERO),
        output_field=DecimalField(max_digits=20, decimal_places=3),
    )


@dataclass
class Totals:
    planned: Decimal = ZERO
    actual: Decimal = ZERO

    @property
    def variance(self) -> Decimal:
        return self.actual - self.planned

    def add(self, line: HotCostLine) -> None:
        self.planned += line.planned
        self.actual += line.actual


@dataclass
class Group:
    name: str
    lines: list[HotCostLine] = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)


@dataclass
class Forecast:
    signed_days: int
    remaining_days: int
    actual_to_date: Decimal
    planned_to_date: Decimal
    average: Decimal | None
    labour: Decimal | None
    rule: str = FORECAST_RULE


@dataclass
class DayPage:
    report: DailyReport
    groups: list[Group]
    labour: Totals
    other: Totals
    total: Totals
    cumulative: Totals
    forecast: Forecast


def report_of(production, pk: int) -> DailyReport:
    return get_object_or_404(
        DailyReport.objects.select_related("shoot_day"), production=production, pk=pk
    )


def forecast(production) -> Forecast:
    """The shoot's labour at the rate of the signed days (FORECAST_RULE): two queries."""
    signed = HotCostLine.objects.filter(
        report__production=production, report__state=ReportState.SIGNED, kind=HotCostKind.LABOUR
    ).aggregate(actual=_sum("actual"), planned=_sum("planned"))
    counts = ShootDay.objects.filter(production=production, kind=DayKind.SHOOT).aggregate(
        days=Count("pk"),
        signed=Count("pk", filter=Q(daily_report__state=ReportState.SIGNED)),
    )
    done, remaining = counts["signed"], counts["days"] - counts["signed"]
    actual = signed["actual"]
    if not done:
        return Forecast(0, remaining, actual, signed["planned"], None, None)
    currency = production.currency
    average = round_money(actual / done, currency)
    labour = actual + round_money(actual * remaining / done, currency)
    return Forecast(done, remaining, actual, signed["planned"], average, labour)


def day_page(production, report: DailyReport) -> DayPage:
    lines = list(report.hot_costs.select_related("person"))
    groups: dict[str, Group] = {}
    labour, other, total = Totals(), Totals(), Totals()
    for line in lines:
        name = line.department if line.kind == HotCostKind.LABOUR else "Other costs"
        group = groups.setdefault(name or "No department", Group(name or "No department"))
        group.lines.append(line)
        group.totals.add(line)
        (labour if line.kind == HotCostKind.LABOUR else other).add(line)
        total.add(line)
    to_date = HotCostLine.objects.filter(
        report__production=production,
        report__state=ReportState.SIGNED,
        report__shoot_day__position__lte=report.shoot_day.position,
    ).aggregate(planned=_sum("planned"), actual=_sum("actual"))
    cumulative = Totals(to_date["planned"], to_date["actual"])
    return DayPage(
        report, list(groups.values()), labour, other, total, cumulative, forecast(production)
    )


@dataclass
class SummaryRow:
    report: DailyReport
    labour: Totals
    other: Totals
    total: Totals
    cumulative: Totals | None  # signed days only
    # A signed day's approved timecards' pay (payroll actual), beside its frozen labour actual.
    payroll: Decimal | None = None

    @property
    def payroll_difference(self) -> Decimal | None:
        return None if self.payroll is None else self.payroll - self.labour.actual


def summary(production) -> list[SummaryRow]:
    """Every report in shoot order with its planned and actual labour and other costs (one
    query), the running total over the signed ones, and each signed day's payroll actual: what
    its approved timecards pay (one more query, through payroll's `timecard_pay_asked`), shown
    beside the frozen lines, never written into them."""
    reports = (
        DailyReport.objects.filter(production=production)
        .select_related("shoot_day")
        .annotate(
            labour_planned=_sum("hot_costs__planned", hot_costs__kind=HotCostKind.LABOUR),
            labour_actual=_sum("hot_costs__actual", hot_costs__kind=HotCostKind.LABOUR),
            other_planned=_sum("hot_costs__planned", hot_costs__kind=HotCostKind.OTHER),
            other_actual=_sum("hot_costs__actual", hot_costs__kind=HotCostKind.OTHER),
        )
        .order_by("shoot_day__position")
    )
    reports = list(reports)
    signed_dates = [r.shoot_day.date for r in reports if r.is_signed]
    payroll: dict = {}
    if signed_dates:
        for (_, day), paid in timecard_pay(production, signed_dates, approved_only=True).items():
            payroll[day] = payroll.get(day, ZERO) + paid["amount"]
    rows, running = [], Totals()
    for report in reports:
        labour = Totals(report.labour_planned, report.labour_actual)
        other = Totals(report.other_planned, report.other_actual)
        total = Totals(labour.planned + other.planned, labour.actual + other.actual)
        cumulative = None
        if report.is_signed:
            running = Totals(running.planned + total.planned, running.actual + total.actual)
            cumulative = running
        paid = payroll.get(report.shoot_day.date) if report.is_signed else None
        rows.append(SummaryRow(report, labour, other, total, cumulative, paid))
    return rows


def chart_bars(rows: list[SummaryRow]) -> list[tuple[str, Decimal, Decimal]]:
    return [
        (f"D{row.report.shoot_day.day_number or ''}", row.total.planned, row.total.actual)
        for row in rows
    ]
