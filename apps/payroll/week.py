"""A timecard's week of pay: each entered day through the crew's pay engine (apps/crew/pay.py),
plus the day's kit or box rental and mileage. Pure: no database; the caller passes the memo's
terms, the production's rules and the days.

The rules this module adds to the engine's, stated once:

- **Which days count.** A day with no kind is not worked and pays nothing. Work and travel days
  are days worked: they count towards the sixth and seventh day of the week (the engine pays the
  premium on a sixth or seventh *work* day). Hold and idle days are paid (the engine's straight
  time) but are not days worked.
- **Times.** A work day needs a call and a wrap. A travel, hold or idle day may have none: it is
  then paid as a day of no hours (a daily or weekly memo's day share; nothing on an hourly memo).
  A meal is given with both its out and its in, or not at all.
- **Weekly overtime** is the engine's (`pay.week_overtime`), over the week's work days, when the
  production's pay rules set a weekly threshold.
- **Kit and mileage** are reimbursements: their own lines, no fringes (`wage` false). Kit is an
  amount per day. Mileage is the day's distance (miles or km, the pay rules' `distance_unit`) x
  the production's `mileage_rate`, worked out exactly and rounded once, half up, to the minor
  unit; the line says so ("42 mi x $0.67 a mi"). An amount typed before distances existed
  (`mileage`) still pays as typed, on a line of its own.
- **Money.** Every line is rounded once by the engine (or here, for kit and mileage, to the
  currency's minor unit); the week's total is the sum of the rounded lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from apps.core.money import round_money
from apps.crew import pay

WORKED = (pay.WORK, pay.TRAVEL)
KIT, MILEAGE = "kit", "mileage"
NEEDS_CALL_AND_WRAP = "{day}: a work day needs its call and its wrap."
MEAL_HALF = "{day}: give the {which} both its out and its in, or neither."


class WeekError(pay.PayError):
    """A day the week cannot be paid for (names the day)."""


@dataclass(frozen=True)
class Entry:
    """One day as entered on the timecard."""

    date: date
    kind: str = ""
    call: time | None = None
    wrap: time | None = None
    meal1: tuple[time | None, time | None] = (None, None)
    meal2: tuple[time | None, time | None] = (None, None)
    kit: Decimal = Decimal("0")
    mileage: Decimal = Decimal("0")
    distance: Decimal = Decimal("0")


@dataclass(frozen=True)
class Line:
    date: date
    code: str
    rule: str
    hours: Decimal | None
    rate: Decimal
    amount: Decimal
    wage: bool = True


@dataclass(frozen=True)
class WeekPay:
    lines: tuple[Line, ...]

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0"))

    @property
    def wage(self) -> Decimal:
        """What fringes apply to: the pay lines, not kit or mileage."""
        return sum((line.amount for line in self.lines if line.wage), Decimal("0"))

    @property
    def reimbursed(self) -> Decimal:
        """Kit and mileage: the rest of the total."""
        return self.total - self.wage

    def of(self, day: date) -> list[Line]:
        return [line for line in self.lines if line.date == day]


def _label(entry: Entry) -> str:
    return f"{entry.date:%a %d %b}"


def _meals(entry: Entry) -> tuple[tuple[time, time], ...]:
    meals = []
    for which, (out, back) in (("meal", entry.meal1), ("2nd meal", entry.meal2)):
        if (out is None) != (back is None):
            raise WeekError(MEAL_HALF.format(day=_label(entry), which=which), "days")
        if out is not None:
            meals.append((out, back))
    return tuple(meals)


def engine_day(entry: Entry, day_in_week: int) -> pay.Day:
    """The engine's day for an entry (see the module's rules on times)."""
    meals = _meals(entry)
    if entry.call is None or entry.wrap is None:
        if entry.kind == pay.WORK or entry.call is not None or entry.wrap is not None:
            raise WeekError(NEEDS_CALL_AND_WRAP.format(day=_label(entry)), "days")
        return pay.Day(call=time(0), wrap=time(0), kind=entry.kind, day_in_week=day_in_week)
    return pay.Day(
        call=entry.call, wrap=entry.wrap, meals=meals, kind=entry.kind, day_in_week=day_in_week
    )


def week_pay(
    terms: pay.Terms, rules: pay.Rules, entries: list[Entry], week_starts: int = 0
) -> WeekPay:
    """The week's lines, day by day in date order (see the module's rules): each day's pay, its
    weekly overtime (`pay.week_overtime`, over the work days), then its kit and mileage."""
    entries = sorted(entries, key=lambda e: e.date)
    worked = [e.date for e in entries if e.kind in WORKED]
    paid: dict[date, pay.DayPay] = {}
    for entry in entries:
        if entry.kind:
            nth = pay.day_in_week(entry.date, worked, week_starts)
            try:
                paid[entry.date] = pay.day_pay(terms, rules, engine_day(entry, nth))
            except WeekError:
                raise
            except pay.PayError as exc:
                raise WeekError(f"{_label(entry)}: {exc.message}", "days") from exc
    work_days = [e.date for e in entries if e.kind == pay.WORK]
    weekly = dict(
        zip(
            work_days,
            pay.week_overtime(terms, rules, (paid[d] for d in work_days)),
            strict=True,
        )
    )
    lines: list[Line] = []
    for entry in entries:
        day_lines = [*paid[entry.date].lines, *weekly.get(entry.date, [])] if entry.kind else []
        lines.extend(Line(entry.date, p.code, p.rule, p.hours, p.rate, p.amount) for p in day_lines)
        for code, amount, rule in (
            (KIT, entry.kit, "kit or box rental"),
            (MILEAGE, entry.mileage, "mileage (amount entered)"),
        ):
            if amount:
                money = round_money(amount, rules.currency)
                lines.append(Line(entry.date, code, rule, None, money, money, wage=False))
        if entry.distance:
            lines.append(mileage_line(entry, rules))
    return WeekPay(tuple(lines))


def mileage_line(entry: Entry, rules: pay.Rules) -> Line:
    """The day's distance x the production's rate, rounded once (half up) to the minor unit."""
    unit, rate = rules.distance_unit, rules.mileage_rate
    amount = round_money(entry.distance * rate, rules.currency)
    distance, per = f"{entry.distance.normalize():f}", f"{rate.normalize():f} {rules.currency}"
    rule = f"mileage: {distance} {unit} x {per} a {unit}, rounded half up to the cent"
    if not rate:
        rule += " (the production has no mileage rate yet)"
    return Line(entry.date, MILEAGE, rule, None, rate, amount, wage=False)
