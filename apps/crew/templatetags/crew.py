from __future__ import annotations

from decimal import Decimal

from django import template

from apps.core.money import format_money
from apps.crew.validators import format_phone

register = template.Library()


@register.filter
def money(value, currency: str = "USD") -> str:
    if value is None or value == "":
        return "—"
    return format_money(Decimal(value), currency)


@register.filter
def phone(value: str) -> str:
    return format_phone(value) if value else ""
