"""Vendors, their insurance certificates, quotes, purchase orders, rentals and invoices.

Money never lands in budget tables from here: approved purchase orders and invoices reach the cost
report through `apps.budgets.services` (see services/ledger.py).
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from simple_history.models import HistoricalRecords

from apps.core.models import SendStatus
from apps.core.money import MoneyField
from apps.core.outbox import OutboundMessage
from apps.productions.models import Production

# Money columns are apps.core.money.MoneyField; quantities keep 3 places (1.5 days, 0.25 t).
QUANTITY = {"max_digits": 12, "decimal_places": 3}
EXPIRY_WARNING_DAYS = 14


class Category(models.TextChoices):
    CAMERA = "camera", "Camera"
    GRIP_ELECTRIC = "grip_electric", "Grip and electric"
    LIGHTING = "lighting", "Lighting"
    SOUND = "sound", "Sound"
    EXPENDABLES = "expendables", "Expendables"
    CATERING = "catering", "Catering"
    TRANSPORT = "transport", "Transport"
    LOCATIONS = "locations", "Locations"
    POST_HOUSE = "post_house", "Post house"
    INSURANCE = "insurance", "Insurance"
    ART = "art", "Art and props"
    WARDROBE = "wardrobe", "Wardrobe"
    OFFICE = "office", "Office and IT"
    OTHER = "other", "Other"


class PaymentTerms(models.TextChoices):
    ON_RECEIPT = "on_receipt", "Due on receipt"
    NET_7 = "net_7", "Net 7"
    NET_15 = "net_15", "Net 15"
    NET_30 = "net_30", "Net 30"
    NET_45 = "net_45", "Net 45"
    NET_60 = "net_60", "Net 60"
    PREPAID = "prepaid", "Prepaid / deposit"
    COD = "cod", "Cash on delivery"


class VendorSettings(models.Model):
    """Per production: how far an AP may approve, and what a rental "week" bills."""

    production = models.OneToOneField(
        Production, on_delete=models.CASCADE, related_name="vendor_settings"
    )
    ap_approval_limit = MoneyField(
        "AP approval limit",
        default=Decimal("5000.00"),
        help_text="An associate producer approves purchase orders up to this total; "
        "a producer approves any amount.",
    )
    rental_days_per_week = models.DecimalField(
        "billable days per rental week",
        max_digits=3,
        decimal_places=1,
        default=Decimal("4.0"),
        help_text="A weekly rate is worth this many day rates (3, 4 or 5 are usual).",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "vendor settings"
        constraints = [
            models.CheckConstraint(
                name="vendor_settings_limit_not_negative", condition=Q(ap_approval_limit__gte=0)
            ),
            models.CheckConstraint(
                name="vendor_settings_week_1_to_7",
                condition=Q(rental_days_per_week__gte=1, rental_days_per_week__lte=7),
            ),
        ]

    def __str__(self) -> str:
        return f"Vendor settings of {self.production}"


class Vendor(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="vendors")
    name = models.CharField(max_length=200)
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.OTHER)
    email = models.EmailField("orders e-mail", blank=True, help_text="Purchase orders go here.")
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    payment_terms = models.CharField(
        max_length=20, choices=PaymentTerms.choices, default=PaymentTerms.NET_30
    )
    tax_form_on_file = models.BooleanField("tax form on file (W-9 or equivalent)", default=False)
    rating = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=[(n, "★" * n) for n in range(1, 6)]
    )
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "production", name="vendor_unique_name"),
            models.CheckConstraint(
                name="vendor_rating_1_to_5",
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "vendors:vendor_detail",
            kwargs={"production_slug": self.production.slug, "pk": self.pk},
        )


class Contact(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=80, blank=True, help_text="Rental desk, accounts, owner…")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["vendor", "name"]

    def __str__(self) -> str:
        return self.name


def certificate_path(instance: Certificate, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower()[:5] if "." in filename else "bin"
    return f"vendors/{instance.production_id}/certificates/{uuid.uuid4().hex}.{suffix}"


class Certificate(models.Model):
    """A certificate of insurance. The vendor's newest (latest expiry) is the one that counts."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="certificates")
    file = models.FileField(upload_to=certificate_path)
    content_type = models.CharField(max_length=40, editable=False)
    insurer = models.CharField(max_length=120, blank=True)
    expires_on = models.DateField("expires on")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["vendor", "-expires_on", "-id"]
        indexes = [models.Index(fields=["production", "expires_on"], name="certificate_expiry")]

    def __str__(self) -> str:
        return f"Certificate of insurance of {self.vendor} (expires {self.expires_on})"

    def status(self, today: date) -> str:
        if self.expires_on < today:
            return "expired"
        if (self.expires_on - today).days <= EXPIRY_WARNING_DAYS:
            return "expiring"
        return "valid"


# --- Quotes -------------------------------------------------------------------------------------


class QuoteRequest(models.Model):
    """One need ("camera package for 25 days"), quoted by several vendors side by side."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    title = models.CharField("need", max_length=200)
    details = models.TextField(blank=True)
    account_number = models.CharField(
        "budget account", max_length=20, help_text="The account the order will be coded to."
    )
    needed_by = models.DateField(null=True, blank=True)
    chosen = models.ForeignKey(
        "Quote", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class Quote(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    request = models.ForeignKey(QuoteRequest, on_delete=models.CASCADE, related_name="quotes")
    vendor = models.ForeignKey(Vendor, on_delete=models.PROTECT, related_name="quotes")
    amount = MoneyField()
    terms = models.CharField(max_length=200, blank=True, help_text="What is included, lead time…")
    valid_until = models.DateField(null=True, blank=True)
    received_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["request", "amount"]
        constraints = [
            models.UniqueConstraint(fields=["request", "vendor"], name="quote_one_per_vendor"),
            models.CheckConstraint(name="quote_amount_not_negative", condition=Q(amount__gte=0)),
        ]

    def __str__(self) -> str:
        return f"{self.vendor} for {self.request}"


# --- Purchase orders ----------------------------------------------------------------------------


class POStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    SENT = "sent", "Sent"
    PARTLY_RECEIVED = "partly_received", "Partly received"
    RECEIVED = "received", "Received"
    CLOSED = "closed", "Closed"
    VOID = "void", "Void"


# Approved and not yet closed or void: the PO commits money on its accounts.
OPEN_STATUSES = (
    POStatus.APPROVED,
    POStatus.SENT,
    POStatus.PARTLY_RECEIVED,
    POStatus.RECEIVED,
)


class PurchaseOrderCounter(models.Model):
    """The last PO number issued in a production; locked while the next one is taken."""

    production = models.OneToOneField(Production, on_delete=models.CASCADE, related_name="+")
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"PO counter of {self.production}: {self.last_number}"


class PurchaseOrder(OutboundMessage):
    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="purchase_orders"
    )
    number = models.PositiveIntegerField(editable=False)
    vendor = models.ForeignKey(Vendor, on_delete=models.PROTECT, related_name="purchase_orders")
    quote = models.ForeignKey(
        Quote, on_delete=models.SET_NULL, null=True, blank=True, related_name="purchase_orders"
    )
    description = models.CharField(max_length=200)
    deliver_on = models.DateField("delivery / pick-up", null=True, blank=True)
    status = models.CharField(max_length=20, choices=POStatus.choices, default=POStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_total = MoneyField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    void_reason = models.CharField(max_length=200, blank=True)
    # Delivery of the PO e-mail to the vendor (apps/core/outbox.py): nothing asked until sent.
    send_status = models.CharField(max_length=10, choices=SendStatus.choices, blank=True)
    send_requested_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(
        excluded_fields=["version", "send_claim_id", "send_claimed_at", "send_lease_until"]
    )
    outbox_builder = "apps.vendors.tasks.purchase_order_message"
    outbox_related = ("production", "vendor")

    class Meta:
        ordering = ["production", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["production", "number"], name="po_unique_number"),
        ]
        indexes = [models.Index(fields=["production", "status"], name="po_status")]

    def __str__(self) -> str:
        return f"PO {self.number:04d}"

    def get_absolute_url(self) -> str:
        return reverse(
            "vendors:po_detail", kwargs={"production_slug": self.production.slug, "pk": self.pk}
        )

    @property
    def label(self) -> str:
        return f"PO {self.number:04d}"

    @classmethod
    def outbox_pending(cls):
        return cls.objects.filter(status__in=OPEN_STATUSES)

    def outbox_sent(self) -> list[str]:
        """The vendor has the PO: an approved PO is now sent."""
        if self.status == POStatus.APPROVED:
            self.status = POStatus.SENT
            return ["status"]
        return []

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_editable(self) -> bool:
        return self.status in (POStatus.DRAFT, POStatus.SUBMITTED, *OPEN_STATUSES)


class PurchaseOrderLine(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    purchase_order = models.ForeignKey(
        PurchaseOrder, on_delete=models.CASCADE, related_name="lines"
    )
    account_number = models.CharField("account", max_length=20)
    description = models.CharField(max_length=200)
    quantity = models.DecimalField(default=Decimal("1"), **QUANTITY)
    unit_price = MoneyField()
    # quantity × unit price, rounded once to the currency's minor unit (money.round_money).
    amount = MoneyField(editable=False)
    received_quantity = models.DecimalField(default=Decimal("0"), **QUANTITY)

    class Meta:
        ordering = ["purchase_order", "id"]
        constraints = [
            models.CheckConstraint(name="po_line_quantity_positive", condition=Q(quantity__gt=0)),
            models.CheckConstraint(
                name="po_line_received_not_negative", condition=Q(received_quantity__gte=0)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account_number} {self.description}"


# --- Rentals ------------------------------------------------------------------------------------


class RateUnit(models.TextChoices):
    DAY = "day", "per day"
    WEEK = "week", "per week"


class Rental(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="rentals")
    vendor = models.ForeignKey(Vendor, on_delete=models.PROTECT, related_name="rentals")
    purchase_order = models.ForeignKey(
        PurchaseOrder, on_delete=models.SET_NULL, null=True, blank=True, related_name="rentals"
    )
    item = models.CharField(max_length=200)
    quantity = models.PositiveIntegerField(default=1)
    pick_up_on = models.DateField("pick-up")
    return_due_on = models.DateField("return due")
    returned_on = models.DateField(null=True, blank=True)
    rate = MoneyField()
    rate_unit = models.CharField(max_length=4, choices=RateUnit.choices, default=RateUnit.DAY)
    days_per_week = models.DecimalField(
        "billable days per week",
        max_digits=3,
        decimal_places=1,
        help_text="For a weekly rate: how many day rates make a week (from the settings).",
    )
    loss_damage_notes = models.TextField("loss and damage", blank=True)
    loss_damage_amount = MoneyField(default=Decimal("0"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["return_due_on", "id"]
        constraints = [
            models.CheckConstraint(
                name="rental_return_after_pick_up", condition=Q(return_due_on__gte=F("pick_up_on"))
            ),
            models.CheckConstraint(
                name="rental_days_per_week_1_to_7",
                condition=Q(days_per_week__gte=1, days_per_week__lte=7),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} from {self.vendor}"

    def is_overdue(self, today: date) -> bool:
        return self.returned_on is None and self.return_due_on < today


class ChecklistItem(models.Model):
    """One thing to check when the rental comes back (all cases, batteries, no damage…)."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    rental = models.ForeignKey(Rental, on_delete=models.CASCADE, related_name="checklist")
    label = models.CharField(max_length=120)
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ["rental", "id"]

    def __str__(self) -> str:
        return self.label


# --- Invoices -----------------------------------------------------------------------------------


class InvoiceStatus(models.TextChoices):
    ENTERED = "entered", "Entered"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class Invoice(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="invoices")
    vendor = models.ForeignKey(Vendor, on_delete=models.PROTECT, related_name="invoices")
    purchase_order = models.ForeignKey(
        PurchaseOrder, on_delete=models.PROTECT, null=True, blank=True, related_name="invoices"
    )
    number = models.CharField("vendor's invoice number", max_length=60)
    date = models.DateField()
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=InvoiceStatus.choices, default=InvoiceStatus.ENTERED
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["production", "-date", "-id"]
        constraints = [
            models.UniqueConstraint(
                Lower("number"), "vendor", name="invoice_unique_number_per_vendor"
            ),
        ]

    def __str__(self) -> str:
        return f"Invoice {self.number} from {self.vendor}"

    @property
    def without_po(self) -> bool:
        return self.purchase_order_id is None


class InvoiceLine(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    account_number = models.CharField("account", max_length=20)
    description = models.CharField(max_length=200)
    amount = MoneyField()

    class Meta:
        ordering = ["invoice", "id"]

    def __str__(self) -> str:
        return f"{self.account_number} {self.description} {self.amount}"


# --- Reminders ----------------------------------------------------------------------------------


class ReminderKind(models.TextChoices):
    CERTIFICATE_EXPIRING = "certificate_expiring", "Certificate expiring"
    RENTAL_OVERDUE = "rental_overdue", "Rental overdue"


class Reminder(OutboundMessage):
    """One reminder to one person about one thing on one day: the log that stops a second send.

    `object_id` is a Certificate for CERTIFICATE_EXPIRING and a Rental for RENTAL_OVERDUE.
    """

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, choices=ReminderKind.choices)
    object_id = models.PositiveBigIntegerField()
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    date = models.DateField()
    text = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    # Delivery (apps/core/outbox.py): queued when logged.
    outbox_builder = "apps.vendors.tasks.reminder_message"
    outbox_related = ("production", "recipient")

    class Meta:
        ordering = ["-date", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "recipient", "date"], name="reminder_once_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.recipient}: {self.text}"
