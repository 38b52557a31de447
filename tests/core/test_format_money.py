"""format_money (apps/core/money.py) writes exactly what Babel's format_currency writes in en_US,
for every currency Babel knows, any amount, rounding included: it reads Babel's pattern once
per currency instead of on every call."""

from decimal import Decimal

import pytest
from babel.numbers import format_currency, list_currencies
from hypothesis import given, settings
from hypothesis import strategies as st

from apps.core.money import format_money

CURRENCIES = sorted(list_currencies())
AMOUNTS = [
    "0", "-0", "0.005", "0.015", "-0.005", "1", "-1", "0.5", "1.5", "2.5", "-2.5", "1234.5",
    "1234.565", "1234.575", "-1234.235", "999999.995", "1000000", "12345678901.2345", "0.0001",
]  # fmt: skip


@pytest.mark.parametrize("currency", CURRENCIES)
def test_every_currency_is_written_as_babel_writes_it(currency):
    for amount in AMOUNTS:
        value = Decimal(amount)
        assert format_money(value, currency) == format_currency(value, currency, locale="en_US")


@settings(max_examples=300, deadline=None)
@given(
    value=st.decimals(
        min_value=-(10**12), max_value=10**12, allow_nan=False, allow_infinity=False, places=4
    ),
    currency=st.sampled_from(["USD", "EUR", "GBP", "JPY", "KWD", "CHF", "INR", "ISK", "CLF"]),
)
def test_any_amount_is_written_as_babel_writes_it(value, currency):
    assert format_money(value, currency) == format_currency(value, currency, locale="en_US")
