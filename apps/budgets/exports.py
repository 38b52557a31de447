"""Budget exports: CSV (values), XLSX (values plus the spreadsheet's own formulas) and PDF.

In XLSX every total is written twice: as the app's value, and in the next column as a formula
(=ROUND(B2*D2*E2*F2,2), =SUM(...)) over the cells of the sheet, so a reader can check that the
spreadsheet recomputes the same totals to the cent.
"""

from __future__ import annotations

from django.http import HttpResponse
from openpyxl import Workbook

from apps.budgets import engine
from apps.budgets.models import BudgetVersion, DetailLine
from apps.budgets.queries import CostReport, TopSheet
from apps.core.exports import Formula, append_row, csv_response, csv_writer, workbook_response
from apps.core.money import minor_units, round_money

COST_REPORT_COLUMNS = [
    "account_number",
    "account_name",
    "budget",
    "actual",
    "committed",
    "etc",
    "efc",
    "variance",
]


# --- Top sheet ------------------------------------------------------------------------------


def top_sheet_rows(sheet: TopSheet) -> list[list]:
    rows = []
    for section in sheet.sections:
        for cat in section.children:
            rows.append(
                [section.number, cat.number, cat.name, cat.subtotal, cat.fringes, cat.total]
            )
    return rows


def top_sheet_workbook(sheet: TopSheet) -> Workbook:
    """Columns: section, number, name, subtotal (D), fringes (E), total (F), F check =D+E (G).
    Then a budget row (=SUM), one row per markup and the grand total (=SUM)."""
    book = Workbook()
    ws = book.active
    ws.title = "Top sheet"
    append_row(ws, ["section", "number", "name", "subtotal", "fringes", "total", "total (formula)"])
    rows = top_sheet_rows(sheet)
    for i, row in enumerate(rows, start=2):
        append_row(ws, [*row, Formula(f"=D{i}+E{i}")])
    last = len(rows) + 1
    budget_row = last + 1
    append_row(
        ws,
        [
            "",
            "",
            "Budget (lines + fringes)",
            sheet.totals.budget.subtotal,
            sheet.totals.budget.fringes,
            sheet.budget_total,
            Formula(f"=SUM(F2:F{last})"),
        ],
    )
    for markup, amount in sheet.markups:
        r = ws.max_row + 1
        sections = sorted(markup.sections)
        # The markup's base: the categories of its sections.
        base = "+".join(f'SUMIF(A2:A{last},"{code}",F2:F{last})' for code in sections) or "0"
        append_row(
            ws,
            [
                "",
                "",
                f"{markup.name} {markup.percent.normalize():f}%",
                "",
                "",
                amount,
                Formula(
                    f"=ROUND(({base})*{markup.percent.normalize():f}/100,{minor_units(sheet.version.currency)})"
                ),
            ],
        )
        ws.cell(row=r, column=8, value=markup.percent)
    grand = ws.max_row + 1
    append_row(
        ws,
        [
            "",
            "",
            "Grand total",
            "",
            "",
            sheet.grand_total,
            Formula(f"=SUM(F{budget_row}:F{grand - 1})"),
        ],
    )
    return book


def top_sheet_response(sheet: TopSheet, fmt: str, filename: str) -> HttpResponse:
    if fmt == "xlsx":
        return workbook_response(top_sheet_workbook(sheet), filename)
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
    return csv_response(
        filename, ["section", "number", "name", "subtotal", "fringes", "total"], rows
    )


# --- Detail ---------------------------------------------------------------------------------

DETAIL_COLUMNS = [
    "account_number",
    "account_name",
    "description",
    "amount",
    "units",
    "x",
    "rate",
    "exchange_rate",
    "fringes",
    "total",
    "fringe_total",
]


def detail_lines(version: BudgetVersion):
    return (
        DetailLine.objects.filter(budget_version=version)
        .select_related("account")
        .prefetch_related("fringes")
        .order_by("account__category__position", "account__position", "position", "id")
    )


def detail_rows(version: BudgetVersion) -> list[list]:
    currency = version.currency
    return [
        [
            line.account.number,
            line.account.name,
            line.description,
            line.amount,
            line.get_units_display(),
            line.x,
            line.rate,
            line.exchange_rate,
            ";".join(f.code for f in line.fringes.all()),
            # The column holds 3 places for every currency; the file shows the currency's own.
            round_money(line.total, currency),
            round_money(line.fringe_total, currency),
        ]
        for line in detail_lines(version)
    ]


def detail_workbook(version: BudgetVersion) -> Workbook:
    """Amount D, x F, rate G, exchange H, total J; K fringes; L = ROUND(D*F*G*H, places)."""
    places = minor_units(version.currency)
    book = Workbook()
    ws = book.active
    ws.title = "Detail"
    append_row(ws, [*DETAIL_COLUMNS, "total (formula)"])
    rows = detail_rows(version)
    for i, row in enumerate(rows, start=2):
        append_row(ws, [*row, Formula(f"=ROUND(D{i}*F{i}*G{i}*H{i},{places})")])
    last = len(rows) + 1
    append_row(
        ws,
        [
            "",
            "",
            "Total",
            "",
            "",
            "",
            "",
            "",
            "",
            engine.money_sum((r[9] for r in rows), round_money(0, version.currency)),
            engine.money_sum((r[10] for r in rows), round_money(0, version.currency)),
            Formula(f"=SUM(J2:J{last})"),
        ],
    )
    return book


def detail_response(version: BudgetVersion, fmt: str, filename: str) -> HttpResponse:
    if fmt == "xlsx":
        return workbook_response(detail_workbook(version), filename)
    return csv_response(filename, DETAIL_COLUMNS, detail_rows(version))


# --- Cost report ----------------------------------------------------------------------------


def cost_report_rows(report: CostReport) -> list[list]:
    return [
        [r.number, r.name, r.budget, r.actual, r.committed, r.etc, r.efc, r.variance]
        for r in [*report.accounts, *report.unbudgeted]
    ]


def cost_report_markup_rows(report: CostReport) -> list[list]:
    """After the accounts: each markup, then the total with markups (the top sheet's grand
    total)."""
    rows = [*report.markups, report.with_markups] if report.with_markups else []
    return [
        [r.number, r.name, r.budget, r.actual, r.committed, r.etc, r.efc, r.variance] for r in rows
    ]


def cost_report_workbook(report: CostReport) -> Workbook:
    """Values in A-H; I = D+E+F (EFC) and J = C-G (variance) as formulas; a SUM total row."""
    book = Workbook()
    ws = book.active
    ws.title = "Cost report"
    append_row(ws, [*COST_REPORT_COLUMNS, "efc (formula)", "variance (formula)"])
    rows = cost_report_rows(report)
    for i, row in enumerate(rows, start=2):
        append_row(ws, [*row, Formula(f"=D{i}+E{i}+F{i}"), Formula(f"=C{i}-G{i}")])
    last = len(rows) + 1
    total = report.total
    append_row(
        ws,
        [
            "",
            "Total",
            total.budget,
            total.actual,
            total.committed,
            total.etc,
            total.efc,
            total.variance,
            Formula(f"=SUM(G2:G{last})"),
            Formula(f"=SUM(H2:H{last})"),
        ],
    )
    if report.with_markups is not None:
        # The markups and the total with them (the top sheet's grand total) on a sheet of their
        # own, so the cost sheet's SUMs stay over accounts only.
        markups = book.create_sheet("With markups")
        append_row(markups, [*COST_REPORT_COLUMNS, "efc (formula)", "variance (formula)"])
        append_row(
            markups,
            ["", total.name, total.budget, total.actual, total.committed, total.etc, total.efc]
            + [total.variance],
        )
        for row in cost_report_markup_rows(report)[:-1]:
            append_row(markups, row)
        end = markups.max_row
        for i in range(2, end + 1):
            markups.cell(row=i, column=9, value=Formula(f"=D{i}+E{i}+F{i}"))
            markups.cell(row=i, column=10, value=Formula(f"=C{i}-G{i}"))
        append_row(
            markups,
            [
                *cost_report_markup_rows(report)[-1],
                Formula(f"=SUM(G2:G{end})"),
                Formula(f"=SUM(H2:H{end})"),
            ],
        )
    return book


def write_cost_report_csv(report: CostReport, stream) -> None:
    writer = csv_writer(stream)
    writer.writerow(COST_REPORT_COLUMNS)
    writer.writerows(cost_report_rows(report))
    writer.writerows(cost_report_markup_rows(report))


def cost_report_response(report: CostReport, fmt: str, filename: str) -> HttpResponse:
    if fmt == "xlsx":
        return workbook_response(cost_report_workbook(report), filename)
    return csv_response(
        filename,
        COST_REPORT_COLUMNS,
        [*cost_report_rows(report), *cost_report_markup_rows(report)],
    )
