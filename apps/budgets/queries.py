"""Reads that matter: the current version, the top sheet, comparisons and the cost report.

Each report reads a fixed handful of queries whatever the number of lines (tests pin the
counts), then lets the engine (apps.budgets.engine.rollup) do the arithmetic in Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.db.models import Q, Sum

from apps.budgets import engine
from apps.budgets.models import (
    Account,
    Actual,
    BudgetVersion,
    Category,
    Commitment,
    CostEstimate,
    DepartmentGrant,
    DetailLine,
    Fringe,
    Markup,
    Section,
    VersionStatus,
)
from apps.productions.models import Department, Production


def current_version(production: Production) -> BudgetVersion | None:
    """THE current version: the most recently approved (locked) version of any of the
    production's budgets; if none is approved, the most recently created unlocked one."""
    versions = BudgetVersion.objects.filter(production=production).select_related("budget")
    approved = versions.filter(status=VersionStatus.APPROVED).order_by("-approved_at", "-id")
    return approved.first() or versions.order_by("-created_at", "-id").first()


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


# --- Comparison -----------------------------------------------------------------------------


@dataclass
class CompareRow:
    level: str  # "category" or "account"
    number: str
    name: str
    a: Decimal
    b: Decimal

    @property
    def difference(self) -> Decimal:
        return self.b - self.a


def compare(a: BudgetVersion, b: BudgetVersion) -> tuple[list[CompareRow], Decimal, Decimal]:
    """Per category and account (matched by number): A's total, B's total and B − A."""
    sheet_a, sheet_b = top_sheet(a), top_sheet(b)
    zero = engine.round_money(0, a.currency)
    rows: list[CompareRow] = []

    def by_number(sheet: TopSheet):
        cats = {}
        for section in sheet.sections:
            for cat in section.children:
                cats[cat.number] = cat
        return cats

    cats_a, cats_b = by_number(sheet_a), by_number(sheet_b)
    for number in sorted(set(cats_a) | set(cats_b)):
        ca, cb = cats_a.get(number), cats_b.get(number)
        rows.append(
            CompareRow(
                "category",
                number,
                (cb or ca).name,
                ca.total if ca else zero,
                cb.total if cb else zero,
            )
        )
        accounts_a = {r.number: r for r in (ca.children if ca else [])}
        accounts_b = {r.number: r for r in (cb.children if cb else [])}
        for acc in sorted(set(accounts_a) | set(accounts_b)):
            ra, rb = accounts_a.get(acc), accounts_b.get(acc)
            rows.append(
                CompareRow(
                    "account",
                    acc,
                    (rb or ra).name,
                    ra.total if ra else zero,
                    rb.total if rb else zero,
                )
            )
    return rows, sheet_a.grand_total, sheet_b.grand_total


# --- Cost report ----------------------------------------------------------------------------


@dataclass
class CostRow:
    number: str
    name: str
    budget: Decimal
    actual: Decimal
    committed: Decimal
    etc: Decimal
    etc_entered: bool = False
    etc_version: int | None = None
    level: str = "account"
    children: list = field(default_factory=list)

    @property
    def efc(self) -> Decimal:
        """Estimated final cost: actual to date + open commitments + estimate to complete."""
        return engine.money_sum((self.actual, self.committed, self.etc))

    @property
    def variance(self) -> Decimal:
        """Budget − EFC: negative means over budget."""
        return self.budget - self.efc

    @property
    def over(self) -> bool:
        return self.variance < 0

    @property
    def percent_spent(self) -> Decimal | None:
        if not self.budget:
            return None
        return (self.actual * 100 / self.budget).quantize(Decimal("0.1"))


@dataclass
class CostReport:
    version: BudgetVersion
    sections: list[CostRow]
    accounts: list[CostRow]
    total: CostRow
    unbudgeted: list[CostRow]
    grand_total: Decimal  # the top sheet's, markups included (the cost rows exclude them)


def _sum_rows(number, name, rows, level, zero) -> CostRow:
    return CostRow(
        number,
        name,
        engine.money_sum((r.budget for r in rows), zero),
        engine.money_sum((r.actual for r in rows), zero),
        engine.money_sum((r.committed for r in rows), zero),
        engine.money_sum((r.etc for r in rows), zero),
        level=level,
        children=rows,
    )


def cost_report(production: Production, version: BudgetVersion | None = None) -> CostReport | None:
    """Per account, category and section of the current version: budget (lines + fringes),
    actual, open commitments, ETC, EFC, variance, percent spent.

    ETC, when nobody entered one, defaults to what is left: max(0, budget − actual − committed),
    so an account's EFC never shows less than its budget until someone says so.
    Queries: the version, the 6 of the top sheet, actuals, commitments, estimates (10).
    """
    version = version or current_version(production)
    if version is None:
        return None
    sheet = top_sheet(version)
    zero = engine.round_money(0, version.currency)
    actuals = dict(
        Actual.objects.filter(production=production)
        .values_list("account_number")
        .annotate(s=Sum("amount"))
        .values_list("account_number", "s")
    )
    committed = dict(
        Commitment.objects.filter(production=production, status=Commitment.Status.OPEN)
        .values_list("account_number")
        .annotate(s=Sum("amount"))
        .values_list("account_number", "s")
    )
    estimates = {e.account_number: e for e in CostEstimate.objects.filter(production=production)}

    def account_row(number: str, name: str, budget: Decimal) -> CostRow:
        actual = engine.round_money(actuals.get(number) or 0, version.currency)
        commit = engine.round_money(committed.get(number) or 0, version.currency)
        estimate = estimates.get(number)
        etc = estimate.amount if estimate is not None else max(zero, budget - actual - commit)
        return CostRow(
            number,
            name,
            budget,
            actual,
            commit,
            etc,
            etc_entered=estimate is not None,
            etc_version=estimate.version if estimate else None,
        )

    sections, all_accounts = [], []
    for section in sheet.sections:
        category_rows = []
        for category in section.children:
            rows = [account_row(a.number, a.name, a.total) for a in category.children]
            all_accounts.extend(rows)
            category_rows.append(_sum_rows(category.number, category.name, rows, "category", zero))
        sections.append(_sum_rows(section.number, section.name, category_rows, "section", zero))
    known = {row.number for row in all_accounts}
    unbudgeted = [
        account_row(number, "Not in this budget", zero)
        for number in sorted((set(actuals) | set(committed) | set(estimates)) - known)
    ]
    total = _sum_rows("", "Total", [*sections, *unbudgeted], "total", zero)
    return CostReport(version, sections, all_accounts, total, unbudgeted, sheet.grand_total)


def spend_over_time(production: Production) -> list[tuple[str, Decimal]]:
    """Cumulative actuals, one point per calendar day from the first posting to the last (one
    query): days without postings carry the running total, so the x axis is true to time."""
    by_day = {
        day: engine.round_money(amount, production.currency)
        for day, amount in Actual.objects.filter(production=production)
        .values_list("date")
        .annotate(s=Sum("amount"))
        .order_by("date")
        .values_list("date", "s")
    }
    if not by_day:
        return []
    first, last = min(by_day), max(by_day)
    running = Decimal(0)
    points = []
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        running += by_day.get(day, Decimal(0))
        points.append((day.isoformat(), running))
    return points


# --- Department heads -----------------------------------------------------------------------


def granted_accounts(version: BudgetVersion, department: Department):
    """Accounts of the version the department was granted (by category or account number)."""
    grants = DepartmentGrant.objects.filter(
        production=version.production, department=department
    ).values_list("kind", "number")
    categories = [n for kind, n in grants if kind == DepartmentGrant.Kind.CATEGORY]
    accounts = [n for kind, n in grants if kind == DepartmentGrant.Kind.ACCOUNT]
    if not categories and not accounts:
        return Account.objects.none()
    return Account.objects.filter(budget_version=version).filter(
        Q(category__number__in=categories) | Q(number__in=accounts)
    )
