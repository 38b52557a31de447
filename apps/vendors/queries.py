"""Reads that matter: lists with their sums in SQL, the three reports (the dashboard panel is
panel.py)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum, Value
from django.db.models.functions import Coalesce

from apps.core.documents import Heading
from apps.core.money import MoneyField, format_money
from apps.productions.models import Production
from apps.vendors.models import (
    EXPIRY_WARNING_DAYS,
    OPEN_CHANGE_ORDER,
    OPEN_STATUSES,
    ChangeOrder,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    LineChange,
    LineChangeKind,
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
    """The PO's PDF, print view and e-mail: a revised PO says which revision and what changed."""
    lines = list(po.lines.all())
    revision = None
    if po.revision:
        revision = (
            ChangeOrder.objects.filter(purchase_order=po, number=po.revision)
            .prefetch_related("changes")
            .first()
        )
    currency = po.production.currency
    return {
        "po": po,
        "production": po.production,
        "vendor": po.vendor,
        "lines": lines,
        "total": po_total(po, lines),
        "revision": revision,
        "revision_changes": change_words(revision, currency) if revision else [],
        "heading": Heading(
            f"Purchase order {po.label}", po.revision_label or "Original", po.get_status_display()
        ),
    }


# --- Change orders ------------------------------------------------------------------------------


def change_orders_for(po: PurchaseOrder) -> list[ChangeOrder]:
    """The PO's change orders, newest first, each with its changes and who decided it."""
    return list(
        ChangeOrder.objects.filter(purchase_order=po)
        .select_related("created_by", "decided_by")
        .prefetch_related("changes")
        .order_by("-number")
    )


def _line_words(change: LineChange, currency: str) -> str:
    def terms(account, description, quantity, price) -> str:
        price = format_money(price, currency)
        return f"{account} {description}, {Decimal(quantity).normalize():f} × {price}"

    if change.kind == LineChangeKind.ADD:
        return "Added: " + terms(
            change.account_number, change.description, change.quantity, change.unit_price
        )
    if change.kind == LineChangeKind.REMOVE:
        return f"Removed: {change.was_account_number} {change.was_description}"
    moved = []
    if change.account_number != change.was_account_number:
        moved.append(f"account {change.was_account_number} → {change.account_number}")
    if change.description != change.was_description:
        moved.append(f"description → {change.description}")
    if change.quantity != change.was_quantity:
        was, now = (Decimal(q).normalize() for q in (change.was_quantity, change.quantity))
        moved.append(f"quantity {was:f} → {now:f}")
    if change.unit_price != change.was_unit_price:
        was, now = (format_money(p, currency) for p in (change.was_unit_price, change.unit_price))
        moved.append(f"unit price {was} → {now}")
    return f"Changed {change.was_description}: " + ", ".join(moved)


def change_words(change_order: ChangeOrder, currency: str) -> list[tuple[LineChange, str]]:
    """Each change of the change order, with what it does in words."""
    return [(change, _line_words(change, currency)) for change in change_order.changes.all()]


def open_change_order(change_orders: list[ChangeOrder]) -> ChangeOrder | None:
    return next((c for c in change_orders if c.status in OPEN_CHANGE_ORDER), None)


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
    sums: dict[int, tuple[int, ...]] = field(default_factory=dict)  # column: the columns it adds


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
        sums={4: (2, 3)},
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
