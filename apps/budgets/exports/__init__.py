"""Budget exports: the budget workbook (XLSX), its tables as CSV files, the cost report.

- detail: a version's lines, accounts, globals, fringes and markups as tables (what the import
  reads back); workbook: the XLSX that recomputes every total from them; costreport: the cost
  report as CSV and as an XLSX that recomputes its totals. docs/formats.md describes each file.
"""

from __future__ import annotations

from django.http import HttpResponse

from apps.budgets.exports import detail
from apps.budgets.exports.costreport import (  # noqa: F401 - the module's API
    COST_REPORT_COLUMNS,
    cost_report_markup_rows,
    cost_report_rows,
    cost_report_workbook,
    write_cost_report_csv,
)
from apps.budgets.exports.workbook import LINES, TOP, budget_workbook
from apps.budgets.models import BudgetVersion, DetailLine
from apps.budgets.queries import CostReport, TopSheet
from apps.core.exports import csv_bytes, csv_response, workbook_response, zip_response

TOP_SHEET_COLUMNS = ["section", "number", "name", "subtotal", "fringes", "total"]


def detail_lines(version: BudgetVersion):
    """Every line of the version in print order, with its account and fringes (the PDF's)."""
    return (
        DetailLine.objects.filter(budget_version=version)
        .select_related("account")
        .prefetch_related("fringes")
        .order_by("account__category__position", "account__position", "position", "id")
    )


# --- Top sheet ----------------------------------------------------------------------------------


def top_sheet_rows(sheet: TopSheet) -> list[list]:
    rows = []
    for section in sheet.sections:
        for cat in section.children:
            rows.append(
                [section.number, cat.number, cat.name, cat.subtotal, cat.fringes, cat.total]
            )
    return rows


def top_sheet_response(sheet: TopSheet, fmt: str, filename: str) -> HttpResponse:
    if fmt == "xlsx":
        book = budget_workbook(detail.detail_data(sheet.version), first=TOP)
        return workbook_response(book, filename)
    rows = top_sheet_rows(sheet)
    rows.append(
        [
            "",
            "",
            "Budget (lines + fringes)",
            sheet.totals.budget.subtotal,
            sheet.totals.budget.fringes,
            sheet.budget_total,
        ]
    )
    rows += [["", "", m.name, "", "", amount] for m, amount in sheet.markups]
    rows.append(["", "", "Grand total", "", "", sheet.grand_total])
    return csv_response(filename, TOP_SHEET_COLUMNS, rows)


# --- Detail -------------------------------------------------------------------------------------


def detail_files(version: BudgetVersion) -> dict[str, bytes]:
    """The detail as CSV files, by name: what the budget import reads back whole."""
    data = detail.detail_data(version)
    return {
        "lines.csv": csv_bytes(detail.line_header(data), detail.line_rows(data)),
        "accounts.csv": csv_bytes(detail.ACCOUNT_COLUMNS, detail.account_rows(data)),
        "globals.csv": csv_bytes(detail.GLOBAL_COLUMNS, detail.global_rows(data)),
        "fringes.csv": csv_bytes(detail.FRINGE_COLUMNS, detail.fringe_rows(data)),
        "markups.csv": csv_bytes(detail.MARKUP_COLUMNS, detail.markup_rows(data)),
    }


def detail_response(version: BudgetVersion, fmt: str, filename: str) -> HttpResponse:
    """XLSX: the budget workbook, open on its lines. CSV: a ZIP of the detail's CSV files."""
    if fmt == "xlsx":
        book = budget_workbook(detail.detail_data(version), first=LINES)
        return workbook_response(book, filename)
    return zip_response(filename, detail_files(version))


# --- Cost report --------------------------------------------------------------------------------


def cost_report_response(report: CostReport, fmt: str, filename: str) -> HttpResponse:
    if fmt == "xlsx":
        return workbook_response(cost_report_workbook(report), filename)
    return csv_response(
        filename,
        COST_REPORT_COLUMNS,
        [*cost_report_rows(report), *cost_report_markup_rows(report)],
    )
