"""The top sheet: every total of a version (accounts, categories, sections, fringes, markups)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from apps.budgets import engine
from apps.budgets.models import (
    Account,
    BudgetVersion,
    Category,
    DetailLine,
    Fringe,
    LineFringe,
    Markup,
    Section,
)
from apps.core.money import round_money

# --- Top sheet ------------------------------------------------------------------------------


@dataclass
class Row:
    """One account, category or section on a report; money fields are Decimals."""

    number: str
    name: str
    subtotal: Decimal
    fringes: Decimal
    id: int | None = None
    children: list = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return engine.money_sum((self.subtotal, self.fringes))


@dataclass
class TopSheet:
    version: BudgetVersion
    sections: list[Row]
    categories: dict[int, Row]
    accounts: dict[int, Row]
    fringes: list[tuple[Fringe, Decimal]]
    markups: list[tuple[Markup, Decimal]]
    totals: engine.BudgetTotals

    @property
    def grand_total(self) -> Decimal:
        return self.totals.grand_total

    @property
    def budget_total(self) -> Decimal:
        return self.totals.budget.total

    def account_by_number(self) -> dict[str, Row]:
        return {row.number: row for row in self.accounts.values()}


def top_sheet(version: BudgetVersion, account_ids: set[int] | None = None) -> TopSheet:
    """Every total of the version, read from what is kept (apps/budgets/services/totals.py): no
    line is read. Queries: the version's totals, categories, accounts, fringes, markups (5,
    whatever the size)."""
    currency = version.currency
    zero = round_money(0, currency)

    def money(value: Decimal) -> Decimal:
        # Kept amounts are already rounded; this only writes them in the currency's own places
        # (the column reads 1236 yen back as 1236.00).
        return round_money(value, currency)

    kept = (
        BudgetVersion.objects.filter(pk=version.pk)
        .values("lines_total", "fringes_total", "markups_total")
        .get()
    )
    for name, value in kept.items():
        setattr(version, name, money(value))
    # Plain rows, not model instances: a large budget has hundreds of accounts.
    categories = list(
        Category.objects.filter(budget_version=version)
        .order_by("position", "number")
        .values_list("id", "number", "name", "section", "subtotal", "fringe_total")
    )
    accounts = list(
        Account.objects.filter(budget_version=version)
        .order_by("position", "number")
        .values_list("id", "category_id", "number", "name", "subtotal", "fringe_total")
    )
    fringes = list(Fringe.objects.filter(budget_version=version))
    markups = list(Markup.objects.filter(budget_version=version))
    account_rows = {}
    rows_by_category: dict[int, list[Row]] = defaultdict(list)
    for pk, category_id, number, name, subtotal, fringe_total in accounts:
        row = account_rows[pk] = Row(number, name, money(subtotal), money(fringe_total), id=pk)
        if account_ids is None or pk in account_ids:
            rows_by_category[category_id].append(row)
    category_rows = {}
    categories_by_section: dict[str, list[Row]] = defaultdict(list)
    for pk, number, name, section, subtotal, fringe_total in categories:
        row = category_rows[pk] = Row(number, name, money(subtotal), money(fringe_total), id=pk)
        row.children = rows_by_category[pk]
        categories_by_section[section].append(row)
    sections = []
    for code in Section.values:
        children = categories_by_section[code]
        row = Row(
            code,
            Section(code).label,
            engine.money_sum((child.subtotal for child in children), zero),
            engine.money_sum((child.fringes for child in children), zero),
        )
        row.children = children
        sections.append(row)
    totals = engine.BudgetTotals(
        accounts={pk: engine.Totals(r.subtotal, r.fringes) for pk, r in account_rows.items()},
        categories={pk: engine.Totals(r.subtotal, r.fringes) for pk, r in category_rows.items()},
        sections={row.number: engine.Totals(row.subtotal, row.fringes) for row in sections},
        fringes_by_code={f.code: money(f.total) for f in fringes},
        markups={m.name: money(m.amount) for m in markups},
        budget=engine.Totals(version.lines_total, version.fringes_total),
    )
    return TopSheet(
        version=version,
        sections=sections,
        categories=category_rows,
        accounts=account_rows,
        fringes=[(f, money(f.total)) for f in fringes],
        markups=[(m, money(m.amount)) for m in markups],
        totals=totals,
    )


def _engine_fringe(fringe: Fringe) -> engine.Fringe:
    return engine.Fringe(fringe.code, fringe.name, fringe.kind, fringe.rate, fringe.cutoff)


def _pair(totals: engine.Totals) -> tuple[Decimal, Decimal]:
    return totals.subtotal, totals.fringes


@dataclass
class AccountSummary:
    """What an account's page shows above and below its lines: the account's and its category's
    kept totals and the version's (lines and fringes; with markups)."""

    account: Row
    category: Row
    budget_total: Decimal
    grand_total: Decimal


def account_summary(account: Account) -> AccountSummary:
    """Read from what is kept, in one query (after a write: what the write kept)."""
    currency = account.budget_version.currency

    def money(value: Decimal) -> Decimal:
        return round_money(value, currency)

    kept = (
        Account.objects.filter(pk=account.pk)
        .values_list(
            "subtotal",
            "fringe_total",
            "category__subtotal",
            "category__fringe_total",
            "budget_version__lines_total",
            "budget_version__fringes_total",
            "budget_version__markups_total",
        )
        .get()
    )
    subtotal, fringes, category_subtotal, category_fringes, lines, fringes_all, markups = kept
    category = account.category
    budget_total = engine.money_sum((money(lines), money(fringes_all)))
    return AccountSummary(
        account=Row(account.number, account.name, money(subtotal), money(fringes), id=account.pk),
        category=Row(
            category.number,
            category.name,
            money(category_subtotal),
            money(category_fringes),
            id=category.pk,
        ),
        budget_total=budget_total,
        grand_total=engine.money_sum((budget_total, money(markups))),
    )


def account_lines(account: Account) -> list[DetailLine]:
    """The account's lines in order, each with `fringe_codes`, its fringes' codes in code order
    (2 queries: the codes alone, not 200 fringe rows for a large account)."""
    codes: dict[int, list[str]] = defaultdict(list)
    pairs = (
        LineFringe.objects.filter(detailline__account=account)
        .order_by("detailline_id", "fringe__code")
        .values_list("detailline_id", "fringe__code")
    )
    for line_id, code in pairs:
        codes[line_id].append(code)
    lines = list(DetailLine.objects.filter(account=account))
    for line in lines:
        line.fringe_codes = codes[line.pk]
    return lines
