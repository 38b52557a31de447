"""A closed period's cost report as CSV and as an XLSX that recomputes its totals, as the live
report's does (apps/budgets/exports/costreport.py), with three columns more: the previous period's
EFC (a value), the change (``=EFC - previous EFC``) and the closer's note."""

from __future__ import annotations

from django.http import HttpResponse
from openpyxl import Workbook

from apps.budgets.exports.costreport import (
    COST_REPORT_COLUMNS,
    XLSX_COLUMNS,
    CostReportSheet,
)
from apps.budgets.queries import CostReport
from apps.budgets.queries.periods import report_rows
from apps.core.exports import Formula, csv_response, sheet_title, workbook_response

PERIOD_COLUMNS = ["previous_efc", "change", "note"]


class PeriodSheet(CostReportSheet):
    columns = [*XLSX_COLUMNS, *PERIOD_COLUMNS]  # K, L, M
    money_columns = (3, 4, 5, 6, 7, 8, 11, 12)

    def more_cells(self, r: int, row) -> list:
        if row is None:
            return []
        if row.previous_efc is None:
            return [None, None, row.note]
        return [row.previous_efc, Formula(f"=G{r}-K{r}"), row.note]


def period_workbook(report: CostReport, title: str) -> Workbook:
    book = Workbook()
    ws = book.active
    ws.title = sheet_title(title)
    PeriodSheet(report, ws).build()
    return book


def period_response(report: CostReport, fmt: str, filename: str, title: str) -> HttpResponse:
    if fmt == "xlsx":
        return workbook_response(period_workbook(report, title), filename)
    rows = [
        [
            r.number,
            r.name,
            r.budget,
            r.actual,
            r.committed,
            r.etc,
            r.efc,
            r.variance,
            r.previous_efc,
            r.change,
            r.note,
        ]
        for r in report_rows(report)
    ]
    return csv_response(filename, [*COST_REPORT_COLUMNS, *PERIOD_COLUMNS], rows)
