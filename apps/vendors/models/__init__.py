"""Vendors, their insurance certificates, quotes, purchase orders, rentals and invoices.

Money never lands in budget tables from here: approved purchase orders and invoices reach the cost
report through `apps.budgets.services` (see services/ledger.py). One module per concern; every
name is importable from `apps.vendors.models` as before.
"""

from apps.vendors.models.changeorders import (  # noqa: F401
    OPEN_CHANGE_ORDER,
    ChangeOrder,
    ChangeOrderStatus,
    LineChange,
    LineChangeKind,
)
from apps.vendors.models.common import (  # noqa: F401
    EXPIRY_WARNING_DAYS,
    QUANTITY,
)
from apps.vendors.models.invoices import (  # noqa: F401
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    Reminder,
    ReminderKind,
)
from apps.vendors.models.purchasing import (  # noqa: F401
    OPEN_STATUSES,
    POStatus,
    PurchaseOrder,
    PurchaseOrderCounter,
    PurchaseOrderLine,
    Quote,
    QuoteRequest,
)
from apps.vendors.models.rentals import (  # noqa: F401
    ChecklistItem,
    RateUnit,
    Rental,
)
from apps.vendors.models.vendors import (  # noqa: F401
    Category,
    Certificate,
    Contact,
    PaymentTerms,
    Vendor,
    VendorSettings,
    certificate_path,
)
