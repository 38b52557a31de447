"""Reads of the post schedule: the list, its export, the timeline and the dashboard's next
milestones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from apps.post.milestones.models import Milestone
from apps.productions.models import Production

EXPORT_HEADER = [
    "Milestone",
    "Kind",
    "Date",
    "Baseline",
    "Slip (days)",
    "Reason",
    "Done on",
    "Owner",
    "Vendor",
    "Purchase order",
    "Notes",
]


def milestones_of(production: Production):
    return Milestone.objects.filter(production=production).select_related(
        "owner_member__user", "vendor", "purchase_order"
    )


def export_rows(milestones) -> list[list]:
    return [
        [
            m.title,
            m.get_kind_display(),
            m.due_on,
            m.baseline_on,
            m.slip_days,
            m.slip_reason,
            m.done_on,
            m.owner,
            m.vendor.name if m.vendor else "",
            m.purchase_order.label if m.purchase_order else "",
            m.notes,
        ]
        for m in milestones
    ]


@dataclass
class Bar:
    milestone: Milestone
    at: float  # percent along the timeline: the current date
    baseline_at: float | None  # and the baseline's, when there is one
    slip_left: float  # the slip's segment (between baseline and date)
    slip_width: float


def timeline(milestones: list[Milestone], today: date) -> dict:
    """Where each milestone sits on one line from the earliest date to the latest (the baseline's
    included), as percentages for a CSS drawing that shrinks to a phone's width."""
    dates = [m.due_on for m in milestones] + [m.baseline_on for m in milestones if m.baseline_on]
    if not dates:
        return {"bars": [], "first": None, "last": None, "today_at": None}
    first, last = min(dates), max(dates)
    span = max((last - first).days, 1)

    def pos(day: date) -> float:
        return round(100 * (day - first).days / span, 2)

    bars = []
    for m in milestones:
        at = pos(m.due_on)
        base = pos(m.baseline_on) if m.baseline_on else None
        left = min(at, base) if base is not None else at
        width = abs(at - base) if base is not None else 0
        bars.append(Bar(m, at, base, left, width))
    today_at = pos(today) if first <= today <= last else None
    return {"bars": bars, "first": first, "last": last, "today_at": today_at}


def next_milestones(production: Production, today: date, count: int = 5) -> list[Milestone]:
    return list(milestones_of(production).filter(done_on__isnull=True, due_on__gte=today)[:count])


def overdue_count(production: Production, today: date) -> int:
    return Milestone.objects.filter(
        production=production, done_on__isnull=True, due_on__lt=today
    ).count()
