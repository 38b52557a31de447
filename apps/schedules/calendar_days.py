"""The production calendar: shoot, travel and off days with prep and wrap, by month or by week,
and other apps' dated events (`registry.calendar_events`: post milestones, festival deadlines),
each shown only to the members who may see it. A few queries whatever the range: the days in it,
each app's events in it, and nothing per day."""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from apps.core import registry
from apps.productions.models import Production
from apps.schedules.models import ShootDay


@dataclass
class CalendarDay:
    date: date
    in_month: bool
    labels: list[tuple[str, str]]  # (css kind, text)
    shoot_day: ShootDay | None = None


def _labels_by_date(production: Production, start: date, end: date, membership=None) -> dict:
    labels: dict[date, list[tuple[str, str]]] = defaultdict(list)
    days: dict[date, ShootDay] = {}
    for day in ShootDay.objects.filter(production=production, date__range=(start, end)).order_by(
        "position"
    ):
        days.setdefault(day.date, day)
        kind = "shoot" if day.is_shoot else day.kind
        labels[day.date].append((kind, str(day).split(" (")[0]))
    first, prep, wrap = production.first_shoot_day, production.prep_start, production.wrap_date
    cursor = start
    while cursor <= end:
        if prep and first and prep <= cursor < first:
            labels[cursor].insert(0, ("prep", "Prep"))
        if wrap and cursor == wrap:
            labels[cursor].append(("wrap", "Wrap"))
        cursor += timedelta(days=1)
    # Other apps' dated events (post milestones, festival deadlines), through the registry.
    for event in registry.calendar_events(production, start, end, membership):
        labels[event.date].append((event.kind, event.label))
    return {"labels": labels, "days": days}


def month(
    production: Production, year: int, month_number: int, membership=None
) -> list[list[CalendarDay]]:
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month_number)
    found = _labels_by_date(production, weeks[0][0], weeks[-1][-1], membership)
    return [
        [
            CalendarDay(
                d, d.month == month_number, found["labels"].get(d, []), found["days"].get(d)
            )
            for d in week
        ]
        for week in weeks
    ]


def week(production: Production, monday: date, membership=None) -> list[CalendarDay]:
    found = _labels_by_date(production, monday, monday + timedelta(days=6), membership)
    return [
        CalendarDay(d, True, found["labels"].get(d, []), found["days"].get(d))
        for d in (monday + timedelta(days=i) for i in range(7))
    ]
