"""What a change order does to its purchase order: the checks against what was received and
invoiced, the words the audit trail and the vendor read, and applying it (one transaction, run
inside `co_submit` or `co_approve`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from apps.core import outbox
from apps.core.money import format_money
from apps.vendors.models import (
    ChangeOrder,
    ChangeOrderStatus,
    InvoiceLine,
    InvoiceStatus,
    LineChange,
    LineChangeKind,
    PurchaseOrder,
    PurchaseOrderLine,
)
from apps.vendors.services.common import VendorError
from apps.vendors.services.ledger import po_sync_commitments
from apps.vendors.totals import po_total

CO_LINE_RECEIVED = "{line} was received ({received}): it cannot be removed."
CO_BELOW_RECEIVED = "{line}: {received} received, so the quantity cannot go below that."
CO_BELOW_INVOICED = (
    "Account {account}: invoices on this PO bill {invoiced}, more than the {ordered} "
    "the change would leave ordered there."
)
CO_NO_LINES_LEFT = "A change order cannot remove every line: void or close the PO instead."


def _say(obj, words: str) -> None:
    obj._change_reason = words[:100]


@dataclass(frozen=True)
class Revised:
    """The PO's lines as the change order would leave them: (account, amount) per line."""

    lines: list[tuple[str, Decimal]]

    @property
    def total(self) -> Decimal:
        return sum((amount for _, amount in self.lines), Decimal("0"))

    def by_account(self) -> dict[str, Decimal]:
        found: dict[str, Decimal] = {}
        for account, amount in self.lines:
            found[account] = found.get(account, Decimal("0")) + amount
        return found


def revise(po: PurchaseOrder, changes: list[LineChange], lines: list[PurchaseOrderLine]):
    """Check the change against what was received and invoiced, and say what it leaves."""
    by_line = {change.line_id: change for change in changes if change.line_id}
    revised = []
    for line in lines:
        change = by_line.get(line.pk)
        if change is None:
            revised.append((line.account_number, line.amount))
        elif change.kind == LineChangeKind.REMOVE:
            if line.received_quantity > 0:
                raise VendorError(
                    CO_LINE_RECEIVED.format(line=line.description, received=line.received_quantity)
                )
        else:
            if change.quantity < line.received_quantity:
                raise VendorError(
                    CO_BELOW_RECEIVED.format(line=line.description, received=line.received_quantity)
                )
            revised.append((change.account_number, change.amount))
    revised += [(c.account_number, c.amount) for c in changes if c.kind == LineChangeKind.ADD]
    if not revised:
        raise VendorError(CO_NO_LINES_LEFT)
    result = Revised(revised)
    before: dict[str, Decimal] = {}
    for line in lines:
        before[line.account_number] = before.get(line.account_number, Decimal("0")) + line.amount
    after = result.by_account()
    invoiced = (
        InvoiceLine.objects.filter(invoice__purchase_order=po)
        .exclude(invoice__status=InvoiceStatus.REJECTED)
        .values_list("account_number")
        .annotate(total=Sum("amount"))
    )
    currency = po.production.currency
    for account, billed in sorted(invoiced):
        ordered = after.get(account, Decimal("0"))
        # An account already billed past its order (an override) may stay there, not shrink.
        if billed > ordered and ordered < before.get(account, Decimal("0")):
            raise VendorError(
                CO_BELOW_INVOICED.format(
                    account=account,
                    invoiced=format_money(billed, currency),
                    ordered=format_money(ordered, currency),
                )
            )
    return result


def signed_money(value: Decimal, currency: str) -> str:
    if value > 0:
        return "+" + format_money(value, currency)
    if value < 0:
        return "-" + format_money(-value, currency)
    return "no change in total"


def summary(change_order: ChangeOrder, changes: list[LineChange], currency: str) -> str:
    """ "+$1,200.00; 2 lines changed; delivery 5 Mar 2030": what the change order moves."""
    parts = []
    if changes:
        delta = sum((change.delta for change in changes), Decimal("0"))
        count = len(changes)
        parts += [signed_money(delta, currency), f"{count} line{'s' if count > 1 else ''} changed"]
    if change_order.deliver_on:
        day = change_order.deliver_on
        parts.append(f"delivery {day.day} {day:%b %Y}")
    return "; ".join(parts)


def apply_change_order(change_order, po, changes, lines, *, user) -> None:
    """Make the change: lines, revision, approved total, commitments, audit words, re-send."""
    by_pk = {line.pk: line for line in lines}
    accounts_before = {line.account_number for line in lines}
    for change in changes:
        if change.kind == LineChangeKind.ADD:
            change.line = PurchaseOrderLine.objects.create(
                production=po.production,
                purchase_order=po,
                account_number=change.account_number,
                description=change.description,
                quantity=change.quantity,
                unit_price=change.unit_price,
                amount=change.amount,
            )
            change.save(update_fields=["line"])
        elif change.kind == LineChangeKind.REMOVE:
            by_pk[change.line_id].delete()
        else:
            line = by_pk[change.line_id]
            line.account_number = change.account_number
            line.description = change.description
            line.quantity = change.quantity
            line.unit_price = change.unit_price
            line.amount = change.amount
            line.save()
    currency = po.production.currency
    words = summary(change_order, changes, currency)
    if change_order.deliver_on:
        po.deliver_on = change_order.deliver_on
    po.revision = change_order.number
    po.approved_total = po_total(po)
    verb = "approved" if change_order.needs_approval else "applied"
    _say(po, f"change order {change_order.number} to {po.label} {verb}: {words}")
    resend = bool(po.send_status) and bool(po.vendor.email)
    if resend:
        po.request_send()
    po.save()
    accounts_after = set(po.lines.values_list("account_number", flat=True))
    po_sync_commitments(po, released_accounts=accounts_before - accounts_after)
    if resend:
        outbox.queue_after_commit(po)
    change_order.status = ChangeOrderStatus.APPROVED
    change_order.decided_by = user if change_order.needs_approval else None
    change_order.decided_at = timezone.now()
    _say(change_order, f"{verb} change order {change_order.number} to {po.label}: {words}")
    change_order.save()
