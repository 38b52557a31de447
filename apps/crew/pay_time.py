"""The pay engine's clock (apps/crew/pay.py): a day's wall-clock times laid on one line of minutes
from the call, a time earlier than the call being after midnight, and minutes as people say them.
Pure: no database, no Django."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from decimal import Decimal

from apps.core.errors import DomainError

TIMES_OUT_OF_ORDER = "The times are out of order: {what}."


class PayError(DomainError):
    """A day the engine cannot pay: times out of order, an unknown unit."""


def _minutes(at: time) -> int:
    return at.hour * 60 + at.minute


def _after_call(call: time, at: time) -> int:
    """Minutes from the call to `at`; a time earlier than the call is the next day."""
    delta = _minutes(at) - _minutes(call)
    return delta + 24 * 60 if delta < 0 else delta


def hm(minutes: int) -> str:
    """Minutes as people say them: "10 h", "6 h 30", "45 min"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" if not rest else f"{hours} h {rest:02d}"


def _hours_text(hours: Decimal) -> str:
    return hm(int(hours * 60))


@dataclass(frozen=True)
class Span:
    """The day laid on one line of minutes from the call."""

    wrap: int
    meals: tuple[tuple[int, int], ...]

    @property
    def worked(self) -> int:
        return self.wrap - sum(back - out for out, back in self.meals)


def span_of(day) -> Span:
    """`day`: the engine's Day (its call, wrap and meals)."""
    wrap = _after_call(day.call, day.wrap)
    meals = tuple((_after_call(day.call, o), _after_call(day.call, i)) for o, i in day.meals)
    last = 0
    for number, (out, back) in enumerate(meals, start=1):
        if out < last:
            raise PayError(TIMES_OUT_OF_ORDER.format(what=f"meal {number} out before {hm(last)}"))
        if back < out:
            raise PayError(TIMES_OUT_OF_ORDER.format(what=f"meal {number} back before it went"))
        last = back
    if wrap < last:
        raise PayError(TIMES_OUT_OF_ORDER.format(what="the wrap is before the last meal ended"))
    return Span(wrap, meals)


def _plus(at: time, minutes: int) -> time:
    total = (_minutes(at) + minutes) % (24 * 60)
    return time(total // 60, total % 60)
