"""Cash flow by week: the current budget spread over prep, shoot, wrap and post.

The phases come from the production's dates (prep start, first shoot day, wrap date = the last
shoot day, wrap end) and the plan's end of post:

    prep   prep start .. the day before the first shoot day
    shoot  first shoot day .. wrap date
    wrap   the day after the wrap date .. wrap end
    post   the day after wrap end (or the wrap date) .. post end

Each category (and the markups, as one more row) is spread by its rule: a share of its total per
phase, even over that phase's days; weeks run Monday to Sunday. Rounding: each week's amount is
rounded half up to the currency's minor unit, except the category's last week, which takes what
is left, so a category's weeks sum to its total exactly. A share that falls on a phase without
dates is shown as unscheduled, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from apps.budgets.models import Section
from apps.budgets.queries import current_version, top_sheet
from apps.core.money import round_money
from apps.development.finance.models import CashFlowPlan, Spread, SpreadRule
from apps.productions.models import Production

PHASES = ("prep", "shoot", "wrap", "post")
MARKUPS = "MARKUPS"
DEFAULTS = {
    Section.ATL: Spread.SHOOT_START,
    Section.PRODUCTION: Spread.EVEN_SHOOT,
    Section.POST: Spread.EVEN_POST,
    Section.OTHER: Spread.EVEN_ALL,
}
ONE, HUNDRED = Decimal(1), Decimal(100)


@dataclass
class Phases:
    days: dict[str, list[date]]

    @property
    def all_days(self) -> list[date]:
        return [day for phase in PHASES for day in self.days[phase]]


LONGEST_PHASE = 4 * 366  # days; a phase longer than this is a typing slip, left unscheduled


def _span(start: date | None, end: date | None) -> list[date]:
    if start is None or end is None or end < start or (end - start).days > LONGEST_PHASE:
        return []
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def phases_of(production: Production, post_end: date | None) -> Phases:
    one = timedelta(days=1)
    p = production
    prep = _span(p.prep_start, p.first_shoot_day - one if p.first_shoot_day else None)
    shoot = _span(p.first_shoot_day, p.wrap_date)
    wrap = _span(p.wrap_date + one if p.wrap_date else None, p.wrap_end)
    after = p.wrap_end or p.wrap_date
    post = _span(after + one if after else None, post_end)
    return Phases({"prep": prep, "shoot": shoot, "wrap": wrap, "post": post})


def shares_of(rule: SpreadRule | None, default: str) -> dict[str, Decimal] | str:
    """The rule as shares per phase (summing to 1), or "shoot_start" / "even_all"."""
    spread = rule.spread if rule is not None else default
    if spread in (Spread.SHOOT_START, Spread.EVEN_ALL):
        return spread
    if spread == Spread.CUSTOM:
        return {
            phase: (getattr(rule, f"{phase}_percent") or Decimal(0)) / HUNDRED for phase in PHASES
        }
    phase = {"even_prep": "prep", "even_shoot": "shoot", "even_wrap": "wrap", "even_post": "post"}
    return {phase[spread]: ONE}


def day_weights(shares, phases: Phases) -> tuple[dict[date, Decimal], Decimal]:
    """Each day's share of the total, and the share left unscheduled (a phase with no dates)."""
    if shares == Spread.SHOOT_START:
        shoot = phases.days["shoot"]
        return ({shoot[0]: ONE}, Decimal(0)) if shoot else ({}, ONE)
    if shares == Spread.EVEN_ALL:
        days = phases.all_days
        return ({day: ONE / len(days) for day in days}, Decimal(0)) if days else ({}, ONE)
    weights: dict[date, Decimal] = {}
    unscheduled = Decimal(0)
    for phase, share in shares.items():
        days = phases.days[phase]
        if not share:
            continue
        if not days:
            unscheduled += share
            continue
        for day in days:
            weights[day] = weights.get(day, Decimal(0)) + share / len(days)
    return weights, unscheduled


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def spread(total: Decimal, weights: dict[date, Decimal], unscheduled: Decimal, currency: str):
    """(amount per week start, unscheduled amount); the amounts sum to `total` exactly."""
    by_week: dict[date, Decimal] = {}
    for day, weight in weights.items():
        by_week[week_of(day)] = by_week.get(week_of(day), Decimal(0)) + weight
    weeks = sorted(by_week)
    amounts: dict[date, Decimal] = {}
    zero = round_money(0, currency)
    if not weeks:
        return amounts, total
    left_over = round_money(total * unscheduled, currency) if unscheduled else zero
    running = left_over
    for week in weeks[:-1]:
        amounts[week] = round_money(total * by_week[week], currency)
        running += amounts[week]
    amounts[weeks[-1]] = total - running  # the remainder: the weeks sum to the total exactly
    return amounts, left_over


@dataclass
class CashRow:
    number: str
    name: str
    rule: str
    custom: bool  # a rule saved for it, not its section's default
    total: Decimal
    weeks: list[Decimal]
    unscheduled: Decimal


@dataclass
class CashFlow:
    currency: str
    phases: Phases
    post_end: date | None
    weeks: list[date] = field(default_factory=list)
    rows: list[CashRow] = field(default_factory=list)
    has_budget: bool = False

    def week_totals(self) -> list[Decimal]:
        zero = round_money(0, self.currency)
        return [sum((r.weeks[i] for r in self.rows), zero) for i in range(len(self.weeks))]

    @property
    def unscheduled(self) -> Decimal:
        return sum((r.unscheduled for r in self.rows), round_money(0, self.currency))

    @property
    def total(self) -> Decimal:
        return sum((r.total for r in self.rows), round_money(0, self.currency))

    def phase_of(self, week: date) -> str:
        days = {week + timedelta(days=n) for n in range(7)}
        return "/".join(p for p in PHASES if days & set(self.phases.days[p]))


def cash_flow(production: Production) -> CashFlow:
    plan = CashFlowPlan.objects.filter(production=production).first()
    post_end = plan.post_end if plan is not None else None
    phases = phases_of(production, post_end)
    version = current_version(production)
    currency = version.currency if version is not None else production.currency
    flow = CashFlow(currency, phases, post_end)
    if version is None:
        return flow
    flow.has_budget = True
    sheet = top_sheet(version)
    rules = {r.category_number: r for r in SpreadRule.objects.filter(production=production)}
    items = [
        (row.number, row.name, row.total, DEFAULTS[Section(section.number)])
        for section in sheet.sections
        for row in section.children
    ]
    markups = sheet.grand_total - sheet.budget_total
    if markups:
        items.append((MARKUPS, "Markups and contingency", markups, Spread.EVEN_ALL))
    spread_rows = []
    all_weeks: set[date] = set()
    for number, name, total, default in items:
        rule = rules.get(number)
        weights, unscheduled = day_weights(shares_of(rule, default), phases)
        amounts, left = spread(total, weights, unscheduled, currency)
        all_weeks |= set(amounts)
        label = Spread(rule.spread if rule else default).label
        spread_rows.append((number, name, label, rule is not None, total, amounts, left))
    flow.weeks = sorted(all_weeks)
    zero = round_money(0, currency)
    for number, name, label, custom, total, amounts, left in spread_rows:
        weeks = [amounts.get(week, zero) for week in flow.weeks]
        flow.rows.append(CashRow(number, name, label, custom, total, weeks, left))
    return flow
