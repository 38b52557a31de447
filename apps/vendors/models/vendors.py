"""Vendors, their contacts and insurance certificates, and the vendor settings."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from apps.core.money import MoneyField
from apps.productions.links import production_url
from apps.productions.models import Production
from apps.vendors.models.common import EXPIRY_WARNING_DAYS


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
        return production_url(self.production, "vendors:vendor_detail", pk=self.pk)


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
