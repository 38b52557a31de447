from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def money(value) -> str:
    """1234.5 → 1,234.50 (display only; the values are already rounded)."""
    if value is None or value == "":
        return ""
    return f"{Decimal(value):,.2f}"


@register.filter
def qty(value) -> str:
    """A stored quantity without trailing zeros: 25.000000 → 25."""
    if value is None:
        return ""
    text = f"{Decimal(value).normalize():f}"
    return text
