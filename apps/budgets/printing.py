"""Budget documents as printed: the cost report and the budget detail as the lines of a ledger.

WeasyPrint lays out every table cell on its own (a style, a box, a text layout, a border), and a
cost report of 270 rows by 9 columns spent most of its 4 s doing so. Printed here, a row is one
line of a monospaced font: the account, its name, and its figures, each right-aligned in a
column as wide as the widest value it holds. One cell a row instead of nine, the same values
(pdftotext reads them back separated by spaces).

What a reader needs besides the figures is written in words, never left to colour alone: a
variance says "over" or "under"; the detail names every account and category it totals.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from apps.budgets import engine, exports
from apps.budgets.models import BudgetVersion, Fringe, Markup, Section
from apps.budgets.queries import CostReport, CostRow, TopSheet, top_sheet
from apps.budgets.queries.periods import report_rows
from apps.core.documents import Heading
from apps.core.money import format_amount, minor_units
from apps.productions.models import Production

FIGURES = ("Budget", "Actual", "Committed", "ETC", "EFC", "Variance", "% spent")
GAP = 2  # spaces between two columns
INDENT = "  "  # an account's name under its category's


@dataclass(frozen=True)
class PrintedRow:
    level: str  # how the line is banded: section, category, account, total, markup (a "head" class
    # marks a heading the next line stays with)
    number: str
    over: bool
    text: str  # the whole line: number, name, figures


@dataclass(frozen=True)
class PrintedLedger:
    heading: str  # the columns' titles, aligned like the values under them
    rows: list[PrintedRow]


def variance_words(variance: Decimal, currency: str) -> str:
    """A variance as a reader takes it in, red or not: "(1,250.00) over", "250.00 under", or
    "0.00"; the digits of every kind line up when right-aligned."""
    amount = format_amount(abs(variance), currency)
    if variance < 0:
        return f"({amount}) over "
    if variance > 0:
        return f"{amount}  under"
    return f"{amount}       "


def _figures(row: CostRow, currency: str) -> list[str]:
    amounts = (row.budget, row.actual, row.committed, row.etc, row.efc)
    spent = row.percent_spent
    return [
        *(format_amount(a, currency) for a in amounts),
        variance_words(row.variance, currency),
        "" if spent is None else f"{spent}%",
    ]


def _name(row: CostRow) -> str:
    return f"{INDENT}{row.name}" if row.level == "account" else row.name


def printed_cost_report(
    report: CostReport, *, more_titles: tuple[str, ...] = (), more=None
) -> PrintedLedger:
    """`more(row)`: the figures of `more_titles`, after the report's own (a closed period's
    previous EFC and change)."""
    currency = report.version.currency
    rows = report_rows(report)
    cells = [
        [row.number, _name(row), *_figures(row, currency), *(more(row) if more else ())]
        for row in rows
    ]
    titles = ("Acct", "Name", *FIGURES, *more_titles)
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
    return PrintedLedger(heading=line(titles), rows=printed)


def printed_period(report: CostReport) -> PrintedLedger:
    """A closed period's report: the cost report's ledger with the previous period's EFC and
    the change this period, each note written on the lines under its row."""
    currency = report.version.currency

    def more(row) -> list[str]:
        if row.previous_efc is None:
            return ["", ""]
        return [format_amount(row.previous_efc, currency), signed_words(row.change, currency)]

    ledger = printed_cost_report(report, more_titles=("Prev EFC", "Change"), more=more)
    width = len(ledger.heading)
    notes = {row.key: row.note for row in report_rows(report) if row.note}
    keys = [row.key for row in report_rows(report)]
    rows = []
    for key, printed in zip(keys, ledger.rows, strict=True):
        rows.append(printed)
        if key in notes:
            indent = " " * 8
            wrapped = [
                indent + part
                for paragraph in f"Note: {notes[key]}".splitlines()
                for part in (textwrap.wrap(paragraph, max(40, width - len(indent))) or [""])
            ]
            rows.append(PrintedRow("note", printed.number, False, "\n".join(wrapped)))
    return PrintedLedger(heading=ledger.heading, rows=rows)


def signed_words(amount: Decimal, currency: str) -> str:
    """A change as words: "+1,250.00", "-250.00", or "0.00"."""
    text = format_amount(abs(amount), currency)
    return f"+{text}" if amount > 0 else f"-{text}" if amount < 0 else text


# --- The budget detail --------------------------------------------------------------------------

DETAIL_COLUMNS = (
    "Acct",
    "Description",
    "Amount",
    "Units",
    "X",
    "Rate",
    "Fringe codes",
    "Subtotal",
    "Fringes",
    "Total",
)
RIGHT = {2, 4, 5, 7, 8, 9}  # the columns of numbers
FIGURES_FROM = 7  # subtotal, fringes, total: the columns every total row fills
DESCRIPTION_WIDTH = 48  # longer descriptions wrap onto the lines below, in their own column


def rate_words(rate: Decimal, currency: str) -> str:
    """A rate as money: 85,000.00 in USD, 85,000 in JPY, and the finer places a rate may have
    (12.3456)."""
    places = max(minor_units(currency), -min(0, rate.normalize().as_tuple().exponent))
    return f"{rate:,.{places}f}"


def _line_cells(line, currency: str) -> list[str]:
    rate = rate_words(line.rate, line.currency)
    if line.currency != currency:  # converted at the line's exchange rate into the total
        rate += f" {line.currency}"
    return [
        line.account.number,
        line.description,
        f"{line.amount.normalize():,f}",
        line.get_units_display(),
        f"{line.x.normalize():,f}",
        rate,
        " ".join(f.code for f in line.fringes.all()),
        *_money(currency, line.total, line.fringe_total, line.total + line.fringe_total),
    ]


def _money(currency: str, *amounts: Decimal | None) -> list[str]:
    return ["" if a is None else format_amount(a, currency) for a in amounts]


@dataclass(frozen=True)
class _Line:
    cells: list[str]


@dataclass(frozen=True)
class _Label:
    """A heading or a total: words across the description's columns, then its figures."""

    level: str
    number: str
    words: str
    figures: tuple[str, str, str] = ("", "", "")


def _fringe_words(fringe: Fringe, currency: str) -> str:
    if fringe.kind == Fringe.Kind.FLAT:
        return f"{fringe.code}  {fringe.name}: {rate_words(fringe.rate, currency)} a unit"
    cutoff = f", up to {format_amount(fringe.cutoff, currency)} a line" if fringe.cutoff else ""
    return f"{fringe.code}  {fringe.name}: {engine.plain_number(fringe.rate)}%{cutoff}"


def markup_words(markup: Markup) -> str:
    sections = ", ".join(Section(code).label for code in markup.sections if code in Section.values)
    return f"{markup.name}: {engine.plain_number(markup.percent)}% of {sections or 'nothing'}"


def _detail_plan(sheet: TopSheet, lines) -> list[_Line | _Label]:
    """Every line under its account and category, each of them named and totalled, the
    sections' totals, the fringes, the budget, the markups and the grand total."""
    currency = sheet.version.currency
    by_account: dict[int, list] = defaultdict(list)
    for line in lines:
        by_account[line.account_id].append(line)
    plan: list[_Line | _Label] = []

    def total(level: str, words: str, row) -> _Label:
        figures = _money(currency, row.subtotal, row.fringes, row.total)
        return _Label(level, "", words, tuple(figures))

    for section in sheet.sections:
        categories = [c for c in section.children if any(a.id in by_account for a in c.children)]
        if not categories:
            continue
        plan.append(_Label("section head", "", section.name))
        for category in categories:
            plan.append(_Label("category head", category.number, category.name))
            for account in category.children:
                if account.id not in by_account:
                    continue
                plan.append(_Label("head", account.number, account.name))
                plan.extend(_Line(_line_cells(line, currency)) for line in by_account[account.id])
                plan.append(total("subtotal", f"Total {account.number} {account.name}", account))
            plan.append(total("category", f"Total {category.number} {category.name}", category))
        plan.append(total("section", f"Total {section.name}", section))
    plan.append(_Label("category head", "", "Fringes"))
    for fringe, amount in sheet.fringes:
        plan.append(
            _Label("", "", _fringe_words(fringe, currency), ("", *_money(currency, amount), ""))
        )
    budget = sheet.totals.budget
    plan.append(total("total", "Budget (lines + fringes)", budget))
    for markup, amount in sheet.markups:
        plan.append(_Label("markup", "", markup_words(markup), ("", "", *_money(currency, amount))))
    grand = ("", "", *_money(currency, sheet.grand_total))
    plan.append(_Label("grand", "", f"Grand total ({currency}, with markups)", grand))
    return plan


def printed_detail(sheet: TopSheet, lines) -> PrintedLedger:
    """The budget detail as ledger lines: the figures right-aligned, a long description wrapped
    within its column, the words of a heading or a total across the description's columns."""
    plan = _detail_plan(sheet, lines)
    cells = [item.cells for item in plan if isinstance(item, _Line)]
    labels = [item for item in plan if isinstance(item, _Label)]
    widths = [
        max(len(title), *(len(values[i]) for values in cells), 0)
        for i, title in enumerate(DETAIL_COLUMNS)
    ]
    widths[0] = max(widths[0], *(len(label.number) for label in labels))
    widths[1] = min(widths[1], DESCRIPTION_WIDTH)
    for i in range(FIGURES_FROM, len(DETAIL_COLUMNS)):
        widths[i] = max(widths[i], *(len(label.figures[i - FIGURES_FROM]) for label in labels))
    gap = " " * GAP
    words_width = sum(widths[1:FIGURES_FROM]) + GAP * (FIGURES_FROM - 2)
    indent = " " * (widths[0] + GAP)

    def line_text(values) -> str:
        description = textwrap.wrap(values[1], widths[1]) or [""]
        first = [values[0], description[0], *values[2:]]
        out = [
            gap.join(
                value.rjust(width) if i in RIGHT else value.ljust(width)
                for i, (value, width) in enumerate(zip(first, widths, strict=True))
            ).rstrip()
        ]
        return "\n".join(out + [indent + more for more in description[1:]])

    def label_text(label: _Label) -> str:
        words = textwrap.wrap(label.words, words_width) or [""]
        figures = [f.rjust(w) for f, w in zip(label.figures, widths[FIGURES_FROM:], strict=True)]
        first = gap.join([label.number.ljust(widths[0]), words[0].ljust(words_width), *figures])
        return "\n".join([first.rstrip(), *(indent + more for more in words[1:])])

    rows = [
        PrintedRow("line", item.cells[0], False, line_text(item.cells))
        if isinstance(item, _Line)
        else PrintedRow(item.level, item.number, False, label_text(item))
        for item in plan
    ]
    return PrintedLedger(heading=line_text(list(DETAIL_COLUMNS)), rows=rows)


def detail_document(production: Production, version_id: int) -> tuple[str, dict]:
    """The budget detail PDF's template and context: every line of a version as a ledger line
    (thousands on a real budget, so the worker builds it; see apps/productions/documents.py)."""
    version = BudgetVersion.objects.select_related("budget").get(
        production=production, pk=version_id
    )
    printed = printed_detail(top_sheet(version), exports.detail_lines(version))
    return "budgets/detail_pdf.html", {
        "version": version,
        "printed": printed,
        "heading": version_heading("Budget detail", version),
    }


def version_heading(document: str, version: BudgetVersion) -> Heading:
    """The letterhead's words for a document of a budget version."""
    version_words = f"{version.budget.name}, version \u201c{version.name}\u201d"
    return Heading(document, version_words, version.get_status_display())
