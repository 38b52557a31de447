"""Reads for the timecard pages: a week's engaged crew with their timecards, and one timecard with
its days, lines and adjustments (a fixed few queries whatever the crew's size)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import F, Q, QuerySet, Sum

from apps.core.exports import Formula
from apps.core.money import format_amount, round_money
from apps.crew.models import Engagement
from apps.payroll.access import reachable
from apps.payroll.models import (
    Timecard,
    TimecardAdjustment,
    TimecardDay,
    TimecardLine,
    TimecardState,
)
from apps.payroll.services import SIGNED


@dataclass(frozen=True)
class Row:
    engagement: Engagement
    timecard: Timecard | None


def engaged_in_week(production, start: date) -> QuerySet:
    """Engagements under a signed memo that overlap the week starting `start`."""
    end = start + timedelta(days=6)
    return (
        Engagement.objects.filter(
            production=production, deal_memo__state__in=SIGNED, start_date__lte=end
        )
        .filter(
            Q(last_day__gte=start)
            | Q(last_day__isnull=True, end_date__gte=start)
            | Q(last_day__isnull=True, end_date__isnull=True)
        )
        .select_related("person", "position", "department")
    )


def week_rows(production, membership, start: date) -> list[Row]:
    engagements = reachable(membership, engaged_in_week(production, start), "department", "person")
    cards = {
        t.engagement_id: t for t in Timecard.objects.filter(production=production, week_start=start)
    }
    return [Row(e, cards.get(e.pk)) for e in engagements]


def timecard_for(production, pk: int) -> QuerySet:
    return Timecard.objects.filter(production=production, pk=pk).select_related(
        "person",
        "deal_memo__position",
        "engagement__position",
        "engagement__department",
        "returned_by",
        "submitted_by",
        "department_approved_by",
        "approved_by",
    )


# --- The payroll export --------------------------------------------------------------------------

EXPORT_HEADER = ["Person", "E-mail", "Position", "Department", "Pay code", "Hours", "Amount"]


def export_header(unit: str) -> list[str]:
    """The export's columns: the mileage line's distance last, in the pay rules' unit."""
    return [*EXPORT_HEADER, f"Distance ({unit})"]


ADJUSTMENT = "adjustment"
# The order a payroll service reads pay codes in (anything else after them, by name).
CODE_ORDER = [
    "regular", "overtime", "double_time", "week_overtime", "sixth_day", "seventh_day",
    "meal_penalty", "flat", "kit", "mileage", ADJUSTMENT,
]  # fmt: skip
TOTAL = "total"
# The pay codes as the PDF summary prints them for people (the CSV and XLSX keep the codes, which a
# payroll service reads); a code not named here prints as itself.
CODE_LABELS = {
    "regular": "Regular", "overtime": "Overtime", "double_time": "Double time",
    "week_overtime": "Weekly overtime", "sixth_day": "Sixth day", "seventh_day": "Seventh day",
    "meal_penalty": "Meal penalty", "flat": "Flat fee", "kit": "Kit or box", "mileage": "Mileage",
    ADJUSTMENT: "Adjustment", TOTAL: "Total",
}  # fmt: skip
HUNDREDTH = Decimal("0.01")
TENTH = Decimal("0.1")


def _who(prefix: str) -> dict:
    return {
        "who_name": F(f"{prefix}person__name"),
        "who_email": F(f"{prefix}person__email"),
        "who_position": F(f"{prefix}engagement__position__title"),
        "who_department": F(f"{prefix}engagement__department__name"),
        "who_card": F(f"{prefix}id"),
    }


def _key(row: dict) -> tuple:
    return tuple(
        row[k] for k in ("who_name", "who_email", "who_position", "who_department", "who_card")
    )


def export_rows(production, start: date) -> list[list]:
    """The approved timecards of the week starting `start`: one row per person and pay code
    (hours and amount summed in SQL), adjustments as their own code, then each person's total
    and the week's; the mileage line carries the distance driven (last column). Three queries
    whatever the crew's size."""
    approved = {"production": production, "week_start": start, "state": TimecardState.APPROVED}
    sums: dict[tuple, dict[str, list]] = {}
    lines = (
        TimecardLine.objects.filter(**{f"timecard__{k}": v for k, v in approved.items()})
        .values(**_who("timecard__"), code_=F("code"))
        .annotate(hours_=Sum("hours"), amount_=Sum("amount"))
    )
    adjustments = (
        TimecardAdjustment.objects.filter(**{f"timecard__{k}": v for k, v in approved.items()})
        .values(**_who("timecard__"))
        .annotate(amount_=Sum("amount"))
    )

    driven = (
        TimecardDay.objects.filter(**{f"timecard__{k}": v for k, v in approved.items()})
        .filter(distance__gt=0)
        .values(**_who("timecard__"))
        .annotate(distance_=Sum("distance"))
    )

    def money(value) -> Decimal:  # the database's sum, as the currency writes it
        return round_money(Decimal(value), production.currency)

    for row in lines:
        hours = None if row["hours_"] is None else Decimal(row["hours_"]).quantize(HUNDREDTH)
        sums.setdefault(_key(row), {})[row["code_"]] = [hours, money(row["amount_"])]
    for row in adjustments:
        sums.setdefault(_key(row), {})[ADJUSTMENT] = [None, money(row["amount_"])]
    distances = {_key(row): Decimal(row["distance_"]).quantize(TENTH) for row in driven}
    rows, grand = [], money(0)
    for key in sorted(sums, key=lambda k: (k[3], k[0], k[4])):
        who, codes = list(key[:4]), sums[key]
        order = sorted(codes, key=lambda c: (CODE_ORDER.index(c) if c in CODE_ORDER else 99, c))
        for code in order:
            hours, amount = codes[code]
            distance = distances.get(key) if code == "mileage" else None
            rows.append([*who, code, hours, amount, distance])
        total = sum((codes[c][1] for c in codes), Decimal("0"))
        grand += total
        rows.append([*who, TOTAL, None, total, None])
    rows.append(["All", "", "", "", TOTAL, None, grand, None])
    return rows


def with_live_totals(rows: list[list]) -> list[list]:
    """`export_rows` for the workbook: each person's total a live sum of their lines' amounts
    (column G, the sheet's header on row 1) and the week's a sum of the people's totals, so the
    sheet stays right when someone edits a line in it. The CSV keeps the values."""
    live, first, people = [], 2, []
    for number, row in enumerate(rows, start=2):
        if row[4] == TOTAL and row[0] == "All" and number == len(rows) + 1:
            row = [*row[:6], Formula(f"=SUM({','.join(people)})" if people else "=0"), *row[7:]]
        elif row[4] == TOTAL:
            row = [*row[:6], Formula(f"=SUM(G{first}:G{number - 1})"), *row[7:]]
            people.append(f"G{number}")
            first = number + 1
        live.append(row)
    return live


@dataclass(frozen=True)
class PrintedRow:
    """A line of the printed summary: the person named on their first line and on their total."""

    who: list[str]
    code: str
    hours: str
    amount: str
    total: bool


def printed_rows(rows: list[list], currency: str, unit: str = "mi") -> list[PrintedRow]:
    """`export_rows` as the PDF summary prints them (amounts as the currency writes them); empty
    when nothing is approved (the export's lone grand total of nothing)."""
    if len(rows) == 1:
        return []
    printed, previous = [], None
    for *who, code, hours, amount, distance in rows:
        total = code == TOTAL
        shown = who if total or who != previous else ["", "", "", ""]
        hours_text = "" if hours is None else f"{hours}"
        if distance is not None:
            hours_text = f"{distance} {unit}"
        label = CODE_LABELS.get(code, code)
        printed.append(PrintedRow(shown, label, hours_text, format_amount(amount, currency), total))
        previous = who
    return printed
