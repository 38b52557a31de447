"""The production's pay rules, saved with the audit log's words for what changed ("meal penalty
$25.00 -> $30.00 a half hour"): the hot costs worked out from then on pay by them."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from apps.core.money import format_money, round_money
from apps.crew.models import PayRules
from apps.crew.models.pay_rules import RULE_FIELDS, DistanceUnit, Weekday

__all__ = ["pay_rules_save", "pay_rules_words"]


def _text(name: str, value, currency: str) -> str:
    if value is None:
        return "none"
    if name == "meal_penalty":
        return format_money(Decimal(value), currency)
    if name == "mileage_rate":  # a rate may be finer than the minor unit (0.585 a mile)
        value = Decimal(value)
        if value == round_money(value, currency):
            return format_money(value, currency)
        return f"{value.normalize():f} {currency}"
    if name == "week_starts":
        return Weekday(value).label
    if name == "distance_unit":
        return DistanceUnit(value).label
    suffix = "h" if name in ("meal_due_hours", "week_overtime_after") else "x"
    return f"{Decimal(value).normalize():f}{suffix}"


WORDS = {
    "meal_due_hours": "meal due within {old} -> {new}",
    "meal_penalty": "meal penalty {old} -> {new} a half hour",
    "sixth_day": "sixth day {old} -> {new}",
    "seventh_day": "seventh day {old} -> {new}",
    "week_overtime_after": "weekly overtime after {old} -> {new}",
    "week_starts": "week starts {old} -> {new}",
    "mileage_rate": "mileage rate {old} -> {new} a {unit}",
    "distance_unit": "distances in {old} -> {new}",
}


def pay_rules_words(before: PayRules, after: PayRules, currency: str, *, first: bool) -> str:
    """ "Pay rules changed: sixth day 1.5x -> 2x", or "" when nothing changed."""
    parts = [
        WORDS[name].format(
            old=_text(name, getattr(before, name), currency),
            new=_text(name, getattr(after, name), currency),
            unit=after.distance_unit,
        )
        for name in RULE_FIELDS
        if getattr(before, name) != getattr(after, name)
    ]
    if not parts:
        return ""
    return f"Pay rules {'set' if first else 'changed'}: {'; '.join(parts)}"


@transaction.atomic
def pay_rules_save(*, production, values: dict) -> PayRules:
    """Save the production's rules (`values` by field name, already checked by the form); the
    audit log says what moved. Saving the same values again writes nothing."""
    rules = PayRules.objects.select_for_update().filter(production=production).first()
    first = rules is None
    before = (
        PayRules(production=production)
        if first
        else PayRules(**{name: getattr(rules, name) for name in RULE_FIELDS})
    )
    if first:
        rules = PayRules(production=production)
    for name in RULE_FIELDS:
        if name in values:
            setattr(rules, name, values[name])
    words = pay_rules_words(before, rules, production.currency, first=first)
    if not words:
        return rules
    rules.full_clean()
    rules._change_reason = words
    rules.save()
    return rules
