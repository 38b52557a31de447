"""Invoices with their lines, and the reminders sent to vendors."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from apps.core.money import MoneyField
from apps.core.outbox import OutboundMessage
from apps.productions.models import Production
from apps.vendors.models.purchasing import PurchaseOrder
from apps.vendors.models.vendors import Vendor

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
