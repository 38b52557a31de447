"""Money spent (actuals) and promised (commitments) against the budget, estimates to complete
and department grants: keyed by account number, so they outlive a version."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from apps.core.money import MoneyField
from apps.productions.models import Department, Production


class LedgerSource(models.Model):
    """What another app passed as `source`: its object (content type + id) and a label."""

    source_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    source_label = models.CharField(max_length=200, blank=True)

    class Meta:
        abstract = True


class Actual(LedgerSource):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="actuals")
    account_number = models.CharField(max_length=20)
    date = models.DateField()
    payee = models.CharField(max_length=200)
    description = models.CharField(max_length=200)
    amount = MoneyField(help_text="What was paid, before fringes.")
    fringe_amount = MoneyField(
        default=Decimal(0), help_text="Payroll fringes paid on it, as the accounts report them."
    )
    reference = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["production", "-date", "-id"]
        indexes = [models.Index(fields=["production", "account_number"], name="actual_account")]

    def __str__(self) -> str:
        return f"{self.date} {self.payee} {self.total}"

    @property
    def total(self) -> Decimal:
        """What the cost report counts: the amount incl. fringes."""
        return self.amount + self.fringe_amount


class Commitment(LedgerSource):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RELEASED = "released", "Released"

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="commitments")
    account_number = models.CharField(max_length=20)
    date = models.DateField()
    description = models.CharField(max_length=200)
    amount = MoneyField(help_text="The wage or price committed, before fringes.")
    fringe_amount = MoneyField(
        default=Decimal(0),
        help_text="Fringes the budget puts on a labour commitment's wage (none on others).",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    released_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["production", "-date", "-id"]
        constraints = [
            # The idempotency key of commitment_record: one commitment per source and account.
            models.UniqueConstraint(
                fields=["source_type", "source_id", "account_number"],
                condition=Q(source_type__isnull=False),
                name="commitment_unique_source_account",
            )
        ]

    def __str__(self) -> str:
        return f"{self.account_number} {self.description} {self.total}"

    @property
    def total(self) -> Decimal:
        """What the cost report counts as committed: the amount incl. fringes."""
        return self.amount + self.fringe_amount


class CostEstimate(models.Model):
    """The estimate to complete someone typed for an account (else a default applies)."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    account_number = models.CharField(max_length=20)
    amount = MoneyField()
    note = models.CharField(max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["production", "account_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "account_number"], name="costestimate_unique_account"
            )
        ]

    def __str__(self) -> str:
        return f"ETC {self.account_number}: {self.amount}"


class DepartmentGrant(models.Model):
    """Lets the department heads of ``department`` see a category's or an account's lines."""

    class Kind(models.TextChoices):
        CATEGORY = "category", "Category"
        ACCOUNT = "account", "Account"

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    number = models.CharField(max_length=20)

    class Meta:
        ordering = ["production", "department__order", "department__name", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "department", "kind", "number"], name="grant_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.department}: {self.kind} {self.number}"
