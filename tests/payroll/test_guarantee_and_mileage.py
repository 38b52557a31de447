"""A memo's guaranteed hours a day, and mileage as distance x the production's rate: each worked out
here by hand (plain Decimal arithmetic) and compared with the engine, the timecard and the
export, with the rule shown on the line."""

from __future__ import annotations

import csv
import io
from datetime import time, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse

from apps.crew import pay
from apps.crew.models import PayRules
from apps.payroll import services, week
from tests.payroll.conftest import START, approved, hire

D = Decimal
CENT = D("0.01")
pytestmark = pytest.mark.django_db


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def day(call, wrap, meal=None, kind=pay.WORK, nth=1) -> pay.Day:
    meals = ((meal, time(meal.hour, meal.minute + 30)),) if meal else ()
    return pay.Day(call=call, wrap=wrap, meals=meals, kind=kind, day_in_week=nth)


def amounts(paid) -> dict:
    return {line.code: line.amount for line in paid.lines}


# --- Guaranteed hours -----------------------------------------------------------------------------


def test_an_hourly_memo_s_short_day_is_paid_its_guaranteed_hours_with_the_rule():
    terms = pay.Terms(D("50"), pay.HOUR, D("10"), D("12"), guaranteed_hours=D("10"))
    paid = pay.day_pay(terms, pay.Rules(), day(time(8), time(15, 30), meal=time(12)))  # 7 h
    assert paid.worked_minutes == 7 * 60
    assert paid.total == D("50") * 10  # 500.00: ten hours, not seven
    (line,) = paid.lines
    assert line.rule == "10 h at 1x (10 h guaranteed a day, 7 h worked)"


def test_a_guarantee_past_the_overtime_threshold_pays_its_overtime_on_a_short_day():
    """600 a day, 1.5x after 10 h, a 12-hour guarantee; worked 7 h 30."""
    terms = pay.Terms(D("600"), pay.DAY, D("10"), None, guaranteed_hours=D("12"))
    paid = pay.day_pay(terms, pay.Rules(), day(time(8), time(16), meal=time(12)))
    hourly = D("600") / 10
    assert amounts(paid) == {"regular": D("600.00"), "overtime": cents(hourly * D("1.5") * 2)}
    assert paid.total == D("780.00")
    assert all("12 h guaranteed a day, 7 h 30 worked" in line.rule for line in paid.lines)


def test_a_day_longer_than_the_guarantee_is_paid_as_worked_and_says_nothing_of_it():
    terms = pay.Terms(D("50"), pay.HOUR, D("10"), D("12"), guaranteed_hours=D("8"))
    paid = pay.day_pay(terms, pay.Rules(), day(time(7), time(19), meal=time(12)))  # 11 h 30
    penalty = D("25.00")  # 12:30 to 19:00 is 6 h 30 without a meal: one half hour late
    expected = D("50") * 10 + cents(D("50") * D("1.5") * D("1.5")) + penalty
    assert paid.total == expected
    assert not any("guaranteed" in line.rule for line in paid.lines)


def test_a_guaranteed_sixth_day_takes_its_premium_on_the_guaranteed_straight_time():
    terms = pay.Terms(D("40"), pay.HOUR, D("10"), None, guaranteed_hours=D("8"))
    paid = pay.day_pay(terms, pay.Rules(), day(time(8), time(13), nth=6))  # 5 h, no meal
    straight = D("40") * 8
    assert amounts(paid) == {"regular": straight, "sixth_day": cents(straight * D("0.5"))}


def test_a_guarantee_pays_no_unworked_hours_on_travel_or_hold_days():
    terms = pay.Terms(D("50"), pay.HOUR, D("10"), None, guaranteed_hours=D("10"))
    paid = pay.day_pay(terms, pay.Rules(), day(time(8), time(12), kind=pay.TRAVEL))
    assert paid.total == D("200.00")  # 4 h worked at 1x


def test_a_memo_s_guaranteed_hours_reach_the_timecard(client, production, version, accountant):
    engagement = hire(production, name="Ada Lovelace", rate=D("50"), unit="hour",
                      guaranteed_hours=D("10"))  # fmt: skip
    timecard = services.timecard_start(engagement=engagement, day=START)
    short = {"kind": "work", "call": time(8), "wrap": time(14)}  # 6 h, no meal
    timecard = services.timecard_save(
        timecard=timecard, expected_version=timecard.version, days={START: short}
    )
    assert timecard.total == D("500.00")
    client.force_login(accountant)
    page = client.get(reverse("payroll:detail", args=[production.slug, timecard.pk]))
    body = page.content.decode()
    assert "10 h guaranteed a day" in body and "(10 h guaranteed a day, 6 h worked)" in body


# --- Mileage --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rate", "distance", "unit"),
    [(D("0.67"), D("37"), "mi"), (D("0.585"), D("15"), "mi"), (D("0.45"), D("42.5"), "km")],
)
def test_mileage_is_the_distance_times_the_rate_rounded_once_half_up(rate, distance, unit):
    rules = pay.Rules(mileage_rate=rate, distance_unit=unit)
    entry = week.Entry(date=START, distance=distance)
    paid = week.week_pay(pay.Terms(D("500")), rules, [entry])
    (line,) = paid.lines
    assert line.amount == cents(distance * rate)  # 24.79, 8.78 (8.775 half up), 19.13
    assert (line.code, line.wage) == ("mileage", False)
    assert f"{distance.normalize():f} {unit} x {rate.normalize():f} USD a {unit}" in line.rule
    assert "rounded half up" in line.rule


def test_an_amount_typed_before_distances_still_pays_as_typed():
    paid = week.week_pay(pay.Terms(D("500")), pay.Rules(), [week.Entry(START, mileage=D("12.5"))])
    assert [(line.rule, line.amount) for line in paid.lines] == [
        ("mileage (amount entered)", D("12.50"))
    ]


def test_the_timecard_and_the_export_carry_the_distance_and_its_amount(
    client, production, engagement, head, accountant
):
    PayRules.objects.create(production=production, mileage_rate=D("0.67"), distance_unit="mi")
    timecard = services.timecard_start(engagement=engagement, day=START)
    days = {
        START: {
            "kind": "work",
            "call": time(8),
            "wrap": time(18),
            "meal1_out": time(13),
            "meal1_in": time(13, 30),
            "distance": D("37"),
        },  # fmt: skip
        START + timedelta(days=1): {"kind": "travel", "distance": D("120.5")},
    }
    timecard = services.timecard_save(
        timecard=timecard, expected_version=timecard.version, days=days
    )
    mileage = cents(D("37") * D("0.67")) + cents(D("120.5") * D("0.67"))  # 24.79 + 80.74
    assert timecard.total == D("500") * 2 + mileage
    assert timecard.wage == D("1000.00")  # mileage carries no fringes
    approved(timecard, head)

    client.force_login(accountant)
    url = reverse("payroll:export", args=[production.slug, "csv"]) + f"?week={START}"
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode())))
    assert rows[0][-1] == "Distance (mi)"
    (line,) = [row for row in rows if row[4] == "mileage"]
    assert (line[6], line[7]) == (f"{mileage}", "157.5")
    page = client.get(reverse("payroll:detail", args=[production.slug, timecard.pk]))
    assert "mileage: 37 mi x 0.67 USD a mi" in page.content.decode()
