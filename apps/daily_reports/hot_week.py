"""Weekly overtime in hot costs, by the same rule as the timecards (`pay.week_overtime`).

A day's hot cost cannot see the whole week, but it can see the week so far: the straight hours
of the same production work week's earlier reports for the person (their labour lines' actual
side: the `regular` lines worked out from the report's times, or the timecard's straight time
where a submitted timecard was the figure, kept on its note as `straight_hours`). The day's
straight hours past the weekly threshold, counted after those, earn 0.5x more on both the planned
and the actual side, with the rule on the line. A day with no earlier report counts nothing for
it (a week whose reports are missing is undercounted, never guessed), and a note says how many
hours the week had before the day.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from apps.crew import pay
from apps.daily_reports.models import DailyReport, HotCostKind, HotCostLine

STRAIGHT = "straight_hours"


def straight_before(report: DailyReport, week_starts: int) -> dict[int, int]:
    """{person id: straight minutes on the earlier reports of the day's work week}. One query."""
    day = report.shoot_day.date
    start = day - timedelta(days=(day.weekday() - week_starts) % 7)
    rows = HotCostLine.objects.filter(
        report__production=report.production,
        report__shoot_day__date__gte=start,
        report__shoot_day__date__lt=day,
        kind=HotCostKind.LABOUR,
        person__isnull=False,
    ).values_list("person_id", "detail")
    found: dict[int, int] = {}
    for person_id, detail in rows:
        for item in detail or []:
            if item.get("side") != "actual":
                continue
            hours = item.get(STRAIGHT) or (
                item.get("hours") if item.get("code") == "regular" else None
            )
            if hours:
                found[person_id] = found.get(person_id, 0) + int(Decimal(hours) * 60)
    return found


def with_week(terms: pay.Terms, rules: pay.Rules, paid: pay.DayPay, before: int) -> pay.DayPay:
    """The day's pay with its weekly overtime, `before` straight minutes counted already."""
    (extra,) = pay.week_overtime(terms, rules, [paid], already=before)
    return pay.DayPay((*paid.lines, *extra), paid.worked_minutes) if extra else paid


def week_note(rules: pay.Rules, before: int) -> str | None:
    if not rules.week_overtime_after:
        return None
    return f"weekly overtime: {pay.hm(before)} straight this week on the earlier reports"
