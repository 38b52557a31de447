"""Quotes and purchase orders with their lines."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from apps.core.models import SendStatus
from apps.core.money import MoneyField
from apps.core.outbox import OutboundMessage
from apps.productions.links import production_url
from apps.productions.models import Production
from apps.vendors.models.common import QUANTITY
from apps.vendors.models.vendors import Vendor

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
    # The number of the last change order applied (0: the PO as first approved).
    revision = models.PositiveIntegerField(default=0, editable=False)
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
        return production_url(self.production, "vendors:po_detail", pk=self.pk)

    @property
    def label(self) -> str:
        return f"PO {self.number:04d}"

    @classmethod
    def outbox_pending(cls):
        return cls.objects.filter(status__in=OPEN_STATUSES)

    def outbox_sent(self) -> list[str]:
        """The vendor has the PO: an approved PO is now sent."""
        self._change_reason = f"{self.label} delivered to {self.vendor.email}"[:100]
        if self.status == POStatus.APPROVED:
            self.status = POStatus.SENT
            return ["status"]
        return []

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_editable(self) -> bool:
        """Lines change in place only before approval; after it, by change order."""
        return self.status in (POStatus.DRAFT, POStatus.SUBMITTED)

    @property
    def takes_change_orders(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def revision_label(self) -> str:
        return f"Revision {self.revision}" if self.revision else ""


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
