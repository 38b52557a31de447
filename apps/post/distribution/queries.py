"""Reads for distribution: the deals list and its export, and the sold-and-open grid (territory
by right, on a given day)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch

from apps.post.distribution.models import Deal, Instalment, Right

# Territories shown even before anything is sold there: the open markets a sales agent works.
MARKETS = [
    "United States",
    "Canada",
    "United Kingdom",
    "France",
    "Germany",
    "Italy",
    "Spain",
    "Benelux",
    "Scandinavia",
    "Japan",
    "South Korea",
    "Australia and New Zealand",
    "Latin America",
]

EXPORT_HEADER = [
    "Territory",
    "Rights",
    "Exclusive",
    "Licensor",
    "Licensee",
    "Term starts",
    "Term ends",
    "Minimum guarantee",
    "Instalments",
    "Delivery due",
    "Deliverables checklist",
]


def deals_of(production):
    return (
        Deal.objects.filter(production=production)
        .select_related("checklist")
        .prefetch_related(Prefetch("instalments", queryset=Instalment.objects.order_by("due_date")))
    )


def export_rows(deals):
    for deal in deals:
        yield [
            deal.territory,
            deal.rights_label,
            "yes" if deal.exclusive else "no",
            deal.licensor,
            deal.licensee,
            deal.term_start,
            deal.term_end,
            deal.minimum_guarantee,
            "; ".join(f"{i.due_date:%Y-%m-%d} {i.amount}" for i in deal.instalments.all()),
            deal.delivery_due or "",
            deal.checklist.name if deal.checklist else "",
        ]


@dataclass
class Cell:
    right: str
    deals: list[Deal] = field(default_factory=list)

    @property
    def state(self) -> str:
        if any(deal.exclusive for deal in self.deals):
            return "sold"
        return "licensed" if self.deals else "open"

    @property
    def label(self) -> str:
        return {"sold": "Sold", "licensed": "Licensed (non-exclusive)", "open": "Open"}[self.state]


@dataclass
class Row:
    territory: str
    cells: list[Cell]


def grid(production, on: date) -> list[Row]:
    """One row per territory (the usual markets and every territory a deal names), one cell per
    right: the deals in force on `on` for it. Two queries: the deals, none per cell."""
    deals = list(Deal.objects.filter(production=production, term_start__lte=on, term_end__gte=on))
    names = {name.casefold(): name for name in MARKETS}
    for deal in Deal.objects.filter(production=production).values_list("territory", flat=True):
        names.setdefault(deal.casefold(), deal)
    rows = []
    for key in sorted(names, key=lambda k: names[k].casefold()):
        cells = [
            Cell(
                right.value,
                [d for d in deals if d.territory.casefold() == key and getattr(d, right.value)],
            )
            for right in Right
        ]
        rows.append(Row(names[key], cells))
    return rows


def grid_export_rows(rows: list[Row]):
    for row in rows:
        yield [
            row.territory,
            *(
                cell.label
                + (": " + ", ".join(d.licensee for d in cell.deals) if cell.deals else "")
                for cell in row.cells
            ),
        ]
