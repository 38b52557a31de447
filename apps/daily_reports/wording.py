"""What each write of a daily report says in the production's audit log (apps/productions/audit.py):
started, saved, signed, the hot cost worked out again (each e-mail of the signed report says it
from `Distribution.outbox_sent`, in models.py). The words name the day and say what moved and
by how much: the report's sections, the hot cost's planned and actual, the board's scenes (shot,
pages left, where the rest went).

The entries are the report's own history rows (`DailyReport.history`, whose reason is a text
column: a day's moves do not fit in a hundred characters). A write that leaves the report's row
as it was (the hot cost, an e-mail) adds a history row with its words and no changed field
(`apps.core.bulk.record_history`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from apps.core.bulk import record_history
from apps.core.money import format_money
from apps.daily_reports.models import (
    Background,
    CastResult,
    CostItem,
    CrewException,
    CrewTimes,
    DailyReport,
    Event,
    HotCostLine,
    SceneResult,
    UnitTimes,
    day_name,
)
from apps.schedules.importers.eighths import format_eighths
from apps.schedules.models import ShootDay

SECTION_NAMES = {
    UnitTimes: "unit times",
    SceneResult: "scenes",
    CastResult: "cast",
    Background: "background",
    CrewTimes: "crew times",
    CrewException: "crew exceptions",
    Event: "delays and incidents",
    CostItem: "cost items",
}
FIELD_NAMES = {
    "equipment_notes": "equipment notes",
    "media_notes": "media and data notes",
    "remarks": "remarks",
}


def _pp(eighths: int) -> str:
    return f"{format_eighths(max(eighths, 0))} pp"


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _signed(value: Decimal, currency: str) -> str:
    sign = "-" if value < 0 else "+"
    return f"{sign}{format_money(abs(value), currency)}"


def record(report: DailyReport, words: str, user=None) -> None:
    """A history row of the report as it stands, saying `words` (the report's row is not
    written). `user`: who did it, when not the request's."""
    if user is not None:
        report._history_user = user
    record_history(DailyReport, [report], words)


# --- The hot cost ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class HotTotals:
    planned: Decimal = Decimal("0")
    actual: Decimal = Decimal("0")

    @classmethod
    def stored(cls, report: DailyReport) -> HotTotals:
        """The report's hot cost lines as they stand in the database (one query)."""
        sums = HotCostLine.objects.filter(report=report).aggregate(
            planned=Sum("planned"), actual=Sum("actual")
        )
        return cls(sums["planned"] or Decimal("0"), sums["actual"] or Decimal("0"))

    @classmethod
    def of(cls, lines: Iterable[HotCostLine]) -> HotTotals:
        lines = list(lines)
        return cls(
            sum((x.planned for x in lines), Decimal("0")),
            sum((x.actual for x in lines), Decimal("0")),
        )


def hot_cost_moved(before: HotTotals, after: HotTotals, currency: str) -> str:
    """ "actual $1,250.00 (+$150.00), planned $1,100.00 (+$100.00)" """
    return (
        f"actual {format_money(after.actual, currency)} "
        f"({_signed(after.actual - before.actual, currency)}), "
        f"planned {format_money(after.planned, currency)} "
        f"({_signed(after.planned - before.planned, currency)})"
    )


def hot_cost_refreshed(report: DailyReport, before: HotTotals, after: HotTotals, lines: int) -> str:
    currency = report.production.currency
    return (
        f"Hot cost for {day_name(report.shoot_day)} worked out again: "
        f"{hot_cost_moved(before, after, currency)}; {_plural(lines, 'line')}"
    )


def _against_plan(totals: HotTotals, currency: str) -> str:
    over = totals.actual - totals.planned
    if not over:
        return "on plan"
    return f"{format_money(abs(over), currency)} {'over' if over > 0 else 'under'} plan"


# --- Start, save ----------------------------------------------------------------------------------


def started(day: ShootDay, revision, scenes: Sequence[dict], cast: int, crew: int) -> str:
    source = (
        f"call sheet revision {revision.number}"
        if revision is not None
        else "the schedule (no call sheet published)"
    )
    pages = sum(row.get("eighths_scheduled", 0) for row in scenes)
    return (
        f"Daily report for {day_name(day)} started from {source}: "
        f"{_plural(len(scenes), 'scene')} ({_pp(pages)}), {cast} cast, "
        f"{_plural(crew, 'department')}"
    )


def saved(
    report: DailyReport,
    fields: Sequence[str],
    sections: Iterable[tuple[type, int, int, int]],
    hot: tuple[HotTotals, HotTotals],
) -> str:
    """`sections`: (model, added, changed, removed) for each table the save touched."""
    parts = []
    for model, added, changed, removed in sections:
        counts = [
            f"{n} {what}"
            for n, what in ((added, "added"), (changed, "changed"), (removed, "removed"))
            if n
        ]
        if counts:
            parts.append(f"{SECTION_NAMES.get(model, model._meta.verbose_name_plural)} "
                         f"{', '.join(counts)}")  # fmt: skip
    parts += [FIELD_NAMES.get(name, name) for name in fields]
    before, after = hot
    if before != after:
        parts.append(f"hot cost {hot_cost_moved(before, after, report.production.currency)}")
    what = "; ".join(parts) or "nothing changed"
    return f"Daily report for {day_name(report.shoot_day)} saved: {what}"


# --- Sign-off -------------------------------------------------------------------------------------


def board_words(moves: Sequence, days: dict[int, ShootDay], day: ShootDay) -> list[str]:
    """The board's moves (apps.schedules.shooting.Move) in short: the scenes shot with their
    pages, then each scene with pages left and where they went."""
    shot = [m for m in moves if m.status == "completed"]
    parts = []
    if shot:
        pages = sum(m.eighths_shot for m in shot)
        parts.append(f"{_plural(len(shot), 'scene')} shot ({_pp(pages)})")
    for move in moves:
        if move.status == "completed":
            continue
        to = days.get(move.to_day_id) if move.to_day_id else None
        left = _pp(move.eighths_left)
        if move.status == "partly":
            parts.append(
                f"sc. {move.number} partly shot ({_pp(move.eighths_shot)}), "
                f"to {day_name(to)} with {left} left"
            )
        elif move.status == "not_shot":
            where = "back to the bin" if to is None else f"to {day_name(to)}"
            parts.append(f"sc. {move.number} not shot, {where} with {left} left")
        else:
            parts.append(f"sc. {move.number} stays on {day_name(day)} (no outcome)")
    return parts


def signed(report: DailyReport, user, moves: Sequence, hot: HotTotals, addresses: int) -> str:
    ids = {m.to_day_id for m in moves if m.to_day_id}
    days = ShootDay.objects.in_bulk(ids) if ids else {}
    who = getattr(user, "display_name", None) or "someone"
    board = "; ".join(board_words(moves, days, report.shoot_day)) or "nothing moved"
    currency = report.production.currency
    sent = (
        f"e-mailed to the producer's list ({_plural(addresses, 'address', 'addresses')})"
        if addresses
        else "no one on the producer's list to e-mail"
    )
    return (
        f"Daily report for {day_name(report.shoot_day)} signed off by {who}; board: {board}; "
        f"hot cost frozen: actual {format_money(hot.actual, currency)}, "
        f"{_against_plan(hot, currency)}; {sent}"
    )
