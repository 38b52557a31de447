"""The pay engine: one worked day under a deal memo's terms and the production's pay rules, as
lines of pay, each with its rule in words. Pure: no database, no Django; the hot cost (daily
reports) and the timecards (payroll) both call it.

The rules, stated once:

- **Time.** A day is a call, meals (out and back in) and a wrap, wall-clock times on the day. A
  time earlier than the call is after midnight (a 14:00 call and a 01:30 wrap is 11 h 30). Meal
  breaks are unpaid: worked time is call to wrap less every meal.
- **Rate per unit.** *Hourly*: the rate is the hour. *Daily*: the day rate buys the day up to the
  memo's overtime threshold (`overtime_after` hours), however short the day; its hourly
  equivalent for overtime is day rate / `overtime_after`. *Weekly*: a day is a fifth of the week
  (weekly / 5), then as daily. A daily or weekly memo without an overtime threshold buys the whole
  day: no overtime. *Flat*: the fee buys the engagement, committed once; no day carries any of
  it, so a day's pay is only its meal penalties.
- **Guaranteed hours** (work days, `guaranteed_hours` on the memo): a work day shorter than the
  guarantee is paid as if it lasted the guarantee: straight time and any overtime are worked out
  on the guaranteed hours, and each such line says so ("10 h guaranteed a day, 7 h worked"). Meal
  penalties still come from the times worked; the paid hours count towards weekly overtime.
- **Overtime** (work days): hours past `overtime_after` at 1.5x the hourly rate (equivalent),
  hours past `double_time_after` at 2x. A memo with only a double-time threshold pays 2x past it.
- **Meal penalties** (work days): a meal is due within `meal_due_hours` of the call (the first)
  or of the end of the meal before (the next ones). For each meal taken late, and for the time
  from the last meal due to the wrap when no meal came before it, the penalty is `meal_penalty`
  per half hour, or part of one, late.
- **Sixth and seventh day** (work days): the sixth day worked in the production's work week adds
  (multiplier - 1) x the day's straight-time pay (the regular line), the seventh likewise with its
  own multiplier; overtime lines are already premium and are not multiplied again.
- **Weekly overtime** (`week_overtime`, if the rules set `week_overtime_after`): the straight
  hours of the week's work days (their regular lines), in date order, past that many earn 0.5x
  the hourly rate (equivalent) more, on the day they fall. A sixth or seventh day's hours count
  but earn none (its premium already multiplies them); no hourly rate, no weekly overtime.
- **Other kinds of day** (travel, hold, idle): straight time only (the day's share of a daily or
  weekly rate; worked hours of an hourly rate), no overtime, penalty or premium.
- **Money.** Each line's amount is worked out exactly from the rate, the multiplier and the
  minutes, and rounded once, half up, to the currency's minor unit (`round_money`); the day's total
  is the sum of rounded lines. The hourly rate a line shows is to 4 places, for reading only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, time, timedelta
from decimal import Context, Decimal

from apps.core.money import round_money
from apps.crew.pay_time import (  # noqa: F401 (hm, Span, PayError are the engine's words too)
    TIMES_OUT_OF_ORDER,
    PayError,
    Span,
    _after_call,
    _hours_text,
    _minutes,
    _plus,
    hm,
    span_of,
)

ZERO = Decimal("0")
ONE = Decimal("1")
OVERTIME = Decimal("1.5")
DOUBLE = Decimal("2")
DAYS_IN_A_WEEK_OF_PAY = 5
HALF_HOUR = 30
RATE_SHOWN = Decimal("0.0001")
_EXACT = Context(prec=60)

# Units and kinds as the memo and the timecard spell them (crew.models.RateUnit's values).
HOUR, DAY, WEEK, FLAT = "hour", "day", "week", "flat"
WORK, TRAVEL, HOLD, IDLE = "work", "travel", "hold", "idle"

# Pay codes: what a payroll export groups lines by.
REGULAR = "regular"
OVERTIME_CODE = "overtime"
DOUBLE_CODE = "double_time"
SIXTH_DAY = "sixth_day"
SEVENTH_DAY = "seventh_day"
WEEK_OVERTIME = "week_overtime"
MEAL_PENALTY = "meal_penalty"
FLAT_FEE = "flat"

UNKNOWN_UNIT = "Unknown rate unit {unit!r}."


@dataclass(frozen=True)
class Terms:
    """What a deal memo says about pay (see DealMemo)."""

    rate: Decimal
    unit: str = DAY
    overtime_after: Decimal | None = None
    double_time_after: Decimal | None = None
    guaranteed_hours: Decimal | None = None  # a day's hours paid however short the work day

    @classmethod
    def of(cls, memo) -> Terms:
        """A deal memo's terms (read from its fields; nothing is fetched)."""
        return cls(
            memo.rate,
            memo.unit,
            memo.overtime_after,
            memo.double_time_after,
            getattr(memo, "guaranteed_hours", None),
        )


@dataclass(frozen=True)
class Rules:
    """The production's pay rules (crew.PayRules) and its currency."""

    currency: str = "USD"
    meal_due_hours: Decimal = Decimal("6")
    meal_penalty: Decimal = Decimal("25.00")
    sixth_day: Decimal = Decimal("1.5")
    seventh_day: Decimal = Decimal("2")
    week_overtime_after: Decimal | None = None
    mileage_rate: Decimal = Decimal("0")  # per mile or km (payroll's week pays the distance)
    distance_unit: str = "mi"


@dataclass(frozen=True)
class Day:
    """One worked day: call, meals (out, back in), wrap; the kind of day; which day worked in the
    person's work week it is (1 to 7)."""

    call: time
    wrap: time
    meals: tuple[tuple[time, time], ...] = ()
    kind: str = WORK
    day_in_week: int = 1


@dataclass(frozen=True)
class PayLine:
    code: str
    rule: str
    minutes: int | None
    rate: Decimal  # the hourly rate with its multiplier, a penalty's amount, or a day's pay
    amount: Decimal

    @property
    def hours(self) -> Decimal | None:
        if self.minutes is None:
            return None
        return (Decimal(self.minutes) / 60).quantize(Decimal("0.01"))

    def as_json(self) -> dict:
        """For HotCostLine.detail (and a timecard's lines): text and decimal strings, no ids."""
        return {
            "code": self.code,
            "rule": self.rule,
            "hours": None if self.hours is None else str(self.hours),
            "rate": str(self.rate),
            "amount": str(self.amount),
        }


@dataclass(frozen=True)
class DayPay:
    lines: tuple[PayLine, ...] = field(default_factory=tuple)
    worked_minutes: int = 0

    @property
    def total(self) -> Decimal:
        """The sum of the rounded lines (never rounded again)."""
        return sum((line.amount for line in self.lines), ZERO)

    def as_json(self) -> list[dict]:
        return [line.as_json() for line in self.lines]


# --- Pay -----------------------------------------------------------------------------------------


def _money(value: Decimal, rules: Rules) -> Decimal:
    return round_money(value, rules.currency)


def _shown(rate: Decimal) -> Decimal:
    return rate.quantize(RATE_SHOWN, context=_EXACT)


def _day_share(terms: Terms) -> Decimal:
    """What one day of the memo is worth at straight time (daily and weekly rates)."""
    if terms.unit == WEEK:
        return _EXACT.divide(terms.rate, DAYS_IN_A_WEEK_OF_PAY)
    return terms.rate


def _hourly(terms: Terms) -> Decimal | None:
    """The straight hourly rate, or its equivalent for a daily or weekly rate (None when a day
    rate has no threshold to divide by)."""
    if terms.unit == HOUR:
        return terms.rate
    if not terms.overtime_after:
        return None
    return _EXACT.divide(_day_share(terms), terms.overtime_after)


def _timed_line(code, rule, minutes, hourly, multiplier, rules) -> PayLine:
    exact = _EXACT.divide(hourly * multiplier * minutes, 60)
    return PayLine(code, rule, minutes, _shown(hourly * multiplier), _money(exact, rules))


def _regular(terms: Terms, rules: Rules, worked: int, straight_only: bool) -> list[PayLine]:
    share = _day_share(terms)
    if terms.unit == HOUR:
        covered = worked if straight_only else min(worked, _threshold(terms) or worked)
        text = f"{hm(covered)} at 1x"
        return [_timed_line(REGULAR, text, covered, terms.rate, ONE, rules)]
    what = "a fifth of the weekly rate" if terms.unit == WEEK else "the day rate"
    if straight_only or not terms.overtime_after:
        text = f"{what}: the day"
    else:
        text = f"{what}: the day up to {_hours_text(terms.overtime_after)}"
    covered = worked if straight_only else min(worked, _threshold(terms) or worked)
    return [PayLine(REGULAR, text, covered, _shown(share), _money(share, rules))]


def _threshold(terms: Terms) -> int | None:
    """Minutes after which a day is no longer straight time."""
    first = terms.overtime_after or terms.double_time_after
    return int(first * 60) if first else None


def _overtime(terms: Terms, rules: Rules, worked: int) -> list[PayLine]:
    hourly = _hourly(terms)
    lines = []
    ot = int(terms.overtime_after * 60) if terms.overtime_after else None
    dt = int(terms.double_time_after * 60) if terms.double_time_after else None
    if hourly is None and dt is not None and terms.unit != HOUR:
        # A day rate with only a double-time threshold: its hour is day / that threshold.
        hourly = _EXACT.divide(_day_share(terms), terms.double_time_after)
    if hourly is None:
        return lines
    if ot is not None:
        end = min(worked, dt) if dt is not None and dt > ot else worked
        if end > ot:
            rule = f"{hm(end - ot)} at 1.5x after {hm(ot)}"
            lines.append(_timed_line(OVERTIME_CODE, rule, end - ot, hourly, OVERTIME, rules))
    if dt is not None and worked > dt:
        rule = f"{hm(worked - dt)} at 2x after {hm(dt)}"
        lines.append(_timed_line(DOUBLE_CODE, rule, worked - dt, hourly, DOUBLE, rules))
    return lines


def meal_penalties(span: Span, rules: Rules) -> list[PayLine]:
    due_after = int(rules.meal_due_hours * 60)
    rule_text = f"rule: {hm(due_after)}"
    lines = []
    start, since = 0, "call"
    for number, (out, back) in enumerate(span.meals, start=1):
        late = out - start - due_after
        if late > 0:
            what = "meal" if number == 1 else f"meal {number}"
            text = f"meal penalty: {what} {hm(out - start)} after {since} ({rule_text})"
            lines.append(_penalty(text, late, rules))
        start, since = back, f"meal {number}"
    late = span.wrap - start - due_after
    if late > 0:
        text = f"meal penalty: no meal for {hm(span.wrap - start)} after {since} ({rule_text})"
        lines.append(_penalty(text, late, rules))
    return lines


def _penalty(text: str, late: int, rules: Rules) -> PayLine:
    halves = -(-late // HALF_HOUR)
    amount = _money(rules.meal_penalty * halves, rules)
    text = f"{text}: {halves} half hour{'s' if halves != 1 else ''} late"
    return PayLine(MEAL_PENALTY, text, late, rules.meal_penalty, amount)


def _premium(day: Day, rules: Rules, regular: list[PayLine]) -> list[PayLine]:
    if day.day_in_week == 6:
        code, multiplier, nth = SIXTH_DAY, rules.sixth_day, "6th"
    elif day.day_in_week >= 7:
        code, multiplier, nth = SEVENTH_DAY, rules.seventh_day, "7th"
    else:
        return []
    straight = sum((line.amount for line in regular), ZERO)
    if multiplier <= ONE or not straight:
        return []
    rule = f"{nth} day in the week: {multiplier.normalize():f}x"
    amount = _money(straight * (multiplier - ONE), rules)
    return [PayLine(code, rule, None, straight, amount)]


def day_pay(terms: Terms, rules: Rules, day: Day) -> DayPay:
    """The day's pay as lines, each with its rule; see the module's docstring for the rules."""
    if terms.unit not in (HOUR, DAY, WEEK, FLAT):
        raise PayError(UNKNOWN_UNIT.format(unit=terms.unit))
    span = span_of(day)
    worked = span.worked
    work = day.kind == WORK
    if terms.unit == FLAT:
        flat = PayLine(FLAT_FEE, "flat fee: paid once for the engagement", None, ZERO, ZERO)
        return DayPay((flat, *(meal_penalties(span, rules) if work else [])), worked)
    if not work:
        return DayPay(tuple(_regular(terms, rules, worked, straight_only=True)), worked)
    paid = _guaranteed(terms, worked)
    regular = _regular(terms, rules, paid, straight_only=False)
    timed = [*regular, *_overtime(terms, rules, paid)]
    if paid > worked:
        note = f" ({hm(paid)} guaranteed a day, {hm(worked)} worked)"
        timed = [replace(line, rule=line.rule + note) for line in timed]
        regular = timed[: len(regular)]
    lines = [*timed, *meal_penalties(span, rules), *_premium(day, rules, regular)]
    return DayPay(tuple(lines), worked)


def _guaranteed(terms: Terms, worked: int) -> int:
    """The minutes a work day is paid for: those worked, at least the memo's guaranteed hours."""
    if not terms.guaranteed_hours:
        return worked
    return max(worked, int(terms.guaranteed_hours * 60))


HALF = Decimal("0.5")


def week_overtime(
    terms: Terms, rules: Rules, days: Iterable[DayPay], already: int = 0
) -> list[list[PayLine]]:
    """Each of the week's work days' (DayPay, in date order) weekly overtime lines (see above);
    `already`: straight minutes of the week counted before the first of `days` (hot costs)."""
    days = list(days)
    limit = int(rules.week_overtime_after * 60) if rules.week_overtime_after else None
    hourly = _hourly(terms) if terms.unit != FLAT else None
    if limit is None or hourly is None:
        return [[] for _ in days]
    found, counted = [], already
    for day in days:
        straight = sum(line.minutes or 0 for line in day.lines if line.code == REGULAR)
        past = max(0, counted + straight - max(limit, counted))
        counted += straight
        premium = any(line.code in (SIXTH_DAY, SEVENTH_DAY) for line in day.lines)
        if not past or premium:
            found.append([])
            continue
        rule = f"{hm(past)} past {hm(limit)} in the week: 0.5x more (1.5x in all)"
        found.append([_timed_line(WEEK_OVERTIME, rule, past, hourly, HALF, rules)])
    return found


def planned_day(
    terms: Terms, rules: Rules, call: time, wrap: time | None, meal: time | None = None
) -> Day:
    """The day the plan pays (hot costs). From the scheduled call to the scheduled wrap, with one
    half-hour meal at the scheduled lunch, or when none is printed at the hour the meal falls due
    (so the plan itself carries no meal penalty). Without a scheduled wrap: a day of exactly the
    memo's overtime threshold worked (PLANNED_HOURS when it has none), with that half-hour meal."""
    meal_at = meal if meal is not None else _plus(call, int(rules.meal_due_hours * 60))
    meals = ((meal_at, _plus(meal_at, HALF_HOUR)),)
    if wrap is None:
        hours = terms.overtime_after or terms.double_time_after or PLANNED_HOURS
        wrap = _plus(call, int(hours * 60) + HALF_HOUR)
    if _after_call(call, meal_at) >= _after_call(call, wrap):
        meals = ()
    return Day(call=call, wrap=wrap, meals=meals)


PLANNED_HOURS = Decimal("10")


def day_in_week(day: date, days_worked: Iterable[date], week_starts: int = 0) -> int:
    """Which day worked in its work week `day` is (1 for the first): one more than the days
    worked before it in the same week. `week_starts` is the weekday the week begins on (Monday 0,
    as date.weekday() counts)."""
    start = day - timedelta(days=(day.weekday() - week_starts) % 7)
    return 1 + sum(1 for d in set(days_worked) if start <= d < day)
