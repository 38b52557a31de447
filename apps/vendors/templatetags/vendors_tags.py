from decimal import Decimal

from django import template

from apps.core.money import format_money

register = template.Library()


@register.filter
def cash(value, currency: str = "USD") -> str:
    """An amount in the production's currency: 1234.5 → $1,234.50 (display only)."""
    if value is None or value == "":
        return ""
    return format_money(Decimal(value), currency)


@register.filter
def qty(value) -> str:
    """A stored quantity without trailing zeros: 5.000 → 5."""
    if value is None:
        return ""
    text = f"{Decimal(value).normalize():f}"
    return text


STATUS_COLOURS = {
    "draft": "secondary",
    "submitted": "warning",
    "approved": "primary",
    "sent": "info",
    "partly_received": "info",
    "received": "success",
    "closed": "dark",
    "void": "light",
    "entered": "warning",
    "rejected": "light",
    "valid": "success",
    "expiring": "warning",
    "expired": "danger",
    "missing": "secondary",
}


@register.filter
def status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, "secondary")
