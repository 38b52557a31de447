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
    Markup,
    Section,
)

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
    """Every total of the version. Queries: categories, accounts, fringes, markups, lines,
    line fringes (6, whatever the size)."""
    currency = version.currency
    categories = list(Category.objects.filter(budget_version=version))
    accounts = list(Account.objects.filter(budget_version=version))
    fringes = list(Fringe.objects.filter(budget_version=version))
    markups = list(Markup.objects.filter(budget_version=version))
    line_rows = DetailLine.objects.filter(budget_version=version).values_list(
        "id", "account_id", "amount", "x", "rate", "exchange_rate"
    )
    codes_by_line: dict[int, list[str]] = defaultdict(list)
    for line_id, code in DetailLine.fringes.through.objects.filter(
        detailline__budget_version=version
    ).values_list("detailline_id", "fringe__code"):
        codes_by_line[line_id].append(code)
    lines_by_account: dict[int, list[engine.LineInput]] = defaultdict(list)
    for line_id, account_id, amount, x, rate, exchange in line_rows:
        lines_by_account[account_id].append(
            engine.LineInput(amount, x, rate, exchange, tuple(codes_by_line.get(line_id, ())))
        )
    accounts_by_category: dict[int, list[Account]] = defaultdict(list)
    for account in accounts:
        accounts_by_category[account.category_id].append(account)
    categories_by_section: dict[str, list[Category]] = defaultdict(list)
    for category in categories:
        categories_by_section[category.section].append(category)
    engine_sections = [
        engine.Section(
            code,
            tuple(
                engine.Category(
                    c.id,
                    tuple(
                        engine.Account(a.id, tuple(lines_by_account.get(a.id, ())))
                        for a in accounts_by_category[c.id]
                    ),
                )
                for c in categories_by_section[code]
            ),
        )
        for code in Section.values
    ]
    totals = engine.rollup(
        engine_sections,
        {f.code: _engine_fringe(f) for f in fringes},
        [engine.Markup(m.name, m.percent, frozenset(m.sections)) for m in markups],
        currency,
    )
    account_rows = {
        a.id: Row(a.number, a.name, *_pair(totals.accounts[a.id]), id=a.id) for a in accounts
    }
    category_rows = {}
    for c in categories:
        row = Row(c.number, c.name, *_pair(totals.categories[c.id]), id=c.id)
        row.children = [
            account_rows[a.id]
            for a in accounts_by_category[c.id]
            if account_ids is None or a.id in account_ids
        ]
        category_rows[c.id] = row
    sections = []
    for code in Section.values:
        row = Row(code, Section(code).label, *_pair(totals.sections[code]))
        row.children = [category_rows[c.id] for c in categories_by_section[code]]
        sections.append(row)
    return TopSheet(
        version=version,
        sections=sections,
        categories=category_rows,
        accounts=account_rows,
        fringes=[(f, totals.fringes_by_code[f.code]) for f in fringes],
        markups=[(m, totals.markups[m.name]) for m in markups],
        totals=totals,
    )


def _engine_fringe(fringe: Fringe) -> engine.Fringe:
    return engine.Fringe(fringe.code, fringe.name, fringe.kind, fringe.rate, fringe.cutoff)


def _pair(totals: engine.Totals) -> tuple[Decimal, Decimal]:
    return totals.subtotal, totals.fringes


def account_lines(account: Account):
    return DetailLine.objects.filter(account=account).prefetch_related("fringes")
