"""Reads that matter: lists with their sums in SQL, the three reports (the dashboard panel is
panel.py)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum, Value
from django.db.models.functions import Coalesce

from apps.core.money import MoneyField
from apps.productions.models import Production
from apps.vendors.models import (
    EXPIRY_WARNING_DAYS,
    OPEN_STATUSES,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    PurchaseOrder,
    PurchaseOrderLine,
    Rental,
    Vendor,
)
from apps.vendors.totals import PO_TOTAL, po_total

ZERO = Value(Decimal("0"), output_field=MoneyField())


def vendors_for(production: Production):
    return Vendor.objects.filter(production=production).annotate(
        certificate_expires=Max("certificates__expires_on"),
        open_pos=Count("purchase_orders", filter=Q(purchase_orders__status__in=OPEN_STATUSES)),
    )


def purchase_orders_for(production: Production):
    return (
        PurchaseOrder.objects.filter(production=production)
        .select_related("vendor", "production")
        .annotate(total=PO_TOTAL)
    )


def invoices_for(production: Production):
    return (
        Invoice.objects.filter(production=production)
        .select_related("vendor", "purchase_order")
        .annotate(total=Coalesce(Sum("lines__amount"), ZERO))
    )


def rentals_for(production: Production):
    return Rental.objects.filter(production=production).select_related(
        "vendor", "purchase_order", "production"
    )


def budget_accounts(production: Production) -> list[tuple[str, str]]:
    """(number, name) of the current budget version's accounts, to suggest while coding lines
    (a read through the budgets app's own query; nothing is written)."""
    from apps.budgets.queries import current_version

    version = current_version(production)
    if version is None:
        return []
    return list(version.accounts.order_by("number").values_list("number", "name"))


def po_document_context(po: PurchaseOrder) -> dict:
    lines = list(po.lines.all())
    return {
        "po": po,
        "production": po.production,
        "vendor": po.vendor,
        "lines": lines,
        "total": po_total(po, lines),
    }


# --- What a PO still commits --------------------------------------------------------------------


def open_amounts(purchase_orders) -> dict[tuple[int, str], Decimal]:
    """(PO id, account) → ordered minus approved invoices on that account, never below zero.

    Two grouped queries, whatever the number of POs."""
    ordered = (
        PurchaseOrderLine.objects.filter(purchase_order__in=purchase_orders)
        .values("purchase_order_id", "account_number")
        .annotate(total=Sum("amount"))
    )
    invoiced = (
        InvoiceLine.objects.filter(
            invoice__purchase_order__in=purchase_orders, invoice__status=InvoiceStatus.APPROVED
        )
        .values("invoice__purchase_order_id", "account_number")
        .annotate(total=Sum("amount"))
    )
    spent = {(r["invoice__purchase_order_id"], r["account_number"]): r["total"] for r in invoiced}
    return {
        (r["purchase_order_id"], r["account_number"]): max(
            r["total"] - spent.get((r["purchase_order_id"], r["account_number"]), 0),
            Decimal("0"),
        )
        for r in ordered
    }


# --- Reports ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    title: str
    header: list[str]
    rows: list[list]
    money_columns: frozenset[int]


def report_open_pos_by_account(production: Production) -> Report:
    pos = PurchaseOrder.objects.filter(production=production, status__in=OPEN_STATUSES)
    labels = {po.pk: (po.label, po.vendor.name) for po in pos.select_related("vendor")}
    by_account: dict[str, list] = defaultdict(list)
    for (po_id, account), amount in open_amounts(pos).items():
        by_account[account].append((po_id, amount))
    rows = []
    for account in sorted(by_account):
        for po_id, amount in sorted(by_account[account], key=lambda item: labels[item[0]]):
            rows.append([account, *labels[po_id], amount])
    return Report(
        "Open purchase orders by account",
        ["Account", "PO", "Vendor", "Open amount"],
        rows,
        frozenset({3}),
    )


def report_spend_by_vendor(production: Production) -> Report:
    pos = PurchaseOrder.objects.filter(production=production, status__in=OPEN_STATUSES)
    committed: dict[int, Decimal] = defaultdict(Decimal)
    vendor_of = dict(pos.values_list("pk", "vendor_id"))
    for (po_id, _account), amount in open_amounts(pos).items():
        committed[vendor_of[po_id]] += amount
    invoiced = dict(
        InvoiceLine.objects.filter(production=production, invoice__status=InvoiceStatus.APPROVED)
        .values_list("invoice__vendor_id")
        .annotate(total=Sum("amount"))
    )
    rows = []
    for vendor in Vendor.objects.filter(production=production).order_by("name"):
        spent, open_ = invoiced.get(vendor.pk, Decimal("0")), committed.get(vendor.pk, Decimal("0"))
        if spent or open_:
            rows.append([vendor.name, vendor.get_category_display(), spent, open_, spent + open_])
    return Report(
        "Spend by vendor",
        ["Vendor", "Category", "Invoiced (approved)", "Still committed", "Total"],
        rows,
        frozenset({2, 3, 4}),
    )


def certificate_state(expires, today) -> str:
    if expires is None:
        return "missing"
    if expires < today:
        return "expired"
    if (expires - today).days <= EXPIRY_WARNING_DAYS:
        return "expiring"
    return "valid"


def report_certificates(production: Production) -> Report:
    today = production.today()
    rows = [
        [
            vendor.name,
            vendor.get_category_display(),
            vendor.certificate_expires,
            certificate_state(vendor.certificate_expires, today),
        ]
        for vendor in vendors_for(production).order_by("name")
    ]
    return Report(
        "Certificate status",
        ["Vendor", "Category", "Certificate expires", "Status"],
        rows,
        frozenset(),
    )


REPORTS = {
    "open-pos": report_open_pos_by_account,
    "spend": report_spend_by_vendor,
    "certificates": report_certificates,
}
