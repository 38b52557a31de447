"""From a money figure of the cost report to what it is the sum of, live or in a closed period.

A figure is one of FIGURES at the level of a category or an account: its budget is the sum of its
budget lines (each line's total + fringes), its actual of the actuals, its committed of the open
commitments (both incl. their fringes), its EFC of all of those but the budget lines, plus each
account's estimate to complete. Budgets knows no crew or vendors: an entry shows its source as
the ledger stored it (the label, and the object's own page when it has one).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import F

from apps.budgets import engine
from apps.budgets.models import CostPeriod, CostPeriodEntry, CostPeriodLine, DetailLine
from apps.budgets.queries.costreport import CostReport, CostRow, cost_report, ledger_as_of
from apps.budgets.queries.periods import _stored_row
from apps.core.money import round_money
from apps.productions.models import Production

Kind = CostPeriodEntry.Kind
FIGURES = {
    "budget": ("Budget", (Kind.BUDGET,)),
    "actual": ("Actual", (Kind.ACTUAL,)),
    "committed": ("Committed", (Kind.COMMITTED,)),
    "efc": ("EFC", (Kind.ACTUAL, Kind.COMMITTED, Kind.ETC)),
}
LEVELS = ("category", "account")
ETC_ENTERED = "Estimate to complete, as entered"
ETC_LEFT = "Estimate to complete: what is left of the budget"


@dataclass
class Entry:
    kind: str
    account_number: str
    amount: Decimal
    date: date | None = None
    who: str = ""
    description: str = ""
    reference: str = ""
    source_label: str = ""
    source: object = None
    source_type_id: int | None = None
    source_id: int | None = None

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label

    @property
    def source_url(self) -> str:
        """The source's own page, when its model has one (a purchase order's); else nothing."""
        url = getattr(self.source, "get_absolute_url", None)
        return url() if callable(url) else ""


def _source(row, production: Production):
    """The row's source object (prefetched), knowing its production already: its page's
    address names the production, which would otherwise be a query per row."""
    source = row.source if row.source_id is not None else None
    if source is not None and getattr(source, "production_id", None) == production.pk:
        source.production = production
    return source


@dataclass
class Drill:
    figure: str
    level: str
    row: CostRow  # the row whose figure it is
    entries: list[Entry] = field(default_factory=list)
    currency: str = ""

    @property
    def figure_label(self) -> str:
        return FIGURES[self.figure][0]

    @property
    def amount(self) -> Decimal:
        return getattr(self.row, self.figure)

    @property
    def total(self) -> Decimal:
        return engine.money_sum((e.amount for e in self.entries), round_money(0, self.currency))


def _find(report: CostReport, level: str, number: str) -> tuple[CostRow | None, list[CostRow]]:
    """The row and the accounts under it."""
    if level == "account":
        for row in [*report.accounts, *report.unbudgeted]:
            if row.number == number:
                return row, [row]
        return None, []
    for section in report.sections:
        for category in section.children:
            if category.number == number:
                return category, list(category.children)
    return None, []


def _ledger(row, kind: str, currency: str, production: Production | None) -> Entry:
    """A ledger row as an entry (its source object too, when `production` is given)."""
    return Entry(
        kind,
        row.account_number,
        round_money(row.amount + row.fringe_amount, currency),
        date=row.date,
        who=getattr(row, "payee", ""),
        description=row.description,
        reference=getattr(row, "reference", ""),
        source_label=row.source_label,
        source=_source(row, production) if production is not None else None,
        source_type_id=row.source_type_id,
        source_id=row.source_id,
    )


def _etc(row: CostRow) -> Entry:
    words = ETC_ENTERED if row.etc_entered else ETC_LEFT
    return Entry(Kind.ETC, row.number, row.etc, description=words)


def live_entries(
    production: Production,
    report: CostReport,
    accounts: Iterable[CostRow],
    kinds: Iterable[str],
    *,
    as_of: date | None = None,
    with_sources: bool = True,
    every_account: bool = False,
) -> list[Entry]:
    """What the report's figures of `accounts` add up from, of the `kinds` asked for: budget lines
    of the report's version, actuals, open commitments (as `as_of`), estimates to complete.
    `every_account`: `accounts` are all of the report's, so no filter by number is needed.
    Queries: one per kind of ledger row, one per kind of source they name."""
    accounts = list(accounts)
    numbers = [a.number for a in accounts]
    currency = report.version.currency
    kinds = set(kinds)
    entries: list[Entry] = []
    if Kind.BUDGET in kinds:
        lines = DetailLine.objects.filter(budget_version=report.version)
        if not every_account:
            lines = lines.filter(account__number__in=numbers)
        lines = lines.order_by("account__number", "position", "id").values_list(
            "account__number", "description", "id", F("total") + F("fringe_total")
        )
        entries.extend(
            Entry(Kind.BUDGET, number, round_money(amount, currency), description=text)
            for number, text, _, amount in lines
        )
    actuals, commitments = ledger_as_of(production, as_of)
    for kind, rows in ((Kind.ACTUAL, actuals), (Kind.COMMITTED, commitments)):
        if kind not in kinds:
            continue
        if not every_account:
            rows = rows.filter(account_number__in=numbers)
        if with_sources:
            rows = rows.prefetch_related("source")
        entries.extend(
            _ledger(row, kind, currency, production if with_sources else None) for row in rows
        )
    if Kind.ETC in kinds:
        entries.extend(_etc(a) for a in accounts if a.etc)
    return entries


def account_transactions(production: Production, number: str) -> list[Entry]:
    """An account's actuals and open commitments (the cost report's expansion under its row).
    Queries: 2, and one per kind of source."""
    actuals, commitments = ledger_as_of(production)
    currency = production.currency
    return [
        _ledger(row, kind, currency, production)
        for kind, rows in ((Kind.ACTUAL, actuals), (Kind.COMMITTED, commitments))
        for row in rows.filter(account_number=number).prefetch_related("source")
    ]


def live_drill(production: Production, level: str, number: str, figure: str) -> Drill | None:
    """A figure of the live cost report and its entries; None when there is no such figure."""
    if figure not in FIGURES or level not in LEVELS:
        return None
    report = cost_report(production)
    if report is None:
        return None
    row, accounts = _find(report, level, number)
    if row is None:
        return None
    entries = live_entries(production, report, accounts, FIGURES[figure][1])
    return Drill(figure, level, row, entries, report.version.currency)


def period_drill(period: CostPeriod, level: str, number: str, figure: str) -> Drill | None:
    """A figure of a closed period and the entries it froze with it (queries: the line, its
    accounts' numbers, the entries, their sources)."""
    if figure not in FIGURES or level not in LEVELS:
        return None
    line = CostPeriodLine.objects.filter(period=period, key=f"{level}:{number}").first()
    if line is None:
        return None
    if level == "account":
        numbers = [number]
    else:
        numbers = list(
            CostPeriodLine.objects.filter(period=period, level="account", parent=number)
            .order_by("position")
            .values_list("number", flat=True)
        )
    rows = (
        CostPeriodEntry.objects.filter(
            period=period, account_number__in=numbers, kind__in=FIGURES[figure][1]
        )
        .order_by("account_number", "id")
        .prefetch_related("source")
    )
    entries = [
        Entry(
            e.kind,
            e.account_number,
            round_money(e.amount, period.currency),
            date=e.date,
            who=e.who,
            description=e.description,
            reference=e.reference,
            source_label=e.source_label,
            source=_source(e, period.production),
        )
        for e in rows
    ]
    return Drill(figure, level, _stored_row(line, period.currency), entries, period.currency)


def snapshot_entries(
    production: Production, report: CostReport, *, as_of: date | None = None
) -> list[Entry]:
    """Every entry behind the report's figures: what closing a period freezes with its lines."""
    accounts = [*report.accounts, *report.unbudgeted]
    return live_entries(
        production,
        report,
        accounts,
        Kind.values,
        as_of=as_of,
        with_sources=False,
        every_account=True,
    )
