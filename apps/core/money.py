"""Currencies and the one rounding rule for money, for every app.

The rule: an amount is rounded to its currency's minor unit, half up, where it is made (a budget
line, a fringe amount on a line, a markup, an invoice line, a deal memo's guarantee); every
subtotal is the sum of rounded values and is never rounded again.

"Half up" is Decimal's ROUND_HALF_UP: ties round away from zero, so a credit of -2.5 JPY becomes -3
and a cost of 2.5 JPY becomes 3. Floats never enter: every function here raises TypeError for a
float (or bool), because a float has already lost the cents it claims to carry.

Django-free on purpose, so the pure budget engine can use it too.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, DivisionByZero, InvalidOperation, Overflow
from functools import lru_cache

from babel.numbers import (
    format_currency,
    get_currency_name,
    get_currency_precision,
    is_currency,
    list_currencies,
)

PRECISION = 200
"""Significant digits money arithmetic works with; results that would need more raise."""

TRAPS = [InvalidOperation, DivisionByZero, Overflow]
_ROUNDING = Context(prec=PRECISION, rounding=ROUND_HALF_UP, traps=TRAPS)

# ISO 4217 codes retired or used only for funds/metals; kept out of the picker.
_NOT_FOR_BUDGETS = {
    "XAU",
    "XAG",
    "XPD",
    "XPT",
    "XBA",
    "XBB",
    "XBC",
    "XBD",
    "XDR",
    "XSU",
    "XUA",
    "XTS",
    "XXX",
}


@lru_cache(maxsize=1)
def currency_choices() -> list[tuple[str, str]]:
    codes = sorted(c for c in list_currencies() if len(c) == 3 and c not in _NOT_FOR_BUDGETS)
    return [(code, f"{code} — {get_currency_name(code, locale='en')}") for code in codes]


def to_decimal(value: Decimal | int, what: str = "value") -> Decimal:
    """Return value as a finite Decimal; int is accepted, float and bool are not."""
    if type(value) is Decimal and value.is_finite():  # the common case, kept cheap
        return value
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"{what} must be a Decimal or int, not {type(value).__name__}")
    result = Decimal(value)
    if not result.is_finite():
        raise ValueError(f"{what} must be a finite number, not {result}")
    return result


def minor_units(currency: str) -> int:
    """Number of decimal places of the currency's minor unit (JPY 0, USD 2, KWD 3)."""
    if not isinstance(currency, str):
        raise TypeError(f"currency must be a str, not {type(currency).__name__}")
    return _minor_units(currency)


@lru_cache(maxsize=512)
def _minor_units(currency: str) -> int:
    # Cached: a 3,000-line top sheet rounds some 13,000 times, and Babel's lookup is the cost.
    if not is_currency(currency):
        raise ValueError(f"Unknown currency code {currency!r} (use an ISO 4217 code like 'USD')")
    return get_currency_precision(currency)


@lru_cache(maxsize=512)
def _quantum(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


def round_money(value: Decimal | int, currency: str) -> Decimal:
    """Round value half up to the currency's minor unit: round_money(Decimal("2.345"), "USD")
    is Decimal("2.35")."""
    exponent = _quantum(minor_units(currency))
    amount = to_decimal(value)
    try:
        return amount.quantize(exponent, rounding=ROUND_HALF_UP, context=_ROUNDING)
    except InvalidOperation:
        raise ValueError(f"{amount} is too large to round to {currency}") from None


def format_money(value: Decimal, currency: str) -> str:
    return format_currency(value, currency, locale="en_US")
