"""The finance plan read against the budget: each source's amount, incentives computed from the
current budget's kept totals, the plan's total and the gap to the budget's grand total.

Rounding, once: an incentive is rate x qualifying spend, compared with its caps unrounded, and
the smallest of them is rounded half up to the currency's minor unit (`round_money`) at the end.
Every other amount is typed money, already in the currency's places.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from apps.budgets.queries import TopSheet, current_version, top_sheet
from apps.core.money import round_money
from apps.development.finance.models import FinanceSource, SourceStatus
from apps.productions.models import Production

HUNDRED = Decimal(100)


@dataclass
class Incentive:
    qualifying_spend: Decimal
    uncapped: Decimal
    cap: Decimal | None  # the lower of the caps, when there is one
    amount: Decimal
    accounts: list[str]  # the account numbers counted
    unknown: list[str]  # numbers named that the budget has neither as account nor category

    @property
    def capped(self) -> bool:
        return self.cap is not None and self.cap < self.uncapped


@dataclass
class PlanLine:
    source: FinanceSource
    amount: Decimal
    incentive: Incentive | None = None


@dataclass
class Plan:
    production: Production
    currency: str
    sheet: TopSheet | None
    lines: list[PlanLine] = field(default_factory=list)

    @property
    def budget_total(self) -> Decimal | None:
        return self.sheet.grand_total if self.sheet is not None else None

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), round_money(0, self.currency))

    def total_with(self, *statuses: str) -> Decimal:
        return sum(
            (line.amount for line in self.lines if line.source.status in statuses),
            round_money(0, self.currency),
        )

    @property
    def secured(self) -> Decimal:
        return self.total_with(SourceStatus.COMMITTED, SourceStatus.CLOSED)

    @property
    def gap(self) -> Decimal | None:
        """What the plan still lacks against the budget's grand total (negative: more than
        enough)."""
        if self.budget_total is None:
            return None
        return self.budget_total - self.total


def incentive_of(source: FinanceSource, sheet: TopSheet | None, currency: str) -> Incentive:
    """Rate x the spend of the qualifying accounts (an account named, or every account of a
    category named; each counted once, lines and fringes), capped by `cap_amount` and by
    `cap_percent` of the grand total, rounded once."""
    zero = round_money(0, currency)
    if sheet is None:
        return Incentive(zero, zero, None, zero, [], source.qualifying_numbers())
    names = source.qualifying_numbers()
    categories = {row.number: row for row in sheet.categories.values()}
    accounts = sheet.account_by_number()
    counted: dict[str, Decimal] = {}
    unknown = []
    for number in names:
        if number in accounts:
            counted[number] = accounts[number].total
        elif number in categories:
            for child in categories[number].children:
                counted[child.number] = child.total
        else:
            unknown.append(number)
    spend = sum(counted.values(), zero)
    uncapped = spend * (source.rate or 0) / HUNDRED
    caps = []
    if source.cap_amount is not None:
        caps.append(source.cap_amount)
    if source.cap_percent is not None:
        caps.append(sheet.grand_total * source.cap_percent / HUNDRED)
    cap = min(caps) if caps else None
    amount = round_money(min(uncapped, cap) if cap is not None else uncapped, currency)
    return Incentive(spend, uncapped, cap, amount, sorted(counted), unknown)


def finance_plan(production: Production) -> Plan:
    """The plan with every amount; queries: the versions, the top sheet's five, the sources."""
    version = current_version(production)
    sheet = top_sheet(version) if version is not None else None
    currency = version.currency if version is not None else production.currency
    plan = Plan(production, currency, sheet)
    for source in FinanceSource.objects.filter(production=production):
        if source.is_incentive:
            incentive = incentive_of(source, sheet, currency)
            plan.lines.append(PlanLine(source, incentive.amount, incentive))
        else:
            plan.lines.append(PlanLine(source, source.amount or round_money(0, currency)))
    return plan
