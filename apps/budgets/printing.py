"""Budget documents as printed: the cost report's rows with their figures set in one fixed-width
column.

WeasyPrint lays out every table cell on its own (a style, a box, a text layout, a border), and a
cost report of 270 rows by 9 columns spent most of its 4 s doing so. Printed here, a row is three
cells: the account, its name, and its seven figures as one line of a monospaced font, each figure
right-aligned in a column as wide as the widest figure it holds: the layout of a ledger, about a
third of the cells, the same figures (pdftotext reads them back separated by spaces).
"""

from __future__ import annotations

from dataclasses import dataclass

from apps.budgets.queries import CostReport, CostRow
from apps.core.money import format_amount

FIGURES = ("Budget", "Actual", "Committed", "ETC", "EFC", "Variance", "% spent")
GAP = 2  # spaces between two figure columns


@dataclass(frozen=True)
class PrintedRow:
    level: str
    number: str
    name: str
    over: bool
    figures: str


@dataclass(frozen=True)
class PrintedCostReport:
    heading: str  # the figure columns' titles, aligned like the figures under them
    rows: list[PrintedRow]


def _rows_in_order(report: CostReport) -> list[CostRow]:
    rows: list[CostRow] = []
    for section in report.sections:
        rows.append(section)
        for category in section.children:
            rows.append(category)
            rows.extend(category.children)
    rows.extend(report.unbudgeted)
    rows.append(report.total)
    rows.extend(report.markups)
    if report.with_markups is not None:
        rows.append(report.with_markups)
    return rows


def _figures(row: CostRow, currency: str) -> list[str]:
    amounts = (row.budget, row.actual, row.committed, row.etc, row.efc, row.variance)
    spent = row.percent_spent
    return [format_amount(a, currency) for a in amounts] + ["" if spent is None else f"{spent}%"]


def printed_cost_report(report: CostReport) -> PrintedCostReport:
    currency = report.version.currency
    rows = _rows_in_order(report)
    cells = [_figures(row, currency) for row in rows]
    widths = [
        max(len(title), *(len(figures[i]) for figures in cells)) + GAP
        for i, title in enumerate(FIGURES)
    ]

    def line(values) -> str:
        return "".join(value.rjust(width) for value, width in zip(values, widths, strict=True))

    printed = [
        PrintedRow(row.level, row.number, row.name, row.over, line(figures))
        for row, figures in zip(rows, cells, strict=True)
    ]
    return PrintedCostReport(heading=line(FIGURES), rows=printed)
