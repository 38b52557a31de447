"""A timecard's week of pay, for several memo shapes: every expected figure is worked out here by
hand (rate, hours, multiplier), not by the engine, and compared to the cent."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal as D

import pytest

from apps.crew import pay
from apps.payroll import week
from apps.payroll.week import Entry, WeekError

MONDAY = date(2030, 3, 4)
RULES = pay.Rules()  # USD, meal due within 6 h, 25.00 per half hour, 6th 1.5x, 7th 2x


def day(n: int, call=None, wrap=None, meal1=(None, None), meal2=(None, None), kind="work", **kw):
    return Entry(MONDAY + timedelta(days=n), kind, call, wrap, meal1, meal2, **kw)


def codes(paid: week.WeekPay) -> dict[str, D]:
    found: dict[str, D] = {}
    for line in paid.lines:
        found[line.code] = found.get(line.code, D(0)) + line.amount
    return found


def test_a_daily_memo_pays_the_day_overtime_double_time_and_a_late_meal():
    terms = pay.Terms(D("500.00"), pay.DAY, D("10"), D("12"))
    # 07:00 to 21:00 with a half-hour meal at 13:00: 13 h 30 worked.
    paid = week.week_pay(terms, RULES, [day(0, time(7), time(21), (time(13), time(13, 30)))])
    hourly = D("500") / 10
    overtime = hourly * D("1.5") * 2  # 10 h to 12 h
    double = hourly * 2 * D("1.5")  # 12 h to 13 h 30
    # the meal came 6 h after the call (on time); from 13:30 to the wrap is 7 h 30 without one:
    # 1 h 30 late, 3 half hours at 25.00
    penalty = 3 * D("25")
    assert codes(paid) == {
        "regular": D("500.00"),
        "overtime": overtime,
        "double_time": double,
        "meal_penalty": penalty,
    }
    assert paid.total == D("500") + D("150") + D("150") + D("75") == D("875.00")
    rules = [line.rule for line in paid.lines]
    assert "2 h at 1.5x after 10 h" in rules and "1 h 30 at 2x after 12 h" in rules
    assert any("no meal for 7 h 30 after meal 1" in rule for rule in rules)


def test_an_hourly_memo_pays_its_hours_and_time_and_a_half_past_its_threshold():
    terms = pay.Terms(D("40.00"), pay.HOUR, D("8"))
    paid = week.week_pay(terms, RULES, [day(1, time(8), time(18, 30))])  # 10 h 30, no meal
    straight = D("40") * 8
    overtime = D("40") * D("1.5") * D("2.5")
    late_halves = (10 * 60 + 30 - 6 * 60) // 30  # 270 minutes late: 9 half hours
    assert codes(paid) == {
        "regular": straight,
        "overtime": overtime,
        "meal_penalty": late_halves * D("25"),
    }
    assert paid.total == D("320") + D("150") + D("225")


def test_a_rate_in_odd_cents_is_rounded_once_per_line_half_up():
    terms = pay.Terms(D("487.50"), pay.DAY, D("10"))
    # 07:00 to 18:40 with a half-hour meal at 12:30: 11 h 10 worked, 1 h 10 past 10 h.
    paid = week.week_pay(terms, RULES, [day(0, time(7), time(18, 40), (time(12, 30), time(13)))])
    # 48.75 an hour x 1.5 x 70/60 h = 85.3125 -> 85.31
    assert codes(paid)["overtime"] == D("85.31")
    assert paid.total == D("487.50") + D("85.31")


def test_a_weekly_memo_pays_a_fifth_a_day_and_the_sixth_and_seventh_day_premiums():
    terms = pay.Terms(D("2500.00"), pay.WEEK, D("10"))
    # seven days of 07:00 to 17:30 with a meal at 12:00: 10 h each, no overtime, no penalty
    days = [day(n, time(7), time(17, 30), (time(12), time(12, 30))) for n in range(7)]
    paid = week.week_pay(terms, RULES, days)
    share = D("2500") / 5
    assert codes(paid) == {
        "regular": 7 * share,
        "sixth_day": share * (D("1.5") - 1),
        "seventh_day": share * (D("2") - 1),
    }
    assert paid.total == D("3500") + D("250") + D("500")
    sixth = paid.of(MONDAY + timedelta(days=5))
    assert [line.rule for line in sixth][-1] == "6th day in the week: 1.5x"


def test_hold_days_are_paid_but_do_not_count_towards_the_sixth_day_and_travel_days_do():
    terms = pay.Terms(D("600.00"), pay.DAY, D("10"))
    work = [day(n, time(8), time(18, 30), (time(13), time(13, 30))) for n in range(1, 6)]
    held = week.week_pay(terms, RULES, [day(0, kind="hold"), *work])
    assert codes(held) == {"regular": 6 * D("600")}  # the sixth day is only the 5th worked
    travelled = week.week_pay(terms, RULES, [day(0, kind="travel"), *work])
    assert codes(travelled) == {"regular": 6 * D("600"), "sixth_day": D("600") * D("0.5")}


def test_a_second_meal_taken_late_is_a_penalty_and_overtime_runs_to_double_time():
    terms = pay.Terms(D("600.00"), pay.DAY, D("10"), D("12"))
    entry = day(0, time(6), time(22), (time(11), time(11, 30)), (time(18, 30), time(19)))
    paid = week.week_pay(terms, RULES, [entry])
    hourly = D("60")
    # 16 h less two half-hour meals: 15 h; 2 h at 1.5x, 3 h at 2x; meal 2 came 7 h after meal 1
    # ended: 1 h late, 2 half hours; the wrap 3 h after meal 2
    assert codes(paid) == {
        "regular": D("600"),
        "overtime": hourly * D("1.5") * 2,
        "double_time": hourly * 2 * 3,
        "meal_penalty": 2 * D("25"),
    }
    assert paid.total == D("1190.00")


def test_the_productions_own_rules_change_the_penalty_and_the_premium():
    rules = pay.Rules(meal_due_hours=D("5"), meal_penalty=D("30.00"), sixth_day=D("1.25"))
    terms = pay.Terms(D("400.00"), pay.DAY, D("10"))
    days = [day(n, time(8), time(17, 30), (time(13, 30), time(14))) for n in range(6)]
    paid = week.week_pay(terms, rules, days)
    # each day: the meal 5 h 30 after the call (30 minutes late: one half hour at 30.00)
    assert codes(paid) == {
        "regular": 6 * D("400"),
        "meal_penalty": 6 * D("30"),
        "sixth_day": D("400") * D("0.25"),
    }


def test_kit_and_mileage_are_their_own_lines_and_not_pay():
    terms = pay.Terms(D("500.00"), pay.DAY, D("10"))
    paid = week.week_pay(
        terms,
        RULES,
        [
            day(0, time(8), time(18), (time(13), time(13, 30)), kit=D("35"), mileage=D("12.345")),
            day(1, kind="", kit=D("35")),  # kit rented on a day not worked
        ],
    )
    assert codes(paid) == {"regular": D("500"), "kit": D("70"), "mileage": D("12.35")}
    assert paid.wage == D("500")
    assert paid.reimbursed == D("82.35")


def test_a_hold_day_without_times_pays_the_day_share_and_an_hourly_memo_nothing():
    daily = week.week_pay(pay.Terms(D("500"), pay.DAY, D("10")), RULES, [day(0, kind="hold")])
    hourly = week.week_pay(pay.Terms(D("40"), pay.HOUR, D("8")), RULES, [day(0, kind="idle")])
    assert daily.total == D("500") and hourly.total == D("0")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (day(0, time(7), None), "Mon 04 Mar: a work day needs its call and its wrap."),
        (
            day(0, time(7), time(18), (time(12), None)),
            "Mon 04 Mar: give the meal both its out and its in, or neither.",
        ),
        (
            day(0, time(7), time(18), (time(13), time(12))),
            "Mon 04 Mar: The times are out of order: meal 1 back before it went.",
        ),
    ],
)
def test_a_day_that_cannot_be_paid_is_refused_naming_it(entry, message):
    with pytest.raises(WeekError) as refused:
        week.week_pay(pay.Terms(D("500"), pay.DAY, D("10")), RULES, [entry])
    assert refused.value.message == message


def test_weekly_overtime_pays_half_again_for_straight_hours_past_the_weeks_threshold():
    rules = pay.Rules(meal_due_hours=D("12"), week_overtime_after=D("40"))
    terms = pay.Terms(D("30.00"), pay.HOUR)  # no daily threshold: every hour is straight time
    paid = week.week_pay(terms, rules, [day(n, time(7), time(19)) for n in range(4)])  # 4 x 12 h
    past = 4 * 12 - 40  # the last 8 hours of Thursday
    assert codes(paid) == {"regular": 48 * D("30"), "week_overtime": past * D("30") * D("0.5")}
    thursday = paid.of(MONDAY + timedelta(days=3))
    assert thursday[-1].rule == "8 h past 40 h in the week: 0.5x more (1.5x in all)"
    assert paid.total == D("1440") + D("120")


def test_a_day_rate_counts_its_day_up_to_its_threshold_and_a_sixth_day_earns_no_weekly_overtime():
    rules = pay.Rules(week_overtime_after=D("40"))
    terms = pay.Terms(D("500.00"), pay.DAY, D("10"))
    # Monday to Friday 07:00-18:30 with a meal at 12:00: 11 h worked, 10 h of them straight
    days = [day(n, time(7), time(18, 30), (time(12), time(12, 30))) for n in range(5)]
    saturday = day(5, time(7), time(17, 30), (time(12), time(12, 30)))  # 10 h, the 6th day
    paid = week.week_pay(terms, rules, [*days, saturday])
    hourly = D("500") / 10
    assert codes(paid) == {
        "regular": 6 * D("500"),
        "overtime": 5 * hourly * D("1.5"),  # an hour a day past 10 h
        "week_overtime": 10 * hourly * D("0.5"),  # Friday's 10 straight hours, past 40 h
        "sixth_day": D("500") * D("0.5"),  # Saturday: past 40 h too, but already premium
    }
    assert paid.total == D("3000") + D("375") + D("250") + D("250")


def test_without_a_weekly_threshold_there_is_no_weekly_overtime():
    terms = pay.Terms(D("30.00"), pay.HOUR)
    rules = pay.Rules(meal_due_hours=D("12"))
    paid = week.week_pay(terms, rules, [day(n, time(7), time(19)) for n in range(5)])
    assert "week_overtime" not in codes(paid)
