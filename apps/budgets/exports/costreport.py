"""The cost report as CSV (values) and as an XLSX that recomputes its totals.

XLSX, one sheet: each account's budget, actual and committed as values, its ETC as entered or,
when nobody entered one, ``=MAX(0, budget - actual - committed)`` as the app defaults it; EFC is
``=actual + committed + ETC`` and variance ``=budget - EFC`` on every row. After a category's
accounts, its row SUMs them; after a section's categories, its row sums those. Then the accounts
not in the budget, the total before markups, each markup (its budget ROUND(base x its percentage
cell / 100); its EFC the same percentage of its sections' EFC, or for contingency what is left once
the overrun of its sections is drawn from it) and the total with markups.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from apps.budgets.exports.detail import number
from apps.budgets.queries import CostReport, CostRow
from apps.budgets.queries.costreport import CONTINGENCY, MarkupTerms
from apps.core.exports import TOTAL_FONT, Formula, append_row, csv_writer, finish_sheet
from apps.core.money import minor_units

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
XLSX_COLUMNS = [*COST_REPORT_COLUMNS, "percent", "level"]


def cost_report_rows(report: CostReport) -> list[list]:
    return [_values(r) for r in [*report.accounts, *report.unbudgeted]]


def _values(r: CostRow) -> list:
    return [r.number, r.name, r.budget, r.actual, r.committed, r.etc, r.efc, r.variance]


def cost_report_markup_rows(report: CostReport) -> list[list]:
    """After the accounts: each markup, then the total with markups (the top sheet's grand
    total)."""
    rows = [*report.markups, report.with_markups] if report.with_markups else []
    return [_values(r) for r in rows]


def write_cost_report_csv(report: CostReport, stream) -> None:
    writer = csv_writer(stream)
    writer.writerow(COST_REPORT_COLUMNS)
    writer.writerows(cost_report_rows(report))
    writer.writerows(cost_report_markup_rows(report))


class CostReportSheet:
    def __init__(self, report: CostReport, ws: Worksheet) -> None:
        self.report, self.ws = report, ws
        self.places = minor_units(report.version.currency)

    columns = XLSX_COLUMNS

    def more_cells(self, r: int, row: CostRow | None) -> list:
        """Cells after the report's own (a closed period adds its previous EFC and change)."""
        return []

    def row(
        self, number, name, budget, actual, committed, etc, *, level, percent=None, source=None
    ) -> int:
        r = self.ws.max_row + 1
        append_row(
            self.ws,
            [
                number,
                name,
                budget,
                actual,
                committed,
                etc,
                Formula(f"=D{r}+E{r}+F{r}"),
                Formula(f"=C{r}-G{r}"),
                percent,
                level,
                *self.more_cells(r, source),
            ],
        )
        if level != "account":
            for cell in self.ws[r]:
                cell.font = TOTAL_FONT
        return r

    def account(self, account: CostRow) -> int:
        r = self.ws.max_row + 1
        etc = account.etc if account.etc_entered else Formula(f"=MAX(0,C{r}-D{r}-E{r})")
        return self.row(
            account.number,
            account.name,
            account.budget,
            account.actual,
            account.committed,
            etc,
            level="account",
            source=account,
        )

    def total(self, row: CostRow, rows: list[int], level: str) -> int:
        """A row whose budget, actual, committed and ETC are the sums of `rows`."""
        if not rows:
            return self.row(row.number, row.name, 0, 0, 0, 0, level=level, source=row)
        sums = [Formula(f"=SUM({_ranges(column, rows)})") for column in "CDEF"]
        return self.row(row.number, row.name, *sums, level=level, source=row)

    def markup(self, markup: MarkupTerms, row: CostRow, sections: dict[str, int]) -> int:
        r = self.ws.max_row + 1
        applied = [sections[code] for code in markup.sections if code in sections]
        budget_base = "+".join(f"C{s}" for s in applied) or "0"
        budget = Formula(f"=ROUND(({budget_base})*I{r}/100,{self.places})")
        if CONTINGENCY in markup.name.lower():
            over = "+".join(f"(G{s}-C{s})" for s in applied) or "0"
            etc = Formula(f"=C{r}-MIN(C{r},MAX(0,{over}))")
        else:
            efc_base = "+".join(f"G{s}" for s in applied) or "0"
            etc = Formula(f"=ROUND(({efc_base})*I{r}/100,{self.places})")
        return self.row(
            "",
            row.name,
            budget,
            0,
            0,
            etc,
            level="markup",
            percent=number(markup.percent),
            source=row,
        )

    def build(self) -> None:
        report = self.report
        append_row(self.ws, self.columns)
        sections: dict[str, int] = {}
        for section in report.sections:
            categories = []
            for category in section.children:
                accounts = [self.account(account) for account in category.children]
                categories.append(self.total(category, accounts, "category"))
            sections[section.number] = self.total(section, categories, "section")
        unbudgeted = [self.account(account) for account in report.unbudgeted]
        total = self.total(report.total, [*sections.values(), *unbudgeted], "total")
        rows = [
            self.markup(markup, row, sections)
            for markup, row in zip(report.markup_terms, report.markups, strict=True)
        ]
        if report.with_markups is not None:
            self.total(report.with_markups, [total, *rows], "total")
        finish_sheet(self.ws, currency=report.version.currency, money_columns=self.money_columns)

    money_columns = (3, 4, 5, 6, 7, 8)


def _ranges(column: str, rows: list[int]) -> str:
    """Rows 5, 6, 7, 12 of column C as "C5:C7,C12": runs of rows as ranges."""
    runs: list[list[int]] = []
    for r in rows:
        if runs and r == runs[-1][1] + 1:
            runs[-1][1] = r
        else:
            runs.append([r, r])
    return ",".join(f"{column}{a}" if a == b else f"{column}{a}:{column}{b}" for a, b in runs)


def cost_report_workbook(report: CostReport) -> Workbook:
    book = Workbook()
    ws = book.active
    ws.title = "Cost report"
    CostReportSheet(report, ws).build()
    return book
