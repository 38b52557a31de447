"""The hot cost as CSV (values) and XLSX (live formulas: each over/under, the totals and the
running total are formulas over the amounts, so the sheet stays right when someone edits it)."""

from __future__ import annotations

from django.http import HttpResponse
from openpyxl import Workbook

from apps.core.exports import (
    Formula,
    append_row,
    csv_response,
    finish_sheet,
    sheet_title,
    workbook_response,
)
from apps.daily_reports.hot.queries import DayPage, SummaryRow

DAY_HEADER = ["Department", "Line", "Kind", "Planned", "Actual", "Over (+) / under (-)"]
DETAIL_HEADER = ["Line", "Side", "Rule", "Hours", "Rate", "Amount"]
SUMMARY_HEADER = [
    "Day",
    "Date",
    "State",
    "Planned labour",
    "Actual labour",
    "Planned other",
    "Actual other",
    "Planned total",
    "Actual total",
    "Over (+) / under (-)",
    "Cumulative over / under (signed days)",
]


def _day_rows(page: DayPage):
    for group in page.groups:
        for line in group.lines:
            yield group.name, line


def day_export(fmt: str, page: DayPage, currency: str, filename: str) -> HttpResponse:
    if fmt != "xlsx":
        rows = [
            [name, line.label, line.get_kind_display(), line.planned, line.actual, line.variance]
            for name, line in _day_rows(page)
        ]
        rows.append(["", "Total", "", page.total.planned, page.total.actual, page.total.variance])
        return csv_response(filename, DAY_HEADER, rows)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title("Hot cost")
    append_row(sheet, DAY_HEADER)
    r = 1
    for name, line in _day_rows(page):
        r += 1
        kind = line.get_kind_display()
        append_row(
            sheet, [name, line.label, kind, line.planned, line.actual, Formula(f"=E{r}-D{r}")]
        )
    last, t = r, r + 1
    append_row(
        sheet,
        [
            "",
            "Total",
            "",
            Formula(f"=SUM(D2:D{last})") if last > 1 else 0,
            Formula(f"=SUM(E2:E{last})") if last > 1 else 0,
            Formula(f"=E{t}-D{t}"),
        ],
    )
    finish_sheet(sheet, currency=currency, money_columns=[4, 5, 6])
    detail = workbook.create_sheet(sheet_title("Pay lines"))
    append_row(detail, DETAIL_HEADER)
    for _, line in _day_rows(page):
        for item in line.detail:
            append_row(
                detail,
                [
                    line.label,
                    item.get("side", ""),
                    item.get("rule", ""),
                    item.get("hours") or "",
                    item.get("rate", ""),
                    item.get("amount", ""),
                ],
            )
    finish_sheet(detail)
    return workbook_response(workbook, filename)


def summary_export(fmt: str, rows: list[SummaryRow], currency: str, filename: str) -> HttpResponse:
    if fmt != "xlsx":
        return csv_response(
            filename,
            SUMMARY_HEADER,
            [
                [
                    str(row.report.shoot_day),
                    row.report.shoot_day.date.isoformat(),
                    row.report.get_state_display(),
                    row.labour.planned,
                    row.labour.actual,
                    row.other.planned,
                    row.other.actual,
                    row.total.planned,
                    row.total.actual,
                    row.total.variance,
                    row.cumulative.variance if row.cumulative else "",
                ]
                for row in rows
            ],
        )
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title("Hot costs")
    append_row(sheet, SUMMARY_HEADER)
    previous = None  # the row of the last signed day, which the running total adds to
    for r, row in enumerate(rows, start=2):
        running = ""
        if row.report.is_signed:
            running = Formula(f"=K{previous}+J{r}" if previous else f"=J{r}")
            previous = r
        append_row(
            sheet,
            [
                str(row.report.shoot_day),
                row.report.shoot_day.date,
                row.report.get_state_display(),
                row.labour.planned,
                row.labour.actual,
                row.other.planned,
                row.other.actual,
                Formula(f"=D{r}+F{r}"),
                Formula(f"=E{r}+G{r}"),
                Formula(f"=I{r}-H{r}"),
                running,
            ],
        )
    last, t = len(rows) + 1, len(rows) + 2
    totals = ["Total", "", ""]
    for column in "DEFGHI":
        totals.append(Formula(f"=SUM({column}2:{column}{last})") if rows else 0)
    append_row(sheet, [*totals, Formula(f"=I{t}-H{t}"), ""])
    finish_sheet(
        sheet,
        currency=currency,
        money_columns=range(4, 12),
        formats={2: "yyyy-mm-dd"},
    )
    return workbook_response(workbook, filename)
