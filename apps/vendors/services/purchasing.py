"""Vendors' certificates, quotes and purchase orders: numbering, states and approval limits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from apps.core import outbox
from apps.core.money import format_money
from apps.core.validators import ImageTooLarge, NotAnImage, image_format
from apps.productions.capabilities import Capability
from apps.productions.models import Membership, Production
from apps.vendors.models import (
    OPEN_CHANGE_ORDER,
    OPEN_STATUSES,
    Certificate,
    ChangeOrderStatus,
    POStatus,
    PurchaseOrder,
    PurchaseOrderCounter,
    PurchaseOrderLine,
    Quote,
    Vendor,
)
from apps.vendors.services.common import VendorError, money, settings_for
from apps.vendors.services.ledger import account_check, po_sync_commitments
from apps.vendors.totals import PO_TOTAL, po_total  # noqa: F401 - part of this module's API

CERTIFICATE_MAX_BYTES = 10 * 1024 * 1024
CERTIFICATE_TOO_BIG = "The certificate file is larger than 10 MB."
CERTIFICATE_NOT_PDF_OR_IMAGE = "The certificate must be a PDF or an image (PNG, JPEG)."
IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}

QUOTE_ALREADY_CHOSEN = "A quote was already chosen for this request: {po} was drafted from it."
PO_NEEDS_LINES = "Add at least one line with an amount before submitting the purchase order."
PO_WRONG_STATE = "The purchase order is {status}: it cannot be {action}."
PO_NOT_EDITABLE = "The purchase order is {status}: its lines can no longer change."
PO_LINES_FROZEN = (
    "{po} is {status}: its lines no longer change in place. Draft a change order instead."
)
NO_APPROVAL_RIGHT = "Your role cannot approve purchase orders."
OVER_APPROVAL_LIMIT = (
    "This total ({total}) is over your approval limit ({limit}): a producer must approve it."
)
VENDOR_HAS_NO_EMAIL = "{vendor} has no orders e-mail: add one to the vendor before sending."
RECEIVED_TOO_MUCH = "Line {line}: received {received} is more than the {ordered} ordered."
VOID_HAS_INVOICES = (
    "Invoices are entered or approved against this PO: it cannot be voided. Reject the entered "
    "ones, or close the PO."
)
VOID_NEEDS_REASON = "Say why the purchase order is void."


# --- Certificates -------------------------------------------------------------------------------


def sniff_certificate(upload) -> str:
    """The content type of an uploaded certificate, judged by its bytes, not its name."""
    if upload.size > CERTIFICATE_MAX_BYTES:
        raise VendorError(CERTIFICATE_TOO_BIG)
    position = upload.tell()
    try:
        upload.seek(0)
        if upload.read(5) == b"%PDF-":
            return "application/pdf"
        try:
            kind = image_format(upload)
        except ImageTooLarge as exc:
            raise VendorError(str(exc)) from exc
        except NotAnImage as exc:
            raise VendorError(CERTIFICATE_NOT_PDF_OR_IMAGE) from exc
        if kind not in IMAGE_TYPES:
            raise VendorError(CERTIFICATE_NOT_PDF_OR_IMAGE)
        return IMAGE_TYPES[kind]
    finally:
        upload.seek(position)


@transaction.atomic
def certificate_upload(
    *, vendor: Vendor, upload, expires_on: date, insurer: str = "", user=None
) -> Certificate:
    content_type = sniff_certificate(upload)
    return Certificate.objects.create(
        production=vendor.production,
        vendor=vendor,
        file=upload,
        content_type=content_type,
        expires_on=expires_on,
        insurer=insurer.strip(),
        uploaded_by=user,
    )


# --- Approval limits ----------------------------------------------------------------------------


def approval_allowed(
    membership: Membership, total: Decimal, limit: Decimal | None = None
) -> str | None:
    """None when this member may approve `total`, else the message saying why not.

    APPROVE_ANY_PURCHASE_ORDER approves any amount; APPROVE_PURCHASE_ORDERS up to the
    production's AP approval limit (inclusive; pass `limit` when checking many POs at once).
    """
    if membership.can(Capability.APPROVE_ANY_PURCHASE_ORDER):
        return None
    if not membership.can(Capability.APPROVE_PURCHASE_ORDERS):
        return NO_APPROVAL_RIGHT
    if limit is None:
        limit = settings_for(membership.production).ap_approval_limit
    if total <= limit:
        return None
    currency = membership.production.currency
    return OVER_APPROVAL_LIMIT.format(
        total=format_money(total, currency), limit=format_money(limit, currency)
    )


def approvable(membership: Membership, rows: QuerySet, limit: Decimal, total: str = "total"):
    """The rows (POs annotated with `total`, or change orders by `total_after`) this member may
    approve: approval_allowed's rule as a filter, so a list never formats a refusal per row."""
    if membership.can(Capability.APPROVE_ANY_PURCHASE_ORDER):
        return rows
    if not membership.can(Capability.APPROVE_PURCHASE_ORDERS):
        return rows.none()
    return rows.filter(**{f"{total}__lte": limit})


# --- Purchase orders ----------------------------------------------------------------------------


def _next_number(production: Production) -> int:
    """Take the next PO number. The counter row stays locked until the caller's transaction ends,
    so two POs created at once get consecutive numbers, and a rolled-back PO gives its number
    back (no gap)."""
    PurchaseOrderCounter.objects.get_or_create(production=production)
    counter = PurchaseOrderCounter.objects.select_for_update().get(production=production)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


# A purchase order's total is the sum of its lines' amounts, each rounded once to the currency's
# minor unit when the line was made (quantity × unit price); no tax, no rounding of the sum. Every
# page, list, PDF, e-mail, export and approval reads it from po_total, or from PO_TOTAL where a
# list needs it in SQL (tests hold the two equal).
@transaction.atomic
def po_create(
    *,
    production: Production,
    vendor: Vendor,
    description: str,
    user=None,
    deliver_on: date | None = None,
    quote: Quote | None = None,
) -> PurchaseOrder:
    if vendor.production_id != production.pk:
        raise VendorError("The vendor belongs to another production.")
    po = PurchaseOrder(
        production=production,
        number=_next_number(production),
        vendor=vendor,
        description=description.strip(),
        deliver_on=deliver_on,
        quote=quote,
        created_by=user,
    )
    _say(po, f"drafted {po.label} to {vendor.name}")
    po.save()
    return po


def _say(obj, words: str) -> None:
    """What the audit trail shows for the next save of `obj` (its history reason: 100 chars)."""
    obj._change_reason = words[:100]


def _locked(po: PurchaseOrder) -> PurchaseOrder:
    return (
        PurchaseOrder.objects.select_for_update(of=("self",))
        .select_related("production")
        .get(pk=po.pk)
    )


def _require(po: PurchaseOrder, allowed, action: str) -> None:
    if po.status not in allowed:
        raise VendorError(
            PO_WRONG_STATE.format(status=po.get_status_display().lower(), action=action)
        )


def _require_editable(po: PurchaseOrder) -> None:
    if po.is_editable:
        return
    status = po.get_status_display().lower()
    if po.takes_change_orders or po.status == POStatus.CLOSED:
        raise VendorError(PO_LINES_FROZEN.format(po=po, status=status))
    raise VendorError(PO_NOT_EDITABLE.format(status=status))


@transaction.atomic
def po_line_add(
    *,
    po: PurchaseOrder,
    account_number: str,
    description: str,
    unit_price: Decimal,
    quantity: Decimal = Decimal("1"),
) -> PurchaseOrderLine:
    po = _locked(po)
    _require_editable(po)
    account_check(po.production, account_number.strip())
    line = PurchaseOrderLine.objects.create(
        production=po.production,
        purchase_order=po,
        account_number=account_number.strip(),
        description=description.strip(),
        quantity=quantity,
        unit_price=unit_price,
        amount=money(po.production, quantity * unit_price),
    )
    return line


@transaction.atomic
def po_line_delete(*, line: PurchaseOrderLine) -> None:
    po = _locked(line.purchase_order)
    _require_editable(po)
    line.delete()


@transaction.atomic
def po_submit(*, po: PurchaseOrder) -> PurchaseOrder:
    po = _locked(po)
    _require(po, {POStatus.DRAFT}, "submitted")
    if po_total(po) <= 0:
        raise VendorError(PO_NEEDS_LINES)
    po.status = POStatus.SUBMITTED
    po.submitted_at = timezone.now()
    _say(po, f"submitted {po.label}")
    po.save()
    return po


@transaction.atomic
def po_approve(*, po: PurchaseOrder, membership: Membership) -> PurchaseOrder:
    po = _locked(po)
    _require(po, {POStatus.SUBMITTED}, "approved")
    total = po_total(po)
    refusal = approval_allowed(membership, total)
    if refusal:
        raise VendorError(refusal)
    po.status = POStatus.APPROVED
    po.approved_by = membership.user
    po.approved_at = timezone.now()
    po.approved_total = total
    _say(po, f"approved {po.label} ({format_money(total, po.production.currency)})")
    po.save()
    po_sync_commitments(po)
    return po


@transaction.atomic
def po_send(*, po: PurchaseOrder) -> PurchaseOrder:
    """Queue the PO e-mail to the vendor (again, for a resend). The task marks the PO sent once
    the vendor's server accepted it."""
    po = _locked(po)
    _require(po, set(OPEN_STATUSES), "sent")
    vendor = po.vendor
    if not vendor.email:
        raise VendorError(VENDOR_HAS_NO_EMAIL.format(vendor=vendor))
    po.request_send()
    revision = f" ({po.revision_label.lower()})" if po.revision else ""
    _say(po, f"sent {po.label}{revision} to {vendor.email}")
    po.save()
    outbox.queue_after_commit(po)
    return po


@transaction.atomic
def po_receive(*, po: PurchaseOrder, received: dict[int, Decimal]) -> PurchaseOrder:
    """Record what has arrived so far (total received per line, not the increment)."""
    po = _locked(po)
    _require(po, {POStatus.APPROVED, POStatus.SENT, POStatus.PARTLY_RECEIVED}, "received")
    lines = list(po.lines.all())
    for line in lines:
        if line.pk in received:
            quantity = received[line.pk]
            if quantity < 0 or quantity > line.quantity:
                raise VendorError(
                    RECEIVED_TOO_MUCH.format(
                        line=line.description, received=quantity, ordered=line.quantity
                    )
                )
            line.received_quantity = quantity
            line.save(update_fields=["received_quantity"])
    if all(line.received_quantity >= line.quantity for line in lines):
        po.status = POStatus.RECEIVED
    elif any(line.received_quantity > 0 for line in lines):
        po.status = POStatus.PARTLY_RECEIVED
    _say(po, f"recorded receipt on {po.label}: {po.get_status_display().lower()}")
    po.save()
    return po


@transaction.atomic
def po_close(*, po: PurchaseOrder) -> PurchaseOrder:
    """Nothing more will be invoiced: what is still committed is released."""
    po = _locked(po)
    _require(po, set(OPEN_STATUSES), "closed")
    po.status = POStatus.CLOSED
    po.closed_at = timezone.now()
    _say(po, f"closed {po.label}")
    po.save()
    _end_open_change_orders(po, f"{po.label} was closed.")
    po_sync_commitments(po)
    return po


@transaction.atomic
def po_void(*, po: PurchaseOrder, reason: str) -> PurchaseOrder:
    from apps.vendors.models import InvoiceStatus

    po = _locked(po)
    _require(po, {POStatus.DRAFT, POStatus.SUBMITTED, *OPEN_STATUSES}, "voided")
    if not reason.strip():
        raise VendorError(VOID_NEEDS_REASON)
    if po.invoices.exclude(status=InvoiceStatus.REJECTED).exists():
        raise VendorError(VOID_HAS_INVOICES)
    po.status = POStatus.VOID
    po.void_reason = reason.strip()[:200]
    _say(po, f"voided {po.label}: {po.void_reason}")
    po.save()
    _end_open_change_orders(po, f"{po.label} was voided.")
    po_sync_commitments(po)
    return po


def _end_open_change_orders(po: PurchaseOrder, note: str) -> None:
    """A PO that is closed or void takes no more changes: its open change order is rejected."""
    for change_order in po.change_orders.filter(status__in=OPEN_CHANGE_ORDER):
        change_order.status = ChangeOrderStatus.REJECTED
        change_order.decided_at = timezone.now()
        change_order.decision_note = note
        _say(change_order, f"{change_order} ended: {note}")
        change_order.save()


# --- Quotes -------------------------------------------------------------------------------------


@transaction.atomic
def quote_choose(*, quote: Quote, user=None) -> PurchaseOrder:
    """Choose the winning quote of a request: drafts the PO to that vendor for that amount."""
    from apps.vendors.models import QuoteRequest

    request = QuoteRequest.objects.select_for_update().get(pk=quote.request_id)
    if request.chosen_id is not None:
        existing = PurchaseOrder.objects.filter(quote_id=request.chosen_id).first()
        raise VendorError(QUOTE_ALREADY_CHOSEN.format(po=existing or "a PO"))
    po = po_create(
        production=request.production,
        vendor=quote.vendor,
        description=request.title,
        user=user,
        deliver_on=request.needed_by,
        quote=quote,
    )
    po_line_add(
        po=po,
        account_number=request.account_number,
        description=request.title + (f" — {quote.terms}" if quote.terms else ""),
        unit_price=quote.amount,
    )
    request.chosen = quote
    request.save(update_fields=["chosen"])
    return po
