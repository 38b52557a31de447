from decimal import Decimal

import pytest

from apps.budgets.engine.money import exact_product, money_sum
from apps.core.money import minor_units, round_money


@pytest.mark.parametrize(("currency", "places"), [("JPY", 0), ("USD", 2), ("EUR", 2), ("KWD", 3)])
def test_minor_units_come_from_the_currency(currency, places):
    assert minor_units(currency) == places


def test_an_unknown_currency_code_is_a_value_error():
    with pytest.raises(ValueError, match="Unknown currency code 'XYZ'"):
        minor_units("XYZ")


@pytest.mark.parametrize(
    ("value", "currency", "expected"),
    [
        ("2.345", "USD", "2.35"),
        ("2.344", "USD", "2.34"),
        ("-2.345", "USD", "-2.35"),
        ("2.5", "JPY", "3"),
        ("1499.4999", "JPY", "1499"),
        ("1.2345", "KWD", "1.235"),
        ("7", "USD", "7.00"),
    ],
)
def test_round_money_rounds_half_up_to_the_minor_unit(value, currency, expected):
    rounded = round_money(Decimal(value), currency)
    assert rounded == Decimal(expected)
    assert str(rounded) == expected


def test_round_money_accepts_an_int():
    assert str(round_money(12, "USD")) == "12.00"


@pytest.mark.parametrize("value", [1.5, True, "1.5", None])
def test_round_money_rejects_floats_and_other_non_decimals_with_type_error(value):
    with pytest.raises(TypeError):
        round_money(value, "USD")


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity")])
def test_round_money_rejects_values_that_are_not_finite(value):
    with pytest.raises(ValueError, match="finite"):
        round_money(value, "USD")


def test_money_sum_is_exact_where_the_default_context_would_round():
    values = [Decimal("12345678901234567890123456.78"), Decimal("0.01")]
    assert money_sum(values) == Decimal("12345678901234567890123456.79")


def test_exact_product_does_not_round_before_the_money_rounding():
    # 28-digit arithmetic would round the product up to exactly x.xx5 and then round half up.
    factors = [Decimal("1.004999999999999999999999999999"), Decimal(1)]
    assert round_money(factors[0] * factors[1], "USD") == Decimal("1.01")
    assert round_money(exact_product(*factors), "USD") == Decimal("1.00")


def test_money_sum_and_exact_product_reject_floats():
    with pytest.raises(TypeError):
        money_sum([Decimal(1), 0.1])
    with pytest.raises(TypeError):
        exact_product(Decimal(1), 0.1)
