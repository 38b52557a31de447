"""The pay engine (apps/crew/pay.py): every expected amount is worked out by hand in the test, in
plain numbers, never through the engine's helpers."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest

from apps.crew.pay import Day, PayError, Rules, Terms, day_in_week, day_pay, planned_day

D = Decimal
USD = Rules(currency="USD")


def amounts(pay) -> dict[str, Decimal]:
    found: dict[str, Decimal] = {}
    for line in pay.lines:
        found[line.code] = found.get(line.code, D("0")) + line.amount
    return found


def test_a_daily_rate_with_time_and_a_half_double_time_and_a_late_meal():
    # 600/day, 1.5x after 10 h, 2x after 12 h. Call 07:00, lunch 13:45-14:15, wrap 20:30.
    # Worked: 13 h 30 on the clock less 30 min of meal = 13 h.
    # Hourly equivalent 600 / 10 = 60. Overtime 10-12 h: 2 h x 90 = 180. Double 12-13 h: 1 h x
    # 120 = 120. The meal came 6 h 45 after call, 45 min past the 6 h rule: two half hours
    # started, 2 x 25 = 50. After the meal (14:15) to wrap (20:30) is 6 h 15 with no second
    # meal: 15 min late, one half hour, 25.
    terms = Terms(D("600"), "day", D("10"), D("12"))
    day = Day(call=time(7), wrap=time(20, 30), meals=((time(13, 45), time(14, 15)),))
    pay = day_pay(terms, USD, day)
    assert pay.worked_minutes == 13 * 60
    assert amounts(pay) == {
        "regular": D("600.00"),
        "overtime": D("180.00"),
        "double_time": D("120.00"),
        "meal_penalty": D("75.00"),
    }
    assert pay.total == D("975.00")
    rules = [line.rule for line in pay.lines]
    assert "2 h at 1.5x after 10 h" in rules
    assert "1 h at 2x after 12 h" in rules
    assert "meal penalty: meal 6 h 45 after call (rule: 6 h): 2 half hours late" in rules


def test_an_hourly_rate_rounds_each_line_once_half_up():
    # 37.35/h, 1.5x after 8 h, 2x after 10 h. Call 06:00, meal 11:00-11:30, wrap 17:20: 11 h 20
    # less 30 min = 10 h 50 worked.
    # Regular 8 h x 37.35 = 298.80. Overtime 2 h x 56.025 = 112.05. Double 50 min:
    # 37.35 x 2 x 50 / 60 = 62.25. No penalty: the meal came 5 h after call, and from 11:30 to
    # 17:20 is 5 h 50.
    terms = Terms(D("37.35"), "hour", D("8"), D("10"))
    day = Day(call=time(6), wrap=time(17, 20), meals=((time(11), time(11, 30)),))
    pay = day_pay(terms, USD, day)
    assert amounts(pay) == {
        "regular": D("298.80"),
        "overtime": D("112.05"),
        "double_time": D("62.25"),
    }
    assert pay.total == D("473.10")


def test_an_hourly_line_that_ends_on_half_a_cent_rounds_up():
    # 10.01/h, 1.5x after 1 h: overtime of 1 h at 15.015 is 15.02 (half up), not 15.01.
    terms = Terms(D("10.01"), "hour", D("1"))
    pay = day_pay(terms, USD, Day(call=time(9), wrap=time(11)))
    assert amounts(pay) == {"regular": D("10.01"), "overtime": D("15.02")}


def test_a_weekly_rate_pays_a_fifth_of_the_week_a_day():
    # 2,750/week: a day is 550; with 1.5x after 11 h the hour is 50, overtime 75/h.
    # Call 08:00, meal 13:00-14:00 (an hour, unpaid), wrap 21:30: 13 h 30 - 1 h = 12 h 30.
    # Overtime 1 h 30 x 75 = 112.50. After the meal 14:00 to 21:30 is 7 h 30: 1 h 30 late,
    # three half hours, 75.
    terms = Terms(D("2750"), "week", D("11"))
    day = Day(call=time(8), wrap=time(21, 30), meals=((time(13), time(14)),))
    pay = day_pay(terms, USD, day)
    assert amounts(pay) == {
        "regular": D("550.00"),
        "overtime": D("112.50"),
        "meal_penalty": D("75.00"),
    }


def test_a_short_day_on_a_day_rate_still_pays_the_day():
    terms = Terms(D("480"), "day", D("10"), D("12"))
    pay = day_pay(terms, USD, Day(call=time(9), wrap=time(12)))
    assert amounts(pay) == {"regular": D("480.00")}


def test_a_wrap_after_midnight_counts_the_hours_past_it():
    # 400/day, 1.5x after 10 h, 2x after 12 h. Call 14:00, meal 19:00-19:30, wrap 03:00 next
    # morning: 13 h on the clock, 12 h 30 worked. Hour 40: overtime 2 h x 60 = 120, double
    # 30 min x 80 = 40. From 19:30 to 03:00 is 7 h 30 without a meal: 90 min late, 3 x 25 = 75.
    terms = Terms(D("400"), "day", D("10"), D("12"))
    day = Day(call=time(14), wrap=time(3), meals=((time(19), time(19, 30)),))
    pay = day_pay(terms, USD, day)
    assert pay.worked_minutes == 12 * 60 + 30
    assert amounts(pay) == {
        "regular": D("400.00"),
        "overtime": D("120.00"),
        "double_time": D("40.00"),
        "meal_penalty": D("75.00"),
    }


def test_a_meal_after_midnight_is_read_as_the_next_day_too():
    # Call 18:00, meal 00:15-00:45, wrap 04:00: 10 h on the clock, 9 h 30 worked. The meal came
    # 6 h 15 after call: one half hour late, 25.
    terms = Terms(D("500"), "day", D("10"))
    day = Day(call=time(18), wrap=time(4), meals=((time(0, 15), time(0, 45)),))
    pay = day_pay(terms, USD, day)
    assert pay.worked_minutes == 9 * 60 + 30
    assert amounts(pay) == {"regular": D("500.00"), "meal_penalty": D("25.00")}


def test_the_sixth_day_adds_half_the_straight_time_and_the_seventh_a_whole():
    # 500/day, 1.5x after 10 h; an 11 h day (07:00-18:30, meal 12:00-12:30).
    # Overtime 1 h x 75 = 75. Sixth day: (1.5 - 1) x 500 = 250. Seventh: (2 - 1) x 500 = 500.
    terms = Terms(D("500"), "day", D("10"))
    meals = ((time(12), time(12, 30)),)
    fifth = day_pay(terms, USD, Day(time(7), time(18, 30), meals, day_in_week=5))
    sixth = day_pay(terms, USD, Day(time(7), time(18, 30), meals, day_in_week=6))
    seventh = day_pay(terms, USD, Day(time(7), time(18, 30), meals, day_in_week=7))
    assert fifth.total == D("575.00")
    assert amounts(sixth)["sixth_day"] == D("250.00")
    assert sixth.total == D("825.00")
    assert amounts(seventh)["seventh_day"] == D("500.00")
    assert seventh.total == D("1075.00")
    assert "6th day in the week: 1.5x" in [line.rule for line in sixth.lines]


def test_the_production_sets_its_own_meal_rule_and_premiums():
    # Meal due within 5 h, 40.00 per half hour; sixth day 2x. 300/day, no overtime threshold.
    # Call 07:00, meal 12:40: 40 min late, two half hours, 80. Sixth day premium (2 - 1) x 300.
    rules = Rules(currency="USD", meal_due_hours=D("5"), meal_penalty=D("40.00"), sixth_day=D("2"))
    terms = Terms(D("300"), "day")
    day = Day(time(7), time(16), ((time(12, 40), time(13, 10)),), day_in_week=6)
    pay = day_pay(terms, rules, day)
    assert amounts(pay) == {
        "regular": D("300.00"),
        "meal_penalty": D("80.00"),
        "sixth_day": D("300.00"),
    }


def test_a_day_with_no_meal_pays_a_penalty_to_wrap():
    # Call 08:00, no meal, wrap 15:10: 7 h 10, 70 min past the 6 h rule: three half hours, 75.
    terms = Terms(D("300"), "day", D("10"))
    pay = day_pay(terms, USD, Day(time(8), time(15, 10)))
    assert amounts(pay)["meal_penalty"] == D("75.00")
    assert "no meal for 7 h 10 after call" in pay.lines[-1].rule


def test_japanese_yen_round_to_the_yen():
    # 33,333/day, 1.5x after 10 h: the hour is 3,333.3; 1 h 10 of overtime is
    # 3,333.3 x 1.5 x 70 / 60 = 5,833.275 -> 5,833.
    rules = Rules(currency="JPY", meal_penalty=D("2500"))
    pay = day_pay(Terms(D("33333"), "day", D("10")), rules, Day(time(9), time(20, 10)))
    assert amounts(pay)["overtime"] == D("5833")


def test_a_flat_fee_is_no_cost_of_the_day_but_a_late_meal_is():
    pay = day_pay(Terms(D("9000"), "flat"), USD, Day(time(7), time(14, 5)))
    assert amounts(pay) == {"flat": D("0"), "meal_penalty": D("75.00")}


def test_travel_hold_and_idle_days_pay_straight_time_only():
    day_rate = Terms(D("500"), "day", D("10"))
    hourly = Terms(D("40"), "hour", D("8"))
    long_day = Day(time(6), time(20), kind="travel", day_in_week=6)
    assert day_pay(day_rate, USD, long_day).total == D("500.00")
    assert day_pay(hourly, USD, long_day).total == D("560.00")  # 14 h x 40, no overtime


def test_times_out_of_order_are_refused():
    with pytest.raises(PayError):
        day_pay(Terms(D("500")), USD, Day(time(8), time(18), ((time(13), time(12)),)))
    with pytest.raises(PayError):
        day_pay(Terms(D("500"), "fortnight"), USD, Day(time(8), time(18)))


def test_every_line_says_its_rule_and_round_trips_as_json_without_ids():
    pay = day_pay(Terms(D("600"), "day", D("10"), D("12")), USD, Day(time(7), time(20)))
    lines = pay.as_json()
    assert [set(line) for line in lines] == [{"code", "rule", "hours", "rate", "amount"}] * len(
        lines
    )
    assert sum(D(line["amount"]) for line in lines) == pay.total


def test_the_days_place_in_the_work_week():
    # Weeks start on Monday (0): Monday 3 June 2024 .. Sunday 9 June.
    worked = [date(2024, 6, d) for d in (3, 4, 5, 6, 7, 8)]
    assert day_in_week(date(2024, 6, 8), worked) == 6
    assert day_in_week(date(2024, 6, 9), worked) == 7
    assert day_in_week(date(2024, 6, 10), worked) == 1
    # A week starting on Sunday (6): Saturday 8 June is the 6th day worked since Sunday 2 June.
    assert day_in_week(date(2024, 6, 8), worked, week_starts=6) == 6
    assert day_in_week(date(2024, 6, 9), worked, week_starts=6) == 1


def test_the_planned_day_runs_to_the_scheduled_wrap_or_the_overtime_threshold():
    terms = Terms(D("600"), "day", D("10"), D("12"))
    # No wrap on the sheet: 10 h worked and a half-hour meal when it falls due, so the plan pays
    # the day rate only.
    plan = planned_day(terms, USD, time(7), None)
    assert day_pay(terms, USD, plan).total == D("600.00")
    # A scheduled wrap at 19:00 with lunch at 12:30: 11 h 30 worked, 1 h 30 of overtime at 90;
    # 13:00 to 19:00 is exactly the 6 h rule, not late.
    plan = planned_day(terms, USD, time(7), time(19), time(12, 30))
    assert day_pay(terms, USD, plan).total == D("735.00")
    # A schedule that runs 6 h 30 past the meal plans its penalty too (one half hour, 25).
    plan = planned_day(terms, USD, time(7), time(19, 30), time(12, 30))
    assert day_pay(terms, USD, plan).total == D("805.00")
