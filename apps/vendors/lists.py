"""The purchase order and invoice lists: filtered and searched in SQL, their count and total over
every row that matches (never one page's), and their exports."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from apps.core.exports import export_response
from apps.core.forms import plain_int
from apps.core.money import round_money
from apps.productions.models import Production
from apps.vendors.models import (
    InvoiceLine,
    InvoiceStatus,
    POStatus,
    PurchaseOrder,
    PurchaseOrderLine,
)
from apps.vendors.queries import invoices_for, purchase_orders_for


def _number(search: str) -> int | None:
    """ "0042", "PO 42" and "po0042" all name PO 42."""
    return plain_int(search.upper().removeprefix("PO").strip())


def purchase_orders_matching(
    production: Production, *, status: str = "", search: str = ""
) -> QuerySet[PurchaseOrder]:
    """Newest first; by status when it is one; `search` finds the number, the vendor or the
    description."""
    rows = purchase_orders_for(production)
    if status in POStatus.values:
        rows = rows.filter(status=status)
    if search:
        found = Q(vendor__name__icontains=search) | Q(description__icontains=search)
        number = _number(search)
        if number is not None:
            found |= Q(number=number)
        rows = rows.filter(found)
    return rows.order_by("-number")


def po_summary(production: Production, pos: QuerySet[PurchaseOrder], count: int) -> dict:
    """How many orders match (`count`, as the paginator counted them) and what they add up to;
    a void order adds nothing."""
    total = PurchaseOrderLine.objects.filter(
        purchase_order__in=pos.exclude(status=POStatus.VOID).values("pk")
    ).aggregate(total=Sum("amount"))["total"]
    return {"count": count, "total": round_money(total or Decimal("0"), production.currency)}


def po_export(fmt: str, production: Production, pos: QuerySet[PurchaseOrder]):
    header = ["po", "vendor", "description", "status", "deliver_on", "total"]
    rows = (
        [po.label, po.vendor.name, po.description, po.get_status_display(), po.deliver_on, po.total]
        for po in pos
    )
    return export_response(
        fmt, f"{production.slug}-purchase-orders", header, rows, **_money(production, 5)
    )


def invoices_matching(production: Production, *, status: str = "", search: str = ""):
    """Newest first; by status when it is one; `search` finds the invoice number, the vendor or
    the PO number."""
    rows = invoices_for(production)
    if status in InvoiceStatus.values:
        rows = rows.filter(status=status)
    if search:
        found = Q(number__icontains=search) | Q(vendor__name__icontains=search)
        number = _number(search)
        if number is not None:
            found |= Q(purchase_order__number=number)
        rows = rows.filter(found)
    return rows.order_by("-date", "-id")


def invoice_summary(production: Production, invoices, count: int) -> dict:
    total = InvoiceLine.objects.filter(invoice__in=invoices.values("pk")).aggregate(
        total=Sum("amount")
    )["total"]
    return {"count": count, "total": round_money(total or Decimal("0"), production.currency)}


def invoice_export(fmt: str, production: Production, invoices):
    header = ["invoice", "vendor", "po", "date", "due_on", "status", "amount"]
    rows = (
        [
            i.number,
            i.vendor.name,
            i.purchase_order.label if i.purchase_order else "",
            i.date,
            i.due_on,
            i.get_status_display(),
            i.total,
        ]
        for i in invoices
    )
    return export_response(
        fmt, f"{production.slug}-invoices", header, rows, **_money(production, 6)
    )


def _money(production: Production, column: int) -> dict:
    """The export's money column, in the production's currency format (XLSX)."""
    return {"currency": production.currency, "money_columns": (column,)}
