"""A purchase order's total, defined once: in Python for one order, in SQL for a list.

The total is the sum of its lines' amounts, each already rounded to the currency's minor unit
when the line was saved; there is no tax on a purchase order.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from apps.core.money import MoneyField, round_money
from apps.vendors.models import PurchaseOrder, PurchaseOrderLine

# A subquery per order, not a join of every line grouped by order: a list of 50 of 500 orders,
# newest first, then sums the lines of its 50 only (in order of the number's index), and its count
# and total need no GROUP BY. The same sum either way.
_LINES_SUM = (
    PurchaseOrderLine.objects.filter(purchase_order=OuterRef("pk"))
    .order_by()
    .values("purchase_order")
    .annotate(sum=Sum("amount"))
    .values("sum")
)
PO_TOTAL = Coalesce(
    Subquery(_LINES_SUM, output_field=MoneyField()),
    Value(Decimal("0")),
    output_field=MoneyField(),
)


def po_total(po: PurchaseOrder, lines: Iterable[PurchaseOrderLine] | None = None) -> Decimal:
    """The total of `po`, in its currency's minor unit; pass `lines` when they are already read."""
    if lines is None:
        lines = po.lines.all()
    currency = po.production.currency
    # round_money only sets the exponent (1.230 read from the column is 1.23 in USD).
    return round_money(sum((line.amount for line in lines), Decimal("0")), currency)
