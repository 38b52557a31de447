"""Currencies and the one rounding rule for money, for every app.

The rule: an amount is rounded to its currency's minor unit, half up, where it is made (a budget
line, a fringe amount on a line, a markup, an invoice line, a deal memo's guarantee); every
subtotal is the sum of rounded values and is never rounded again.

"Half up" is Decimal's ROUND_HALF_UP: ties round away from zero, so a credit of -2.5 JPY becomes -3
and a cost of 2.5 JPY becomes 3. Floats never enter: every function here raises TypeError for a
float (or bool), because a float has already lost the cents it claims to carry.

The rounding functions need no Django settings, so the pure budget engine uses them too; the model
and form fields at the end (MoneyField, RateField, MoneyFormField) are the one way a column or an
input holds money in any app.
"""

from __future__ import annotations

from decimal import (
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)
from functools import lru_cache

from babel.numbers import (
    format_currency,
    get_currency_name,
    get_currency_precision,
    is_currency,
    list_currencies,
)
from django import forms
from django.core.validators import DecimalValidator
from django.db import models

MONEY_PLACES = 3
"""Decimal places of every money column: the largest minor unit of the currencies offered
(KWD, BHD, OMR, JOD, TND, LYD have 3). A value is rounded to its currency's own minor unit before it
is stored, so a USD column holds 1.230 and shows 1.23."""
MONEY_MAX_DIGITS = 15
"""12 digits before the point, as the 2-place columns had."""
RATE_PLACES = 4
RATE_MAX_DIGITS = 12
"""A rate (money per hour, day or week, as typed in a deal memo) may go one place finer than any
minor unit; it is never summed as money, only multiplied and then rounded with round_money."""

PRECISION = 200
"""Significant digits money arithmetic works with; results that would need more raise."""

TRAPS = [InvalidOperation, DivisionByZero, Overflow]
_ROUNDING = Context(prec=PRECISION, rounding=ROUND_HALF_UP, traps=TRAPS)

# ISO 4217 codes retired or used only for funds/metals; kept out of the picker. So are the two
# units of account with 4 places (CLF, UYW): no money column could hold their minor unit.
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
    codes = sorted(
        c
        for c in list_currencies()
        if len(c) == 3 and c not in _NOT_FOR_BUDGETS and _minor_units(c) <= MONEY_PLACES
    )
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
    """The amount with its currency's sign as Babel writes it in en_US ($1,234.50, -€12.00,
    ¥1,235, KWD 1.235), rounded as Babel rounds (half even) to the currency's minor unit. Babel's
    own call parses its pattern on every call: a list of 50 purchase orders spent most of its
    time there. Its pattern is read once per currency here (tests/core/test_format_money.py compares
    the two on every currency)."""
    prefix, suffix = _money_pattern(currency)
    places = _quantum(minor_units(currency))
    amount = to_decimal(value).quantize(places, rounding=ROUND_HALF_EVEN, context=_ROUNDING)
    text = f"{amount:,f}"
    if text.startswith("-"):
        return f"-{prefix}{text[1:]}{suffix}"
    return f"{prefix}{text}{suffix}"


@lru_cache(maxsize=512)
def _money_pattern(currency: str) -> tuple[str, str]:
    """What Babel writes before and after the number in en_US ("$", "")."""
    sample = format_currency(Decimal(1), currency, locale="en_US")
    prefix, number, suffix = sample.partition(
        f"{Decimal(1).quantize(_quantum(minor_units(currency))):f}"
    )
    if not number:
        raise ValueError(f"Unexpected money pattern for {currency}: {sample!r}")
    return prefix, suffix


def format_amount(value: Decimal | int, currency: str) -> str:
    """The amount without its currency sign, to the currency's minor unit: 1,234.50 in USD,
    1,234.235 in KWD, 1,235 in JPY (display only; stored values are already rounded)."""
    return f"{round_money(value, currency):,f}"


# --- Columns and inputs -------------------------------------------------------------------------


class MoneyField(models.DecimalField):
    """A column of money in any app: MONEY_MAX_DIGITS digits, MONEY_PLACES after the point.

    The precision is fixed here and left out of deconstruct(), so migrations read
    `apps.core.money.MoneyField()`; changing MONEY_PLACES needs a hand-written AlterField per
    column, since the autodetector cannot see it.
    """

    description = "Money, to the minor unit of any offered currency"

    def __init__(self, *args, **kwargs) -> None:
        if "max_digits" in kwargs or "decimal_places" in kwargs:
            raise TypeError("MoneyField has a fixed precision; use RateField or a DecimalField")
        kwargs["max_digits"], kwargs["decimal_places"] = MONEY_MAX_DIGITS, MONEY_PLACES
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        del kwargs["max_digits"], kwargs["decimal_places"]
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        # The column does not know the currency: read 12.340 back as 12.34, as the 2-place
        # columns did, and 1.235 as 1.235. Pages and files show the currency's own places
        # (format_money, format_amount, round_money).
        if value is None:
            return value
        short = value.quantize(_quantum(2), context=_ROUNDING)
        return short if short == value else value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": MoneyFormField, **kwargs})


class RateField(models.DecimalField):
    """Money per unit (an hourly, daily or weekly rate): RATE_PLACES after the point for every
    currency. What it multiplies into is rounded with round_money and stored in a MoneyField."""

    description = "Money per unit, finer than the minor unit"

    def __init__(self, *args, **kwargs) -> None:
        if "max_digits" in kwargs or "decimal_places" in kwargs:
            raise TypeError("RateField has a fixed precision")
        kwargs["max_digits"], kwargs["decimal_places"] = RATE_MAX_DIGITS, RATE_PLACES
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        del kwargs["max_digits"], kwargs["decimal_places"]
        return name, path, args, kwargs


class MoneyFormField(forms.DecimalField):
    """An amount typed into a form: no more places than the currency's minor unit (2 for USD, 3
    for KWD, none for JPY). Until a currency is set it takes MONEY_PLACES; forms set it with
    money_inputs(form, currency)."""

    def __init__(self, *, currency: str | None = None, **kwargs) -> None:
        kwargs["max_digits"], kwargs["decimal_places"] = MONEY_MAX_DIGITS, MONEY_PLACES
        super().__init__(**kwargs)
        if currency is not None:
            self.set_currency(currency)

    def set_currency(self, currency: str) -> None:
        places = minor_units(currency)
        self.max_digits = MONEY_MAX_DIGITS - MONEY_PLACES + places
        self.decimal_places = places
        self.validators = [
            *(v for v in self.validators if not isinstance(v, DecimalValidator)),
            DecimalValidator(self.max_digits, places),
        ]
        self.widget.attrs.pop("step", None)
        self.widget.attrs.update(self.widget_attrs(self.widget))

    def to_python(self, value):
        # A stored 250.000 shown in a USD form comes back as 250.000: zeros past the minor unit
        # are not places the user typed.
        return self._trimmed(super().to_python(value))

    def prepare_value(self, value):
        return self._trimmed(value) if isinstance(value, Decimal) else value

    def _trimmed(self, value):
        if value is None or not value.is_finite() or value.as_tuple().exponent >= 0:
            return value
        places = min(self.decimal_places, -value.as_tuple().exponent)
        try:
            short = value.quantize(_quantum(places), context=_ROUNDING)
        except InvalidOperation:
            return value
        return short if short == value else value


def money_inputs(form: forms.BaseForm, currency: str) -> None:
    """Let every money input of the form take exactly the currency's minor unit."""
    for field in form.fields.values():
        if isinstance(field, MoneyFormField):
            field.set_currency(currency)


class CurrencyInputs:
    """Form mixin: the form takes `currency=` and its money inputs take that currency's places."""

    def __init__(self, *args, currency: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        money_inputs(self, currency)
