"""Rentals and their return checklists."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from apps.core.money import MoneyField
from apps.productions.models import Production
from apps.vendors.models.purchasing import PurchaseOrder
from apps.vendors.models.vendors import Vendor

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
