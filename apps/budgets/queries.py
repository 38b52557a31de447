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
    Global,
    Markup,
    Section,
    VersionStatus,
)
from apps.core.money import format_money, round_money
from apps.productions.models import Department, Production


def current_version(production: Production) -> BudgetVersion | None:
    """THE current version: the one most recently approved by the producer or chosen as current
    by someone who may edit the budget, whichever came last. Until either happens, the
    production's first version. Making a copy never changes it."""
    # One query: a production has a handful of versions, and the rule reads them all.
    versions = list(
        BudgetVersion.objects.filter(production=production)
        .select_related("budget")
        .order_by("created_at", "id")
    )
    approved = [(v.approved_at, v.id, v) for v in versions if v.status == VersionStatus.APPROVED]
    chosen = [(v.made_current_at, v.id, v) for v in versions if v.made_current_at is not None]
    moments = approved + chosen
    if moments:
        return max(moments, key=lambda item: (item[0], item[1]))[2]
    return versions[0] if versions else None


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
    level: str  # "category", "account" or "markup"
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
    zero = round_money(0, a.currency)
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
    markups_a = {markup.name: amount for markup, amount in sheet_a.markups}
    markups_b = {markup.name: amount for markup, amount in sheet_b.markups}
    for name in [*markups_a, *(n for n in markups_b if n not in markups_a)]:
        rows.append(
            CompareRow("markup", "", name, markups_a.get(name, zero), markups_b.get(name, zero))
        )
    return rows, sheet_a.grand_total, sheet_b.grand_total


@dataclass
class SettingRow:
    kind: str  # "global", "fringe" or "markup"
    name: str
    a: str
    b: str

    @property
    def changed(self) -> bool:
        return self.a != self.b


def compare_settings(a: BudgetVersion, b: BudgetVersion) -> list[SettingRow]:
    """What the two versions assume: globals, fringes and markups, side by side."""

    def number(value) -> str:
        return f"{Decimal(value).normalize():f}"

    def described(version: BudgetVersion) -> dict[tuple[str, str], str]:
        found = {}
        for item in Global.objects.filter(budget_version=version):
            found[("global", item.name)] = number(item.value) + (
                f" (= {item.formula})" if item.formula else ""
            )
        for fringe in Fringe.objects.filter(budget_version=version):
            text = f"{number(fringe.rate)}{'%' if fringe.kind == 'percent' else ' per unit'}"
            if fringe.cutoff is not None:
                text += f" up to {number(fringe.cutoff)}"
            found[("fringe", f"{fringe.code} {fringe.name}")] = text
        for markup in Markup.objects.filter(budget_version=version):
            found[("markup", markup.name)] = (
                f"{number(markup.percent)}% of {', '.join(markup.sections)}"
            )
        return found

    in_a, in_b = described(a), described(b)
    keys = [*in_a, *(key for key in in_b if key not in in_a)]
    order = {"global": 0, "fringe": 1, "markup": 2}
    keys.sort(key=lambda key: (order[key[0]], key[1]))
    return [
        SettingRow(kind, name, in_a.get((kind, name), "—"), in_b.get((kind, name), "—"))
        for kind, name in keys
    ]


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
    """Costs (lines + fringes) per account, category and section, then the markups as their own
    rows, then the total with markups: the basis of the top sheet's grand total and of the
    dashboard."""

    version: BudgetVersion
    sections: list[CostRow]
    accounts: list[CostRow]
    total: CostRow  # lines + fringes, before markups
    unbudgeted: list[CostRow]
    grand_total: Decimal  # the top sheet's, markups included
    markups: list[CostRow] = field(default_factory=list)
    contingency_drawn: Decimal = Decimal(0)
    with_markups: CostRow | None = None


CONTINGENCY = "contingency"


def _markup_rows(sheet: TopSheet, sections: list[CostRow], zero: Decimal):
    """Each markup as a cost row. A percentage markup's EFC is its percentage of the EFC of the
    sections it applies to; contingency is what covers overruns, so its EFC is what is left of it
    once the net overrun of its sections is drawn from it (`drawn` says how much)."""
    currency = sheet.version.currency
    by_section = {row.number: row for row in sections}
    rows, drawn_total = [], zero
    for markup, amount in sheet.markups:
        applied = [by_section[code] for code in markup.sections if code in by_section]
        if CONTINGENCY in markup.name.lower():
            over = engine.money_sum((row.efc - row.budget for row in applied), zero)
            drawn = min(amount, max(zero, over))
            drawn_total += drawn
            efc = amount - drawn
            drawn_text = format_money(drawn, currency)
            name = f"{markup.name} (drawn down {drawn_text})" if drawn else markup.name
        else:
            base = engine.money_sum((row.efc for row in applied), zero)
            efc = round_money(base * markup.percent / 100, currency)
            name = markup.name
        rows.append(CostRow("", name, amount, zero, zero, efc, level="markup"))
    return rows, drawn_total


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
    zero = round_money(0, version.currency)
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
        actual = round_money(actuals.get(number) or 0, version.currency)
        commit = round_money(committed.get(number) or 0, version.currency)
        estimate = estimates.get(number)
        if estimate is not None:
            etc = round_money(estimate.amount, version.currency)
        else:
            etc = max(zero, budget - actual - commit)
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
    total = _sum_rows("", "Total before markups", [*sections, *unbudgeted], "total", zero)
    markups, drawn = _markup_rows(sheet, sections, zero)
    with_markups = _sum_rows("", "Total with markups", [total, *markups], "total", zero)
    return CostReport(
        version,
        sections,
        all_accounts,
        total,
        unbudgeted,
        sheet.grand_total,
        markups=markups,
        contingency_drawn=drawn,
        with_markups=with_markups,
    )


def spend_over_time(production: Production) -> list[tuple[str, Decimal]]:
    """Cumulative actuals, one point per calendar day from the first posting to the last (one
    query): days without postings carry the running total, so the x axis is true to time."""
    by_day = {
        day: round_money(amount, production.currency)
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
