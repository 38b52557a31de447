"""A version's detail as tables: lines, accounts, globals, fringes and markups.

What the detail export writes (CSV files in a ZIP, or the sheets of the budget workbook) and what
the budget import reads back (apps/budgets/importers): every line with its formulas as they were
typed (``amount_formula``: ``SHOOT_WEEKS + 2``), beside what they work out to (``amount``: 7), its
currency and exchange rate, its fringes by code and each fringe's amount on it. docs/formats.md
describes every column.

Rows come in top sheet order (section, category, account, line) from one read of the version
(`DetailData`), so the workbook's subtotals are sums of contiguous rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from apps.budgets import engine, models
from apps.budgets.importers.common import PLACE_COLUMNS
from apps.budgets.queries import TopSheet, top_sheet
from apps.budgets.queries.topsheet import Row
from apps.core.money import round_money

LINE_COLUMNS = [
    "section",
    *PLACE_COLUMNS,
    "description",
    "amount",
    "units",
    "x",
    "rate",
    "currency",
    "exchange_rate",
    "total",
    "fringes",
    "fringe_total",
    "amount_formula",
    "x_formula",
    "rate_formula",
]  # then one "fringe CODE" column per fringe of the version: its amount on the line
ACCOUNT_COLUMNS = [
    "section",
    *PLACE_COLUMNS,
    "default_fringes",
    "subtotal",
    "fringes",
    "total",
]
GLOBAL_COLUMNS = ["name", "value", "formula", "description"]
FRINGE_COLUMNS = ["code", "name", "kind", "rate", "cutoff", "total"]
MARKUP_COLUMNS = ["name", "percent", "applies_to", "amount"]


def fringe_column(code: str) -> str:
    return f"fringe {code}"


def number(value: Decimal) -> Decimal:
    """A stored quantity as the number a person typed (7.000000 is 7, 1250.500000 is 1250.5)."""
    return Decimal(engine.plain_number(value))


@dataclass
class AccountLines:
    section: Row
    category: Row
    account: Row
    lines: list[models.DetailLine]
    default_fringes: list[str]


@dataclass
class DetailData:
    """One read of a version: its top sheet (every kept total), its lines in order, each line's
    fringe amounts by code, its globals, fringes and markups."""

    version: models.BudgetVersion
    sheet: TopSheet
    accounts: list[AccountLines]
    amounts: dict[int, dict[str, Decimal]]  # line id -> fringe code -> amount on the line
    globals: list[models.Global]
    fringes: list[models.Fringe]
    markups: list[models.Markup] = field(default_factory=list)

    @property
    def currency(self) -> str:
        return self.version.currency

    def money(self, value: Decimal) -> Decimal:
        return round_money(value, self.currency)


def detail_data(version: models.BudgetVersion) -> DetailData:
    """Queries: the top sheet's 5, lines, their fringe amounts, account default fringes, globals
    (9, whatever the size)."""
    sheet = top_sheet(version)
    fringes = [fringe for fringe, _ in sheet.fringes]
    codes = {fringe.id: fringe.code for fringe in fringes}
    lines: dict[int, list[models.DetailLine]] = defaultdict(list)
    for line in models.DetailLine.objects.filter(budget_version=version).order_by("position", "id"):
        lines[line.account_id].append(line)
    amounts: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for line_id, fringe_id, amount in models.LineFringe.objects.filter(
        detailline__budget_version=version
    ).values_list("detailline_id", "fringe_id", "amount"):
        amounts[line_id][codes[fringe_id]] = amount
    defaults: dict[int, list[str]] = defaultdict(list)
    for account_id, fringe_id in models.Account.fringes.through.objects.filter(
        account__budget_version=version
    ).values_list("account_id", "fringe_id"):
        defaults[account_id].append(codes[fringe_id])
    accounts = [
        AccountLines(section, category, account, lines[account.id], sorted(defaults[account.id]))
        for section in sheet.sections
        for category in section.children
        for account in category.children
    ]
    return DetailData(
        version=version,
        sheet=sheet,
        accounts=accounts,
        amounts=amounts,
        globals=list(models.Global.objects.filter(budget_version=version).order_by("name")),
        fringes=fringes,
        markups=[markup for markup, _ in sheet.markups],
    )


# --- The tables as values (the CSV files) -------------------------------------------------------


def line_header(data: DetailData) -> list[str]:
    return [*LINE_COLUMNS, *(fringe_column(f.code) for f in data.fringes)]


def _place(item: AccountLines) -> list:
    """section and PLACE_COLUMNS: where a line or an account goes."""
    section, category, account = item.section, item.category, item.account
    return [section.number, category.number, category.name, account.number, account.name]


def line_cells(data: DetailData, item: AccountLines, line: models.DetailLine) -> list:
    """The line's cells up to ``total`` (A-L): where it is, what was typed, what it works out
    to."""
    return [
        *_place(item),
        line.description,
        number(line.amount),
        line.get_units_display(),
        number(line.x),
        number(line.rate),
        line.currency,
        number(line.exchange_rate),
    ]


def line_fringe_codes(data: DetailData, line: models.DetailLine) -> list[str]:
    """The line's fringe codes in the version's order (the order of the fringe columns)."""
    on_line = data.amounts.get(line.id, {})
    return [f.code for f in data.fringes if f.code in on_line]


def line_rows(data: DetailData) -> list[list]:
    rows = []
    for item in data.accounts:
        for line in item.lines:
            on_line = data.amounts.get(line.id, {})
            rows.append(
                [
                    *line_cells(data, item, line),
                    data.money(line.total),
                    ";".join(line_fringe_codes(data, line)),
                    data.money(line.fringe_total),
                    line.amount_formula,
                    line.x_formula,
                    line.rate_formula,
                    *(
                        data.money(on_line[f.code]) if f.code in on_line else ""
                        for f in data.fringes
                    ),
                ]
            )
    return rows


def account_cells(item: AccountLines) -> list:
    return [*_place(item), ";".join(item.default_fringes)]


def account_rows(data: DetailData) -> list[list]:
    return [
        [*account_cells(item), item.account.subtotal, item.account.fringes, item.account.total]
        for item in data.accounts
    ]


def global_rows(data: DetailData) -> list[list]:
    return [[g.name, number(g.value), g.formula, g.description] for g in data.globals]


def fringe_cells(fringe: models.Fringe) -> list:
    return [
        fringe.code,
        fringe.name,
        fringe.kind,
        number(fringe.rate),
        "" if fringe.cutoff is None else fringe.cutoff,
    ]


def fringe_rows(data: DetailData) -> list[list]:
    return [[*fringe_cells(f), total] for f, total in data.sheet.fringes]


def markup_cells(markup: models.Markup) -> list:
    return [markup.name, number(markup.percent), ";".join(markup.sections)]


def markup_rows(data: DetailData) -> list[list]:
    return [[*markup_cells(m), amount] for m, amount in data.sheet.markups]
