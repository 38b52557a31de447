"""The budget workbook: one XLSX that recomputes every total of a version from its lines.

Sheets (the detail export opens on Lines, the top sheet export on Top sheet; both hold all):

- Lines: one row per line. amount, x and rate are live formulas over the Globals sheet
  (``=ROUND((Globals!$B$3+2),6)``, as the app stores a quantity to 6 places) or plain numbers;
  total is ``=ROUND(amount*x*rate*exchange_rate, places)``; each fringe's column is that fringe
  on the line (``=ROUND(MIN(total, cutoff)*rate/100, places)``, a flat one ``rate*amount*x``),
  reading its rate and cutoff on the Fringes sheet; fringe_total sums them. The typed formulas
  are kept as text in amount_formula, x_formula and rate_formula, which the import reads.
- Accounts: each account's subtotal and fringes, the SUM of its lines' rows.
- Top sheet: each category the SUM of its accounts' rows, each section the SUM of its categories,
  the budget (lines + fringes), each markup as ROUND(base x its percentage cell / 100), the base
  being the totals of its sections, and the grand total.
- Globals, Fringes, Markups: the version's settings, as the import reads them.

Money is rounded where the app rounds it (at the line, each fringe amount, each markup) and summed
unrounded after, so a spreadsheet that recalculates agrees with the app to the cent.
"""

from __future__ import annotations

from decimal import Decimal

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from apps.budgets import engine
from apps.budgets.engine.spreadsheet import spreadsheet_formula
from apps.budgets.exports import detail as tables
from apps.budgets.models import Fringe
from apps.budgets.queries import TopSheet
from apps.core.exports import TOTAL_FONT, Formula, append_row, finish_sheet
from apps.core.money import minor_units

LINES, ACCOUNTS, TOP, GLOBALS, FRINGES, MARKUPS = (
    "Lines",
    "Accounts",
    "Top sheet",
    "Globals",
    "Fringes",
    "Markups",
)
TOP_COLUMNS = ["section", "number", "name", "subtotal", "fringes", "total", "percent", "base"]
BUDGET_ROW = "Budget (lines + fringes)"
GRAND_TOTAL_ROW = "Grand total"
FIRST_FRINGE_COLUMN = len(tables.LINE_COLUMNS) + 1  # S


def _sum(column: str, first: int, last: int, sheet: str = "") -> Formula | int:
    """The SUM of rows first..last of a column, or 0 when there are none."""
    if last < first:
        return 0
    prefix = f"{_quoted(sheet)}!" if sheet else ""
    return Formula(f"=SUM({prefix}{column}{first}:{column}{last})")


def _quoted(sheet: str) -> str:
    return f"'{sheet}'" if " " in sheet else sheet


def _bold_last(ws: Worksheet) -> None:
    for cell in ws[ws.max_row]:
        cell.font = TOTAL_FONT


class BudgetWorkbook:
    """Writes the sheets of one version; each sheet remembers where its rows went so the sheets
    after it can point at them."""

    def __init__(self, data: tables.DetailData) -> None:
        self.data = data
        self.places = minor_units(data.currency)
        self.book = Workbook()
        self.book.remove(self.book.active)
        self.sheets = {name: self.book.create_sheet(name) for name in (LINES, ACCOUNTS, TOP)}
        for name in (GLOBALS, FRINGES, MARKUPS):
            self.sheets[name] = self.book.create_sheet(name)
        self.global_cells = {
            g.name: f"{GLOBALS}!$B${row}" for row, g in enumerate(data.globals, start=2)
        }
        self.fringe_rows = {f.code: row for row, f in enumerate(data.fringes, start=2)}
        self.markup_rows = {m.pk: row for row, m in enumerate(data.markups, start=2)}
        self.account_ranges: list[tuple[int, int]] = []  # Lines rows of each account, in order
        self.top_rows: dict[str, int] = {}  # section code -> its total row on the top sheet
        self.markup_top_rows: dict[int, int] = {}  # markup id -> its row on the top sheet

    def build(self, first: str) -> Workbook:
        self.lines()
        self.accounts()
        self.top_sheet()
        self.globals()
        self.fringes()
        self.markups()
        self.book.move_sheet(self.sheets[first], offset=-self.book.index(self.sheets[first]))
        self.book.active = 0
        return self.book

    # --- Lines and accounts ---------------------------------------------------------------------

    def quantity(self, text: str, stored: Decimal):
        """A typed quantity as a live formula over the globals, or its number."""
        try:
            value = spreadsheet_formula(text, self.global_cells)
        except engine.FormulaError:
            return tables.number(stored)  # a formula the version can no longer read: its value
        return Formula(value) if isinstance(value, str) else tables.number(stored)

    def fringe_formula(self, fringe: Fringe, r: int) -> Formula:
        row = self.fringe_rows[fringe.code]
        rate = f"{FRINGES}!$D${row}"
        if fringe.kind == Fringe.Kind.FLAT:
            return Formula(f"=ROUND({rate}*G{r}*I{r},{self.places})")
        base = f"M{r}" if fringe.cutoff is None else f"MIN(M{r},{FRINGES}!$E${row})"
        return Formula(f"=ROUND({base}*{rate}/100,{self.places})")

    def lines(self) -> None:
        ws, data = self.sheets[LINES], self.data
        append_row(ws, tables.line_header(data))
        count = len(data.fringes)
        last_fringe = get_column_letter(FIRST_FRINGE_COLUMN + count - 1)
        first_fringe = get_column_letter(FIRST_FRINGE_COLUMN)
        for item in data.accounts:
            first = ws.max_row + 1
            for line in item.lines:
                r = ws.max_row + 1
                on_line = set(tables.line_fringe_codes(data, line))
                cells = tables.line_cells(data, item, line)
                cells[6] = self.quantity(line.amount_formula, line.amount)
                cells[8] = self.quantity(line.x_formula, line.x)
                cells[9] = self.quantity(line.rate_formula, line.rate)
                append_row(
                    ws,
                    [
                        *cells,
                        Formula(f"=ROUND(G{r}*I{r}*J{r}*L{r},{self.places})"),
                        ";".join(tables.line_fringe_codes(data, line)),
                        Formula(f"=SUM({first_fringe}{r}:{last_fringe}{r})") if count else 0,
                        line.amount_formula,
                        line.x_formula,
                        line.rate_formula,
                        *(
                            self.fringe_formula(f, r) if f.code in on_line else None
                            for f in data.fringes
                        ),
                    ],
                )
            self.account_ranges.append((first, ws.max_row))
        money = [13, 15, *range(FIRST_FRINGE_COLUMN, FIRST_FRINGE_COLUMN + count)]
        finish_sheet(ws, currency=data.currency, money_columns=money)

    def accounts(self) -> None:
        ws = self.sheets[ACCOUNTS]
        append_row(ws, tables.ACCOUNT_COLUMNS)
        for item, (first, last) in zip(self.data.accounts, self.account_ranges, strict=True):
            r = ws.max_row + 1
            append_row(
                ws,
                [
                    *tables.account_cells(item),
                    _sum("M", first, last, LINES),
                    _sum("O", first, last, LINES),
                    Formula(f"=G{r}+H{r}"),
                ],
            )
        finish_sheet(ws, currency=self.data.currency, money_columns=[7, 8, 9])

    # --- Top sheet ------------------------------------------------------------------------------

    def top_sheet(self) -> None:
        ws, sheet = self.sheets[TOP], self.data.sheet
        append_row(ws, TOP_COLUMNS)
        account_row = 2  # the Accounts sheet's rows follow the same order
        for section in sheet.sections:
            first = ws.max_row + 1
            for category in section.children:
                r = ws.max_row + 1
                last_account = account_row + len(category.children) - 1
                append_row(
                    ws,
                    [
                        section.number,
                        category.number,
                        category.name,
                        _sum("G", account_row, last_account, ACCOUNTS),
                        _sum("H", account_row, last_account, ACCOUNTS),
                        Formula(f"=D{r}+E{r}"),
                    ],
                )
                account_row = last_account + 1
            r = ws.max_row + 1
            append_row(
                ws,
                [
                    section.number,
                    "",
                    f"Total {section.name}",
                    _sum("D", first, r - 1),
                    _sum("E", first, r - 1),
                    Formula(f"=D{r}+E{r}"),
                ],
            )
            _bold_last(ws)
            self.top_rows[section.number] = r
        self._budget_and_markups(ws, sheet)
        finish_sheet(ws, currency=self.data.currency, money_columns=[4, 5, 6, 8])

    def _budget_and_markups(self, ws: Worksheet, sheet: TopSheet) -> None:
        sections = list(self.top_rows.values())
        budget = ws.max_row + 1
        append_row(
            ws,
            [
                "",
                "",
                BUDGET_ROW,
                Formula("=" + "+".join(f"D{r}" for r in sections)),
                Formula("=" + "+".join(f"E{r}" for r in sections)),
                Formula(f"=D{budget}+E{budget}"),
            ],
        )
        _bold_last(ws)
        for markup in self.data.markups:
            r = ws.max_row + 1
            applied = [self.top_rows[code] for code in markup.sections if code in self.top_rows]
            base = Formula("=" + "+".join(f"F{row}" for row in applied)) if applied else 0
            append_row(
                ws,
                [
                    "",
                    "",
                    markup.name,
                    "",
                    "",
                    Formula(f"=ROUND(H{r}*G{r}/100,{self.places})"),
                    Formula(f"={MARKUPS}!B{self.markup_rows[markup.pk]}"),
                    base,
                ],
            )
            self.markup_top_rows[markup.pk] = r
        rows = [budget, *self.markup_top_rows.values()]
        append_row(
            ws,
            ["", "", GRAND_TOTAL_ROW, "", "", Formula("=" + "+".join(f"F{r}" for r in rows))],
        )
        _bold_last(ws)

    # --- Settings -------------------------------------------------------------------------------

    def globals(self) -> None:
        ws = self.sheets[GLOBALS]
        append_row(ws, tables.GLOBAL_COLUMNS)
        for item in self.data.globals:
            value = self.quantity(item.formula, item.value) if item.formula else None
            value = tables.number(item.value) if value is None else value
            append_row(ws, [item.name, value, item.formula, item.description])
        finish_sheet(ws)

    def fringes(self) -> None:
        ws = self.sheets[FRINGES]
        append_row(ws, tables.FRINGE_COLUMNS)
        last = self.sheets[LINES].max_row
        for index, fringe in enumerate(self.data.fringes):
            column = get_column_letter(FIRST_FRINGE_COLUMN + index)
            append_row(ws, [*tables.fringe_cells(fringe), _sum(column, 2, last, LINES)])
        finish_sheet(ws, currency=self.data.currency, money_columns=[5, 6])

    def markups(self) -> None:
        ws = self.sheets[MARKUPS]
        append_row(ws, tables.MARKUP_COLUMNS)
        for markup in self.data.markups:
            top = f"={_quoted(TOP)}!F{self.markup_top_rows[markup.pk]}"
            append_row(ws, [*tables.markup_cells(markup), Formula(top)])
        finish_sheet(ws, currency=self.data.currency, money_columns=[4])


def budget_workbook(data: tables.DetailData, first: str = LINES) -> Workbook:
    return BudgetWorkbook(data).build(first)
