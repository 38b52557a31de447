"""How a memo's terms and their changes read, in the audit trail and on the page: "rate $550.00 ->
$450.00", money formatted, positions by title, dates as dates.

A term's value is kept in an amendment as the text its field stores (`stored`; a position as its
id, which a production's backup remaps: apps/productions/backup/discovery.py), so an amendment says
exactly what it changes even after the position or the memo moves on; `parsed` turns it back.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import models

from apps.core.money import format_money
from apps.crew.models import DealMemo, Position, RateUnit, UnionStatus

TERM_WORDS = {
    "position": "position",
    "rate": "rate",
    "unit": "unit",
    "guarantee": "guarantee",
    "overtime_after": "time and a half after",
    "double_time_after": "double time after",
    "guaranteed_hours": "guaranteed hours a day",
    "kit_rental": "kit rental",
    "per_diem": "per diem",
    "start_date": "start",
    "end_date": "end",
    "union_status": "union status",
    "notes": "other terms",
}
MONEY_TERMS = {"rate", "kit_rental", "per_diem"}
AUDIT_LENGTH = 100  # history_change_reason's max_length


def stored(memo: DealMemo, term: str) -> str | int | None:
    """The term's value on the memo as text, a position as its id (None when it has none). Any
    model's row works the same (a casting offer's terms: apps/casting/offers/amendments.py)."""
    field = type(memo)._meta.get_field(term)
    value = getattr(memo, field.attname)
    if value is None or field.is_relation:  # a position stays its id (a backup remaps it)
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def same(memo: DealMemo, term: str, text: str | int | None) -> bool:
    """Whether the memo's term holds this value (Decimals compared as numbers)."""
    model = type(memo)
    return parsed(term, text, model) == parsed(term, stored(memo, term), model)


def parsed(term: str, text: str | int | None, model=DealMemo):
    """The stored text back as the field's value (a position as its id)."""
    field = model._meta.get_field(term)
    if text is None or text == "":
        return "" if isinstance(field, models.TextField | models.CharField) else None
    target = field.target_field if field.is_relation else field
    return target.to_python(text)


def apply(memo: DealMemo, changes: dict) -> None:
    """Set the new value of each changed term on the memo (not saved)."""
    model = type(memo)
    for term, change in changes.items():
        setattr(memo, model._meta.get_field(term).attname, parsed(term, change["new"], model))


def shown(term: str, text: str | int | None, currency: str, positions: dict | None = None) -> str:
    """A term's value as people read it."""
    value = parsed(term, text)
    if value is None or value == "":
        return "none"
    if term == "position":
        position = (positions or {}).get(value) or Position.objects.filter(pk=value).first()
        return position.title if position else "a removed position"
    if term in MONEY_TERMS:
        return format_money(value, currency)
    if isinstance(value, date):
        return f"{value:%d %b %Y}".lstrip("0")
    if term == "unit":
        return RateUnit(value).label
    if term == "union_status":
        return UnionStatus(value).label.lower()
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    text = " ".join(str(value).split())
    return f"“{text[:40]}…”" if len(text) > 40 else f"“{text}”"


def change_lines(changes: dict, currency: str, positions: dict | None = None) -> list[dict]:
    """Each changed term: its words, the old value and the new, for a page or an e-mail."""
    return [
        {
            "term": TERM_WORDS[term],
            "old": shown(term, change["old"], currency, positions),
            "new": shown(term, change["new"], currency, positions),
        }
        for term, change in changes.items()
    ]


def describe(changes: dict, currency: str) -> str:
    """'rate $550.00 -> $450.00; end 28 Mar 2030 -> 4 Apr 2030'."""
    return "; ".join(
        f"{line['term']} {line['old']} -> {line['new']}" for line in change_lines(changes, currency)
    )


def audit(words: str) -> str:
    """Words for the audit trail, cut to what history keeps."""
    words = " ".join(words.split())
    return words if len(words) <= AUDIT_LENGTH else words[: AUDIT_LENGTH - 1] + "…"
