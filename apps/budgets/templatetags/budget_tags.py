from decimal import Decimal

from django import template

from apps.core.money import format_amount

register = template.Library()


@register.filter
def money(value, currency: str) -> str:
    """1234.5 → 1,234.50 in USD, 1.235 → 1.235 in KWD, 1234 in JPY (display only: the values
    are already rounded to the currency's minor unit)."""
    if value is None or value == "":
        return ""
    return format_amount(Decimal(value), currency)


@register.filter
def qty(value) -> str:
    """A stored quantity without trailing zeros: 25.000000 → 25."""
    if value is None:
        return ""
    text = f"{Decimal(value).normalize():f}"
    return text
