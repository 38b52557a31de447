"""Money for the budget engine: exact sums and products on top of the one rounding rule.

The rule itself (half up to the currency's minor unit, at the line; subtotals are sums of rounded
values) and `round_money`, `minor_units`, `to_decimal` live in apps.core.money, which every
app shares and imports them from (one import path; nothing is re-exported here).
"""

from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Context, Decimal, Inexact, Overflow

from apps.core.money import PRECISION, TRAPS, to_decimal

__all__ = ["exact_product", "money_sum"]

# Sums and products must be exact, so a result that would need rounding raises (Inexact)
# instead of being rounded silently before round_money gets to it.
_EXACT = Context(prec=PRECISION, rounding=ROUND_HALF_UP, traps=[*TRAPS, Inexact])


def money_sum(values: Iterable[Decimal], start: Decimal = Decimal(0)) -> Decimal:
    """Exact sum of already rounded amounts (a subtotal: never rounded again).

    Pass start=round_money(0, currency) to get 0.00 rather than 0 for no values.
    """
    total = to_decimal(start, "start")
    for value in values:
        total = _exactly(_EXACT.add, total, to_decimal(value))
    return total


def exact_product(*factors: Decimal | int) -> Decimal:
    """Exact product of the factors, with no intermediate rounding."""
    product = Decimal(1)
    for factor in factors:
        product = _exactly(_EXACT.multiply, product, to_decimal(factor))
    return product


def _exactly(operation: Callable[[Decimal, Decimal], Decimal], a: Decimal, b: Decimal) -> Decimal:
    try:
        return operation(a, b)
    except (Inexact, Overflow):
        raise ValueError(
            f"{a} and {b} cannot be combined exactly within {PRECISION} digits"
        ) from None
