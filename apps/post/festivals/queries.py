"""Reads of the festival tracker: the list, its export, and the calendar's deadlines."""

from __future__ import annotations

from datetime import date

from apps.post.festivals.models import Festival
from apps.productions.models import Production

EXPORT_HEADER = [
    "Festival",
    "Where",
    "Festival starts",
    "Early deadline",
    "Early fee",
    "Regular deadline",
    "Regular fee",
    "Late deadline",
    "Late fee",
    "Premiere requirement",
    "Status",
    "Submitted on",
    "Result",
    "Vendor",
    "Purchase order",
]
MONEY_COLUMNS = (4, 6, 8)


def festivals_of(production: Production, status: str = ""):
    rows = Festival.objects.filter(production=production).select_related("vendor", "purchase_order")
    return rows.filter(status=status) if status else rows


def export_rows(festivals) -> list[list]:
    return [
        [
            f.name,
            f.place,
            f.festival_starts,
            f.early_deadline,
            f.early_fee,
            f.regular_deadline,
            f.regular_fee,
            f.late_deadline,
            f.late_fee,
            f.get_premiere_display() + (f" ({f.premiere_notes})" if f.premiere_notes else ""),
            f.get_status_display(),
            f.submitted_on,
            f.result,
            f.vendor.name if f.vendor else "",
            f.purchase_order.label if f.purchase_order else "",
        ]
        for f in festivals
    ]


def deadlines_between(production: Production, start: date | None, end: date | None):
    """(festival, key, label, date) for every deadline in the range, any status."""
    for festival in Festival.objects.filter(production=production).order_by("name"):
        for key, label, day, _fee in festival.deadlines():
            if (start is None or day >= start) and (end is None or day <= end):
                yield festival, key, label, day
