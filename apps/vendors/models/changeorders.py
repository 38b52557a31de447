"""Change orders: how an approved purchase order changes (its lines, its delivery date).

A change order is numbered per PO (1, 2, ...), says why, and lists the line changes it makes. It
is drafted, submitted, then approved (and applied at once) or rejected; the PO records the number
of the last one applied as its revision. Only one change order of a PO is open at a time, so a
draft's "before" values stay true until it is decided.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from apps.core.money import MoneyField
from apps.productions.models import Production
from apps.vendors.models.common import QUANTITY
from apps.vendors.models.purchasing import PurchaseOrder, PurchaseOrderLine


class ChangeOrderStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


OPEN_CHANGE_ORDER = (ChangeOrderStatus.DRAFT, ChangeOrderStatus.SUBMITTED)


class ChangeOrder(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    purchase_order = models.ForeignKey(
        PurchaseOrder, on_delete=models.CASCADE, related_name="change_orders"
    )
    number = models.PositiveIntegerField(editable=False)
    reason = models.CharField(max_length=300)
    status = models.CharField(
        max_length=10, choices=ChangeOrderStatus.choices, default=ChangeOrderStatus.DRAFT
    )
    # The new delivery / pick-up date; empty leaves the PO's as it is.
    deliver_on = models.DateField("new delivery / pick-up", null=True, blank=True)
    # Set when submitted: whether it changes accounts, goods or money (then it needs approval).
    needs_approval = models.BooleanField(default=True)
    total_before = MoneyField(null=True, blank=True)
    total_after = MoneyField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["purchase_order", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["purchase_order", "number"], name="change_order_unique_number"
            ),
            models.UniqueConstraint(
                fields=["purchase_order"],
                condition=Q(status__in=["draft", "submitted"]),
                name="change_order_one_open_per_po",
            ),
        ]

    def __str__(self) -> str:
        return f"Change order {self.number} to PO {self.purchase_order.number:04d}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_CHANGE_ORDER

    @property
    def net_change(self) -> Decimal | None:
        if self.total_before is None or self.total_after is None:
            return None
        return self.total_after - self.total_before


class LineChangeKind(models.TextChoices):
    ADD = "add", "Add"
    REMOVE = "remove", "Remove"
    CHANGE = "change", "Change"


class LineChange(models.Model):
    """One line added, removed or changed by a change order. The `was_*` columns keep the line as
    it stood when the change was drafted, so the record reads the same after the line is gone."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    change_order = models.ForeignKey(ChangeOrder, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=10, choices=LineChangeKind.choices)
    line = models.ForeignKey(
        PurchaseOrderLine, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    account_number = models.CharField("account", max_length=20, blank=True)
    description = models.CharField(max_length=200, blank=True)
    quantity = models.DecimalField(null=True, blank=True, **QUANTITY)
    unit_price = MoneyField(null=True, blank=True)
    amount = MoneyField(default=Decimal("0"))
    was_account_number = models.CharField(max_length=20, blank=True)
    was_description = models.CharField(max_length=200, blank=True)
    was_quantity = models.DecimalField(null=True, blank=True, **QUANTITY)
    was_unit_price = MoneyField(null=True, blank=True)
    was_amount = MoneyField(default=Decimal("0"))

    class Meta:
        ordering = ["change_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["change_order", "line"],
                condition=Q(line__isnull=False),
                name="line_change_once_per_line",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.description or self.was_description}"

    @property
    def delta(self) -> Decimal:
        """What this change adds to the PO's total (negative when it takes away)."""
        return self.amount - self.was_amount
