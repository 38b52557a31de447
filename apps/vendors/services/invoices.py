"""Invoices: entered against a PO (or flagged without one), checked, and approved into actuals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from apps.core.money import format_money
from apps.productions.capabilities import Capability
from apps.productions.models import Membership, Production
from apps.vendors.models import (
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    POStatus,
    PurchaseOrder,
    Vendor,
)
from apps.vendors.services.common import VendorError, money
from apps.vendors.services.ledger import invoice_post_actuals
from apps.vendors.services.purchasing import approval_allowed, po_total

INVOICE_PO_OTHER_VENDOR = "{po} is to {vendor}, not to the vendor of this invoice."
INVOICE_PO_NOT_OPEN = "{po} is {status}: invoices go against an approved, open PO."
INVOICE_DUPLICATE = "{vendor} already has an invoice numbered {number}."
INVOICE_NOT_ENTERED = "The invoice is {status}: it cannot change any more."
INVOICE_EMPTY = "The invoice has no lines."
INVOICE_NO_RIGHT = "Your role cannot approve invoices."
OVER_PO_NEEDS_APPROVAL = "Over the PO by {over}: {refusal}"
BEYOND_RECEIPT = "This invoice goes beyond what was received on {po}: {what}."
BEYOND_RECEIPT_ROW = "account {account} would be invoiced {invoiced}, with {received} received"
BEYOND_RECEIPT_GIVE_REASON = " Record the receipt first, or give a reason to approve it anyway."
BEYOND_RECEIPT_NO_RIGHT = (
    " Record the receipt first; only a member who may override the receipt check can approve it."
)
OVERRIDE_NO_RIGHT = "Your role cannot approve an invoice beyond what was received."

INVOICEABLE = (POStatus.APPROVED, POStatus.SENT, POStatus.PARTLY_RECEIVED, POStatus.RECEIVED)


@transaction.atomic
def invoice_create(
    *,
    production: Production,
    vendor: Vendor,
    number: str,
    date: date,
    purchase_order: PurchaseOrder | None = None,
    due_on: date | None = None,
    notes: str = "",
    user=None,
    lines: list[dict] = (),
) -> Invoice:
    if purchase_order is not None:
        purchase_order = PurchaseOrder.objects.select_for_update().get(pk=purchase_order.pk)
        if purchase_order.vendor_id != vendor.pk:
            raise VendorError(
                INVOICE_PO_OTHER_VENDOR.format(po=purchase_order, vendor=purchase_order.vendor)
            )
        if purchase_order.status not in INVOICEABLE:
            raise VendorError(
                INVOICE_PO_NOT_OPEN.format(
                    po=purchase_order, status=purchase_order.get_status_display().lower()
                )
            )
    try:
        with transaction.atomic():
            invoice = Invoice.objects.create(
                production=production,
                vendor=vendor,
                purchase_order=purchase_order,
                number=number.strip(),
                date=date,
                due_on=due_on,
                notes=notes,
                entered_by=user,
            )
    except IntegrityError as exc:
        raise VendorError(INVOICE_DUPLICATE.format(vendor=vendor, number=number)) from exc
    for line in lines:
        invoice_add_line(invoice=invoice, **line)
    return invoice


@transaction.atomic
def invoice_add_line(
    *, invoice: Invoice, account_number: str, description: str, amount: Decimal
) -> InvoiceLine:
    invoice = (
        Invoice.objects.select_for_update(of=("self",))
        .select_related("production")
        .get(pk=invoice.pk)
    )
    if invoice.status != InvoiceStatus.ENTERED:
        raise VendorError(INVOICE_NOT_ENTERED.format(status=invoice.get_status_display().lower()))
    return InvoiceLine.objects.create(
        production=invoice.production,
        invoice=invoice,
        account_number=account_number.strip(),
        description=description.strip(),
        amount=money(invoice.production, amount),
    )


@dataclass(frozen=True)
class AccountCheck:
    account_number: str
    ordered: Decimal
    received: Decimal
    invoiced_before: Decimal
    this_invoice: Decimal

    @property
    def invoiced(self) -> Decimal:
        return self.invoiced_before + self.this_invoice

    @property
    def over_ordered(self) -> bool:
        return self.invoiced > self.ordered

    @property
    def over_received(self) -> bool:
        return self.invoiced > self.received

    @property
    def beyond_receipt(self) -> bool:
        """This invoice bills on this account more than what has been received there."""
        return self.this_invoice > 0 and self.over_received


@dataclass(frozen=True)
class InvoiceCheck:
    rows: list[AccountCheck]
    total: Decimal
    po_total: Decimal
    invoiced_before: Decimal
    po_id: int | None = None

    @property
    def over_po(self) -> Decimal:
        """How much this invoice takes the PO's invoiced total past the PO (0 if it does not).
        Without a PO, the whole invoice is over."""
        over = self.invoiced_before + self.total - self.po_total
        return min(max(over, Decimal("0")), self.total)

    @property
    def beyond_receipt(self) -> list[AccountCheck]:
        """The accounts on which this invoice (with the PO's earlier ones) passes the receipt.
        Without a PO there is no receipt to check (such an invoice needs PO approval rights)."""
        if self.po_id is None:
            return []
        return [row for row in self.rows if row.beyond_receipt]


def invoice_check(invoice: Invoice) -> InvoiceCheck:
    """Ordered vs received vs invoiced, per account of the invoice and its PO."""
    this = {
        row["account_number"]: row["total"]
        for row in invoice.lines.values("account_number").annotate(total=Sum("amount"))
    }
    total = sum(this.values(), Decimal("0"))
    po = invoice.purchase_order
    if po is None:
        rows = [AccountCheck(a, Decimal(0), Decimal(0), Decimal(0), t) for a, t in this.items()]
        return InvoiceCheck(rows, total, Decimal("0"), Decimal("0"), None)
    ordered: dict[str, Decimal] = {}
    received: dict[str, Decimal] = {}
    lines = list(po.lines.all())
    for line in lines:
        ordered[line.account_number] = ordered.get(line.account_number, 0) + line.amount
        value = money(po.production, line.received_quantity * line.unit_price)
        received[line.account_number] = received.get(line.account_number, 0) + value
    before = {
        row["account_number"]: row["total"]
        for row in InvoiceLine.objects.filter(
            invoice__purchase_order=po, invoice__status=InvoiceStatus.APPROVED
        )
        .exclude(invoice=invoice)
        .values("account_number")
        .annotate(total=Sum("amount"))
    }
    accounts = sorted(set(ordered) | set(this) | set(before))
    rows = [
        AccountCheck(
            account,
            ordered.get(account, Decimal("0")),
            received.get(account, Decimal("0")),
            before.get(account, Decimal("0")),
            this.get(account, Decimal("0")),
        )
        for account in accounts
    ]
    invoiced_before = sum(before.values(), Decimal("0"))
    return InvoiceCheck(rows, total, po_total(po, lines), invoiced_before, po.pk)


def _beyond_receipt_refusal(invoice: Invoice, check: InvoiceCheck, membership) -> str | None:
    """None when nothing goes past the receipt, else what goes past it and what to do."""
    rows = check.beyond_receipt
    if not rows:
        return None
    currency = invoice.production.currency
    what = "; ".join(
        BEYOND_RECEIPT_ROW.format(
            account=row.account_number,
            invoiced=format_money(row.invoiced, currency),
            received=format_money(row.received, currency),
        )
        for row in rows
    )
    may = membership.can(Capability.OVERRIDE_INVOICE_RECEIPT)
    return BEYOND_RECEIPT.format(po=invoice.purchase_order, what=what) + (
        BEYOND_RECEIPT_GIVE_REASON if may else BEYOND_RECEIPT_NO_RIGHT
    )


@transaction.atomic
def invoice_approve(
    *, invoice: Invoice, membership: Membership, override_reason: str = ""
) -> Invoice:
    """Approve an invoice: its lines become actuals, and its PO commits that much less.

    Within its PO, anyone who enters invoices approves it. An amount over the PO (or an invoice
    without a PO) is approved like a purchase order of the new total: an AP up to the limit, a
    producer above it. An invoice that bills an account of its PO for more than was received
    there is refused, unless a member who may override the receipt check gives a reason (it goes
    into the audit trail).
    """
    invoice = (
        # Lock the invoice row only: PostgreSQL cannot lock the nullable side of a join.
        Invoice.objects.select_for_update(of=("self",))
        .select_related("production", "vendor", "purchase_order")
        .get(pk=invoice.pk)
    )
    if invoice.status != InvoiceStatus.ENTERED:
        raise VendorError(INVOICE_NOT_ENTERED.format(status=invoice.get_status_display().lower()))
    if not membership.can(Capability.ENTER_INVOICES):
        raise VendorError(INVOICE_NO_RIGHT)
    if invoice.purchase_order is not None:
        # Two invoices on one PO approved at once must see each other's amounts.
        invoice.purchase_order = (
            PurchaseOrder.objects.select_for_update(of=("self",))
            .select_related("production", "vendor")
            .get(pk=invoice.purchase_order_id)
        )
    check = invoice_check(invoice)
    if check.total <= 0 and not check.rows:
        raise VendorError(INVOICE_EMPTY)
    if check.over_po > 0:
        refusal = approval_allowed(membership, check.invoiced_before + check.total)
        if refusal:
            over = money(invoice.production, check.over_po)
            raise VendorError(OVER_PO_NEEDS_APPROVAL.format(over=over, refusal=refusal))
    currency = invoice.production.currency
    words = f"approved invoice {invoice.number} ({format_money(check.total, currency)})"
    beyond = _beyond_receipt_refusal(invoice, check, membership)
    if beyond:
        if not membership.can(Capability.OVERRIDE_INVOICE_RECEIPT):
            raise VendorError(OVERRIDE_NO_RIGHT if override_reason.strip() else beyond)
        if not override_reason.strip():
            raise VendorError(beyond)
        words = f"approved invoice {invoice.number} beyond receipt: {override_reason.strip()}"
    invoice.status = InvoiceStatus.APPROVED
    invoice.approved_by = membership.user
    invoice.approved_at = timezone.now()
    invoice._change_reason = words[:100]
    invoice.save()
    invoice_post_actuals(invoice)
    return invoice


@transaction.atomic
def invoice_reject(*, invoice: Invoice) -> Invoice:
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.status != InvoiceStatus.ENTERED:
        raise VendorError(INVOICE_NOT_ENTERED.format(status=invoice.get_status_display().lower()))
    invoice.status = InvoiceStatus.REJECTED
    invoice._change_reason = f"rejected invoice {invoice.number}"[:100]
    invoice.save()
    return invoice
