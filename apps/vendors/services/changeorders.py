"""Change orders: the one way an approved purchase order's lines (or its delivery date) change.

Drafted on the PO page (lines to add, remove or change, and why), then submitted. A change to
accounts, goods or money needs the approval a PO of the revised total needs (`approval_allowed`);
a change of the delivery date alone applies when submitted. Applying is one transaction: the
lines change, the PO takes the change order's number as its revision and the revised total as
its approved total, its commitments follow (`po_sync_commitments`), the audit trail says what
moved, and a PO the vendor already had is sent again (the revised PDF says "Revision N").

Received lines are never removed, a quantity never goes below what was received, and no account
is left ordering less than the PO's open (entered or approved) invoices bill on it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from apps.productions.models import Membership
from apps.vendors.models import (
    ChangeOrder,
    ChangeOrderStatus,
    LineChange,
    LineChangeKind,
    PurchaseOrder,
    PurchaseOrderLine,
)
from apps.vendors.services.common import VendorError, money
from apps.vendors.services.ledger import account_check
from apps.vendors.services.purchasing import approval_allowed
from apps.vendors.services.revisions import (  # noqa: F401 - the messages are this module's API
    CO_BELOW_INVOICED,
    CO_BELOW_RECEIVED,
    CO_LINE_RECEIVED,
    CO_NO_LINES_LEFT,
    apply_change_order,
    revise,
)
from apps.vendors.totals import po_total

CO_PO_NOT_OPEN = "{po} is {status}: only an approved, open PO takes a change order."
CO_ALREADY_OPEN = "{co} is still {status}: decide it before starting another."
CO_NEEDS_REASON = "Say why the purchase order changes."
CO_NOT_DRAFT = "{co} is {status}: its changes can no longer be edited."
CO_NOT_SUBMITTED = "{co} is {status}: only a submitted change order is approved or rejected."
CO_CHANGES_NOTHING = "The change order changes nothing yet: change a line or the delivery date."
CO_OTHER_PO = "That line belongs to another purchase order."
CO_REJECT_NEEDS_NOTE = "Say why the change order is rejected."
CO_BAD_TERMS = "A line needs a quantity above zero and a price of zero or more."


def _say(obj, words: str) -> None:
    obj._change_reason = words[:100]


def _locked(change_order: ChangeOrder) -> tuple[ChangeOrder, PurchaseOrder]:
    """The change order and its PO, both locked (the PO first, as every PO action locks it)."""
    po = (
        PurchaseOrder.objects.select_for_update(of=("self",))
        .select_related("production", "vendor")
        .get(pk=change_order.purchase_order_id)
    )
    change_order = ChangeOrder.objects.select_for_update().get(pk=change_order.pk)
    change_order.purchase_order = po
    return change_order, po


def _draft(change_order: ChangeOrder) -> tuple[ChangeOrder, PurchaseOrder]:
    change_order, po = _locked(change_order)
    if change_order.status != ChangeOrderStatus.DRAFT:
        raise VendorError(_state(CO_NOT_DRAFT, change_order))
    return change_order, po


def _state(message: str, change_order: ChangeOrder) -> str:
    return message.format(co=change_order, status=change_order.get_status_display().lower())


def _require_po_open(po: PurchaseOrder) -> None:
    if not po.takes_change_orders:
        raise VendorError(CO_PO_NOT_OPEN.format(po=po, status=po.get_status_display().lower()))


# --- Drafting -----------------------------------------------------------------------------------


@transaction.atomic
def co_start(
    *, po: PurchaseOrder, reason: str, user=None, deliver_on: date | None = None
) -> ChangeOrder:
    po = (
        PurchaseOrder.objects.select_for_update(of=("self",))
        .select_related("production")
        .get(pk=po.pk)
    )
    _require_po_open(po)
    open_one = po.change_orders.filter(
        status__in=[ChangeOrderStatus.DRAFT, ChangeOrderStatus.SUBMITTED]
    ).first()
    if open_one is not None:
        raise VendorError(_state(CO_ALREADY_OPEN, open_one))
    if not reason.strip():
        raise VendorError(CO_NEEDS_REASON, field="reason")
    last = po.change_orders.aggregate(last=Max("number"))["last"] or 0
    change_order = ChangeOrder(
        production=po.production,
        purchase_order=po,
        number=last + 1,
        reason=reason.strip()[:300],
        deliver_on=deliver_on if deliver_on != po.deliver_on else None,
        created_by=user,
    )
    _say(change_order, f"drafted change order {change_order.number} to {po.label}: {reason}")
    change_order.save()
    return change_order


@transaction.atomic
def co_details(
    *, change_order: ChangeOrder, reason: str, deliver_on: date | None = None
) -> ChangeOrder:
    change_order, po = _draft(change_order)
    if not reason.strip():
        raise VendorError(CO_NEEDS_REASON, field="reason")
    change_order.reason = reason.strip()[:300]
    change_order.deliver_on = deliver_on if deliver_on != po.deliver_on else None
    change_order.save()
    return change_order


def _line_of(po: PurchaseOrder, line: PurchaseOrderLine) -> PurchaseOrderLine:
    found = po.lines.filter(pk=line.pk).first()
    if found is None:
        raise VendorError(CO_OTHER_PO)
    return found


def _check_terms(quantity: Decimal, unit_price: Decimal) -> None:
    if quantity <= 0 or unit_price < 0:
        raise VendorError(CO_BAD_TERMS)


def _was(line: PurchaseOrderLine) -> dict:
    return {
        "line": line,
        "was_account_number": line.account_number,
        "was_description": line.description,
        "was_quantity": line.quantity,
        "was_unit_price": line.unit_price,
        "was_amount": line.amount,
    }


@transaction.atomic
def co_line_add(
    *,
    change_order: ChangeOrder,
    account_number: str,
    description: str,
    unit_price: Decimal,
    quantity: Decimal = Decimal("1"),
) -> LineChange:
    change_order, po = _draft(change_order)
    _check_terms(quantity, unit_price)
    account_check(po.production, account_number.strip())
    return LineChange.objects.create(
        production=po.production,
        change_order=change_order,
        kind=LineChangeKind.ADD,
        account_number=account_number.strip(),
        description=description.strip(),
        quantity=quantity,
        unit_price=unit_price,
        amount=money(po.production, quantity * unit_price),
    )


@transaction.atomic
def co_line_change(
    *,
    change_order: ChangeOrder,
    line: PurchaseOrderLine,
    account_number: str,
    description: str,
    quantity: Decimal,
    unit_price: Decimal,
) -> LineChange | None:
    """Stage new terms for a line (replacing what was staged for it); terms equal to the line's
    own unstage it and return None."""
    change_order, po = _draft(change_order)
    line = _line_of(po, line)
    _check_terms(quantity, unit_price)
    account_number, description = account_number.strip(), description.strip()
    if quantity < line.received_quantity:
        raise VendorError(
            CO_BELOW_RECEIVED.format(line=line.description, received=line.received_quantity)
        )
    change_order.changes.filter(line=line).delete()
    new = (account_number, description, quantity, money(po.production, unit_price))
    if new == (line.account_number, line.description, line.quantity, line.unit_price):
        return None
    account_check(po.production, account_number)
    return LineChange.objects.create(
        production=po.production,
        change_order=change_order,
        kind=LineChangeKind.CHANGE,
        account_number=account_number,
        description=description,
        quantity=quantity,
        unit_price=unit_price,
        amount=money(po.production, quantity * unit_price),
        **_was(line),
    )


@transaction.atomic
def co_line_remove(*, change_order: ChangeOrder, line: PurchaseOrderLine) -> LineChange:
    change_order, po = _draft(change_order)
    line = _line_of(po, line)
    if line.received_quantity > 0:
        raise VendorError(
            CO_LINE_RECEIVED.format(line=line.description, received=line.received_quantity)
        )
    change_order.changes.filter(line=line).delete()
    return LineChange.objects.create(
        production=po.production,
        change_order=change_order,
        kind=LineChangeKind.REMOVE,
        amount=Decimal("0"),
        **_was(line),
    )


@transaction.atomic
def co_change_undo(*, change_order: ChangeOrder, change_id: int) -> None:
    change_order, _ = _draft(change_order)
    change_order.changes.filter(pk=change_id).delete()


@transaction.atomic
def co_discard(*, change_order: ChangeOrder) -> None:
    """Throw a draft away (its number is free again: it was never submitted)."""
    change_order, po = _draft(change_order)
    _say(change_order, f"discarded draft change order {change_order.number} to {po.label}")
    change_order.delete()


# --- Submitting, approving, rejecting -----------------------------------------------------------


@transaction.atomic
def co_submit(*, change_order: ChangeOrder, user=None) -> ChangeOrder:
    """Submit the draft. A change of the delivery date alone applies at once (no approval)."""
    change_order, po = _draft(change_order)
    _require_po_open(po)
    changes = list(change_order.changes.all())
    if not changes and not change_order.deliver_on:
        raise VendorError(CO_CHANGES_NOTHING)
    lines = list(po.lines.all())
    revised = revise(po, changes, lines)
    change_order.needs_approval = bool(changes)
    change_order.total_before = po_total(po, lines)
    change_order.total_after = money(po.production, revised.total)
    change_order.status = ChangeOrderStatus.SUBMITTED
    change_order.submitted_at = timezone.now()
    _say(change_order, f"submitted change order {change_order.number} to {po.label}")
    change_order.save()
    if not change_order.needs_approval:
        apply_change_order(change_order, po, changes, lines, user=user)
    return change_order


@transaction.atomic
def co_approve(*, change_order: ChangeOrder, membership: Membership) -> ChangeOrder:
    change_order, po = _locked(change_order)
    if change_order.status != ChangeOrderStatus.SUBMITTED:
        raise VendorError(_state(CO_NOT_SUBMITTED, change_order))
    _require_po_open(po)
    changes = list(change_order.changes.all())
    lines = list(po.lines.all())
    total = money(po.production, revise(po, changes, lines).total)
    refusal = approval_allowed(membership, total)
    if refusal:
        raise VendorError(refusal)
    change_order.total_before = po_total(po, lines)
    change_order.total_after = total
    apply_change_order(change_order, po, changes, lines, user=membership.user)
    return change_order


@transaction.atomic
def co_reject(*, change_order: ChangeOrder, note: str, user=None) -> ChangeOrder:
    change_order, po = _locked(change_order)
    if change_order.status != ChangeOrderStatus.SUBMITTED:
        raise VendorError(_state(CO_NOT_SUBMITTED, change_order))
    if not note.strip():
        raise VendorError(CO_REJECT_NEEDS_NOTE, field="note")
    change_order.status = ChangeOrderStatus.REJECTED
    change_order.decided_by = user
    change_order.decided_at = timezone.now()
    change_order.decision_note = note.strip()[:300]
    _say(change_order, f"rejected change order {change_order.number} to {po.label}: {note}")
    change_order.save()
    return change_order
