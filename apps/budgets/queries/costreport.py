"""The cost report: budget, actual, committed, ETC, EFC and variance, markups as rows; spend
over time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import F, Q, Sum

from apps.budgets import engine
from apps.budgets.models import (
    Actual,
    BudgetVersion,
    Commitment,
    CostEstimate,
)
from apps.budgets.queries.common import current_version
from apps.budgets.queries.topsheet import TopSheet, top_sheet
from apps.core.money import format_money, round_money
from apps.productions.models import Production

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
    # Each markup's terms, in the order of `markups`: what the workbook works its amounts from.
    markup_terms: list[MarkupTerms] = field(default_factory=list)


@dataclass(frozen=True)
class MarkupTerms:
    name: str  # the markup's own name (a row's name may add "(drawn down ...)")
    percent: Decimal
    sections: tuple[str, ...]


CONTINGENCY = "contingency"

# The basis each total stands on, in the words every page that shows it uses.
BASIS_LINES = "lines + fringes"
BASIS_WITH_MARKUPS = "with markups and contingency"
BASIS_SPENT = "incl. fringes"
SPEND_CHART_TITLE = (
    f"Actuals to date ({BASIS_SPENT}) against the budget ({BASIS_WITH_MARKUPS}, dashed)"
)

_WITH_FRINGES = F("amount") + F("fringe_amount")


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


def cost_report(
    production: Production, version: BudgetVersion | None = None, *, as_of: date | None = None
) -> CostReport | None:
    """Per account, category and section of the current version: budget (lines + fringes),
    actual, open commitments, ETC, EFC, variance, percent spent.

    ETC, when nobody entered one, defaults to what is left: max(0, budget − actual − committed),
    so an account's EFC never shows less than its budget until someone says so.
    ``as_of``: the report as it stood at the end of that day (actuals and commitments dated by
    then, a commitment counted while it was open); None, the report now.
    Queries: the version, the 6 of the top sheet, actuals, commitments, estimates (10).
    """
    version = version or current_version(production)
    if version is None:
        return None
    sheet = top_sheet(version)
    zero = round_money(0, version.currency)
    # Actuals and commitments count incl. their fringes (a labour commitment's are the budget's
    # fringes on its wage), so they stand on the same basis as the budget: lines + fringes.
    actual_rows, commitment_rows = ledger_as_of(production, as_of)
    actuals = dict(
        actual_rows.values_list("account_number")
        .annotate(s=Sum(_WITH_FRINGES))
        .values_list("account_number", "s")
    )
    committed = dict(
        commitment_rows.values_list("account_number")
        .annotate(s=Sum(_WITH_FRINGES))
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
        markup_terms=[
            MarkupTerms(m.name, m.percent, tuple(m.sections or ())) for m, _ in sheet.markups
        ],
    )


def ledger_as_of(production: Production, as_of: date | None = None):
    """The actuals and the open commitments the cost report counts (now, or at the end of
    `as_of`): querysets, so the report sums them in SQL and a drill-down lists them."""
    actuals = Actual.objects.filter(production=production)
    commitments = Commitment.objects.filter(production=production)
    if as_of is None:
        return actuals, commitments.filter(status=Commitment.Status.OPEN)
    open_then = Q(status=Commitment.Status.OPEN) | Q(released_at__date__gt=as_of)
    return actuals.filter(date__lte=as_of), commitments.filter(open_then, date__lte=as_of)


def spend_over_time(production: Production) -> list[tuple[str, Decimal]]:
    """Cumulative actuals incl. their fringes, one point per calendar day from the first posting
    to the last (one query): days without postings carry the running total, so the x axis is
    true to time."""
    by_day = {
        day: round_money(amount, production.currency)
        for day, amount in Actual.objects.filter(production=production)
        .values_list("date")
        .annotate(s=Sum(_WITH_FRINGES))
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
