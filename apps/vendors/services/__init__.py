"""Every write with a rule in vendors: one function per action, each in a transaction.

`purchasing` holds vendors, certificates, quotes and purchase orders; `changeorders` how an
approved PO changes; `rentals`, `invoices` and `reminders` the rest. They raise VendorError
with a message constant meant for the page.
"""

from apps.vendors.services.changeorders import (
    co_approve,
    co_change_undo,
    co_details,
    co_discard,
    co_line_add,
    co_line_change,
    co_line_remove,
    co_reject,
    co_start,
    co_submit,
)
from apps.vendors.services.common import VendorError, settings_for
from apps.vendors.services.invoices import (
    invoice_add_line,
    invoice_approve,
    invoice_check,
    invoice_create,
    invoice_reject,
)
from apps.vendors.services.purchasing import (
    approval_allowed,
    certificate_upload,
    po_approve,
    po_close,
    po_create,
    po_line_add,
    po_line_delete,
    po_receive,
    po_send,
    po_submit,
    po_total,
    po_void,
    quote_choose,
)
from apps.vendors.services.reminders import reminders_create
from apps.vendors.services.rentals import (
    billable_days,
    rental_cost,
    rental_create,
    rental_return,
)

__all__ = [
    "VendorError",
    "approval_allowed",
    "billable_days",
    "certificate_upload",
    "co_approve",
    "co_change_undo",
    "co_details",
    "co_discard",
    "co_line_add",
    "co_line_change",
    "co_line_remove",
    "co_reject",
    "co_start",
    "co_submit",
    "invoice_add_line",
    "invoice_approve",
    "invoice_check",
    "invoice_create",
    "invoice_reject",
    "po_approve",
    "po_close",
    "po_create",
    "po_line_add",
    "po_line_delete",
    "po_receive",
    "po_send",
    "po_submit",
    "po_total",
    "po_void",
    "quote_choose",
    "reminders_create",
    "rental_cost",
    "rental_create",
    "rental_return",
    "settings_for",
]
