"""Closed cost report periods read back: the live report as a period's rows (what closing would
store), a closed period as a cost report again, two periods side by side, and the figures the
spend chart draws over the periods.

A period's row is matched with the same row of another period by its key: "account:3307",
"category:3300", "section:PRODUCTION", "markup:<the markup's name>", "total", "with_markups".
"""

from __future__ import annotations

import hashlib
from collections import namedtuple
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import OuterRef, Subquery

from apps.budgets.models import CostPeriod, CostPeriodLine
from apps.budgets.queries.costreport import CostReport, CostRow, MarkupTerms, cost_report
from apps.core.money import round_money
from apps.productions.models import Production

TOTAL_KEY, WITH_MARKUPS_KEY = "total", "with_markups"
NOTED_LEVELS = ("account", "category")  # the lines a closer writes notes on


@dataclass
class PeriodRow(CostRow):
    """A cost report row with what a period adds: its key, the previous period's EFC and the
    closer's note."""

    key: str = ""
    parent: str = ""
    previous_efc: Decimal | None = None
    note: str = ""
    markup: MarkupTerms | None = None

    @property
    def change(self) -> Decimal | None:
        """EFC − the previous period's EFC (None when there is no previous period)."""
        return None if self.previous_efc is None else self.efc - self.previous_efc

    @property
    def changed(self) -> bool:
        return bool(self.change)

    @property
    def noted(self) -> bool:
        """Whether the closer writes a note on this line (its EFC moved)."""
        return self.changed and self.level in NOTED_LEVELS


@dataclass(frozen=True)
class FrozenVersion:
    """What a closed period remembers of the version it reported on."""

    name: str
    currency: str

    def __str__(self) -> str:
        return self.name


def _period_row(row: CostRow, key: str, parent: str, previous: dict | None, **more) -> PeriodRow:
    before = None if previous is None else previous.get(key, Decimal(0))
    return PeriodRow(
        row.number,
        row.name,
        row.budget,
        row.actual,
        row.committed,
        row.etc,
        etc_entered=row.etc_entered,
        level=row.level,
        key=key,
        parent=parent,
        previous_efc=before,
        **more,
    )


def snapshot_rows(report: CostReport, previous: dict[str, Decimal] | None) -> list[PeriodRow]:
    """The report's rows in the order it shows them, each with its key and its previous EFC
    (`previous`: the last period's EFC by key; a line it lacks stood at 0; None: no period
    before). What closing a period stores."""
    rows: list[PeriodRow] = []
    for section in report.sections:
        rows.append(_period_row(section, f"section:{section.number}", "", previous))
        for category in section.children:
            rows.append(_period_row(category, f"category:{category.number}", "", previous))
            rows.extend(
                _period_row(a, f"account:{a.number}", category.number, previous)
                for a in category.children
            )
    rows.extend(_period_row(a, f"account:{a.number}", "", previous) for a in report.unbudgeted)
    rows.append(_period_row(report.total, TOTAL_KEY, "", previous))
    for row, terms in zip(report.markups, report.markup_terms, strict=True):
        rows.append(_period_row(row, f"markup:{terms.name}", "", previous, markup=terms))
    if report.with_markups is not None:
        rows.append(_period_row(report.with_markups, WITH_MARKUPS_KEY, "", previous))
    return rows


def digest(rows: list[PeriodRow]) -> str:
    """A fingerprint of every figure: the close page sends it back, so a close is refused when
    the report moved after the closer read what changed."""
    text = "\n".join(
        f"{r.key}|{r.budget}|{r.actual}|{r.committed}|{r.etc}|{r.previous_efc}" for r in rows
    )
    return hashlib.sha256(text.encode()).hexdigest()


def periods_with_efc(production: Production):
    """The production's closed periods, the latest first, each annotated with `efc` and `change`
    (on the period before) of its last total line: with markups when it has them, else the
    total. One query."""
    lines = CostPeriodLine.objects.filter(
        period=OuterRef("pk"), key__in=[TOTAL_KEY, WITH_MARKUPS_KEY]
    ).order_by("-position")
    return (
        CostPeriod.objects.filter(production=production)
        .annotate(
            efc=Subquery(lines.values("efc")[:1]), change=Subquery(lines.values("change")[:1])
        )
        .order_by("-week_ending")
    )


def last_period(production: Production) -> CostPeriod | None:
    return CostPeriod.objects.filter(production=production).order_by("-week_ending").first()


def previous_efcs(period: CostPeriod | None) -> dict[str, Decimal] | None:
    if period is None:
        return None
    return dict(CostPeriodLine.objects.filter(period=period).values_list("key", "efc"))


@dataclass
class ClosePreview:
    report: CostReport
    rows: list[PeriodRow]
    previous: CostPeriod | None
    digest: str
    as_of: date | None = None

    @property
    def changed(self) -> list[PeriodRow]:
        return [row for row in self.rows if row.noted]


def close_preview(production: Production, *, as_of: date | None = None) -> ClosePreview | None:
    """What closing a period now would store, and what moved since the last period.
    Queries: the last period, its EFCs, the cost report's."""
    report = cost_report(production, as_of=as_of)
    if report is None:
        return None
    previous = last_period(production)
    rows = snapshot_rows(report, previous_efcs(previous))
    return ClosePreview(report, rows, previous, digest(rows), as_of)


# --- A closed period read back -----------------------------------------------------------------


# What a period's page, documents and comparison read of its lines: read as tuples, not model
# instances (a period of 225 accounts is some 280 lines, twice on the comparison page).
StoredLine = namedtuple(
    "StoredLine",
    "key level number name parent budget actual committed etc etc_entered previous_efc note "
    "markup_sections markup_percent",
)


def stored_lines(period: CostPeriod) -> list[StoredLine]:
    """The period's lines in order (1 query)."""
    lines = CostPeriodLine.objects.filter(period=period).order_by("position")
    return [StoredLine(*row) for row in lines.values_list(*StoredLine._fields)]


def _stored_row(line: CostPeriodLine | StoredLine, currency: str) -> PeriodRow:
    def money(value):
        return None if value is None else round_money(value, currency)

    terms = None
    if line.level == CostPeriodLine.Level.MARKUP:
        sections = tuple(code for code in line.markup_sections.split(",") if code)
        terms = MarkupTerms(line.key.removeprefix("markup:"), line.markup_percent, sections)
    return PeriodRow(
        line.number,
        line.name,
        money(line.budget),
        money(line.actual),
        money(line.committed),
        money(line.etc),
        etc_entered=line.etc_entered,
        level=line.level,
        key=line.key,
        parent=line.parent,
        previous_efc=money(line.previous_efc),
        note=line.note,
        markup=terms,
    )


def period_report(period: CostPeriod, lines=None) -> CostReport:
    """A closed period as a cost report (the same shape the live one has, so the page's rows,
    the PDF's ledger and the workbook are made by the same code). Queries: its lines (1)."""
    if lines is None:
        lines = stored_lines(period)
    sections, accounts, unbudgeted, markups = [], [], [], []
    total = with_markups = None
    section = category = None
    for line in lines:
        row = _stored_row(line, period.currency)
        if row.level == "section":
            section = row
            sections.append(row)
        elif row.level == "category":
            category = row
            section.children.append(row)
        elif row.level == "account" and row.parent:
            category.children.append(row)
            accounts.append(row)
        elif row.level == "account":
            unbudgeted.append(row)
        elif row.level == "markup":
            markups.append(row)
        elif row.key == TOTAL_KEY:
            total = row
        else:
            with_markups = row
    return CostReport(
        FrozenVersion(period.version_name, period.currency),
        sections,
        accounts,
        total,
        unbudgeted,
        with_markups.budget if with_markups else total.budget,
        markups=markups,
        with_markups=with_markups,
        markup_terms=[row.markup for row in markups],
    )


def report_rows(report: CostReport) -> list[PeriodRow]:
    """Every row of a cost report (live or a period's), in order: sections, categories and
    accounts, unbudgeted, the total, markups, the total with markups."""
    rows = []
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


# --- Two periods side by side ------------------------------------------------------------------

COMPARED = ("budget", "actual", "committed", "efc")


@dataclass
class ComparedLine:
    key: str
    level: str
    number: str
    name: str
    first: PeriodRow | None
    second: PeriodRow | None
    figures: list[tuple[Decimal, Decimal, Decimal]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(difference for _, _, difference in self.figures)


def compare_periods(first: CostPeriod, second: CostPeriod) -> list[ComparedLine]:
    """Every line of either period, in the later one's order (lines only the other has follow),
    with each of COMPARED in both and the difference second − first. Queries: 2."""
    rows_1 = {r.key: r for r in report_rows(period_report(first))}
    rows_2 = report_rows(period_report(second))
    by_key_2 = {r.key: r for r in rows_2}
    keys = [r.key for r in rows_2] + [key for key in rows_1 if key not in by_key_2]
    zero = round_money(0, second.currency)
    lines = []
    for key in keys:
        a, b = rows_1.get(key), by_key_2.get(key)
        shown = b or a
        figures = []
        for name in COMPARED:
            value_a = getattr(a, name) if a else zero
            value_b = getattr(b, name) if b else zero
            figures.append((value_a, value_b, value_b - value_a))
        lines.append(ComparedLine(key, shown.level, shown.number, shown.name, a, b, figures))
    return lines


# --- The spend chart over the periods ----------------------------------------------------------


@dataclass(frozen=True)
class PeriodPoint:
    week_ending: date
    budget: Decimal
    actual: Decimal
    committed: Decimal
    efc: Decimal


def period_points(production: Production) -> list[PeriodPoint]:
    """Each closed period's totals with markups, oldest first (1 query)."""
    rows = (
        CostPeriodLine.objects.filter(production=production, key=WITH_MARKUPS_KEY)
        .order_by("period__week_ending")
        .values_list("period__week_ending", "budget", "actual", "committed", "efc")
    )
    return [PeriodPoint(*row) for row in rows]
