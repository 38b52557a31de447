"""Budget documents as printed: the cost report as the lines of a ledger.

WeasyPrint lays out every table cell on its own (a style, a box, a text layout, a border), and a
cost report of 270 rows by 9 columns spent most of its 4 s doing so. Printed here, a row is one
line of a monospaced font: the account, its name, and its seven figures, each right-aligned in a
column as wide as the widest value it holds. One cell a row instead of nine, the same values
(pdftotext reads them back separated by spaces).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from apps.budgets import engine, exports
from apps.budgets.models import BudgetVersion
from apps.budgets.queries import CostReport, CostRow
from apps.core.money import format_amount
from apps.productions.models import Production

FIGURES = ("Budget", "Actual", "Committed", "ETC", "EFC", "Variance", "% spent")
GAP = 2  # spaces between two columns
INDENT = "  "  # an account's name under its category's


@dataclass(frozen=True)
class PrintedRow:
    level: str  # section, category, account, total, markup: how the line is banded
    number: str
    over: bool
    text: str  # the whole line: number, name, figures


@dataclass(frozen=True)
class PrintedCostReport:
    heading: str  # the columns' titles, aligned like the values under them
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


def _name(row: CostRow) -> str:
    name = f"{INDENT}{row.name}" if row.level == "account" else row.name
    return f"{name} (over)" if row.over else name


def printed_cost_report(report: CostReport) -> PrintedCostReport:
    currency = report.version.currency
    rows = _rows_in_order(report)
    cells = [[row.number, _name(row), *_figures(row, currency)] for row in rows]
    titles = ("Acct", "Name", *FIGURES)
    widths = [
        max(len(title), *(len(values[i]) for values in cells)) for i, title in enumerate(titles)
    ]

    def line(values) -> str:
        number, name, *figures = values
        return (
            number.ljust(widths[0] + GAP)
            + name.ljust(widths[1])
            + "".join(
                value.rjust(width + GAP) for value, width in zip(figures, widths[2:], strict=True)
            )
        )

    printed = [
        PrintedRow(row.level, row.number, row.over, line(values))
        for row, values in zip(rows, cells, strict=True)
    ]
    return PrintedCostReport(heading=line(titles), rows=printed)


DETAIL_COLUMNS = (
    "Acct",
    "Description",
    "Amount",
    "Units",
    "X",
    "Rate",
    "Fringes",
    "Total",
    "Fringe",
)
DESCRIPTION_WIDTH = 48  # longer descriptions wrap onto the lines below, in their own column


def _detail_cells(line, currency: str) -> list[str]:
    return [
        line.account.number,
        line.description,
        engine.plain_number(line.amount),
        line.get_units_display(),
        engine.plain_number(line.x),
        engine.plain_number(line.rate),
        " ".join(f.code for f in line.fringes.all()),
        format_amount(line.total, currency),
        format_amount(line.fringe_total, currency),
    ]


def printed_detail(version: BudgetVersion, lines) -> tuple[str, list[str]]:
    """The budget detail as ledger lines (heading, one text a detail line): the figures
    right-aligned, a long description wrapped within its column."""
    cells = [_detail_cells(line, version.currency) for line in lines]
    widths = [
        max(len(title), *(len(values[i]) for values in cells), 0)
        for i, title in enumerate(DETAIL_COLUMNS)
    ]
    widths[1] = min(widths[1], DESCRIPTION_WIDTH)
    right = {2, 4, 5, 7, 8}

    def text(values) -> str:
        description = textwrap.wrap(values[1], widths[1]) or [""]
        first = [values[0], description[0], *values[2:]]
        out = [
            "".join(
                (value.rjust(width) if i in right else value.ljust(width)) + " " * GAP
                for i, (value, width) in enumerate(zip(first, widths, strict=True))
            ).rstrip()
        ]
        indent = " " * (widths[0] + GAP)
        out += [indent + more for more in description[1:]]
        return "\n".join(out)

    return text(DETAIL_COLUMNS), [text(values) for values in cells]


def detail_document(production: Production, version_id: int) -> tuple[str, dict]:
    """The budget detail PDF's template and context: every line of a version as a ledger line
    (thousands on a real budget, so the worker builds it; see apps/productions/documents.py)."""
    version = BudgetVersion.objects.get(production=production, pk=version_id)
    heading, rows = printed_detail(version, exports.detail_lines(version))
    return "budgets/detail_pdf.html", {"version": version, "heading": heading, "rows": rows}
