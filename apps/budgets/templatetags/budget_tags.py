from decimal import Decimal

from django import template

from apps.budgets import engine
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
def rate(value, currency: str) -> str:
    """A rate as money, with the finer places a rate may have: 85000 → 85,000.00, 12.3456."""
    from apps.budgets.printing import rate_words

    if value is None or value == "":
        return ""
    return rate_words(Decimal(value), currency)


@register.filter
def qty(value) -> str:
    """A stored quantity without trailing zeros: 25.000000 → 25."""
    if value is None:
        return ""
    return engine.plain_number(value)


@register.inclusion_tag("budgets/_link_notices.html", takes_context=True)
def link_notices(context, version) -> dict:
    """What another app moved in this version (the schedule's shoot days), until read."""
    from apps.budgets.services.links import notice_words, unread_notices

    notices = [
        {"notice": notice, "words": notice_words(notice)} for notice in unread_notices(version)
    ]
    request = context.get("request")
    return {
        "notices": notices,
        "version": version,
        "production": context.get("production"),
        "csrf_token": context.get("csrf_token"),
        "next": request.get_full_path() if request else "",
    }
