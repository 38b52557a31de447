"""Closed cost report periods (the weekly cost report): frozen copies, never changed.

A period is made closed, in one transaction (`services.periods.period_close`), with every row it
will ever have: its lines (the cost report's rows, with the previous period's EFC and the note
the closer wrote), and its entries (the budget lines, actuals, commitments and estimates each
figure was the sum of, copied, so a drill-down from a closed figure adds up to it for ever).

Nothing changes them afterwards. Through Django, `save()` of a stored row, `delete()`, and the
querysets' `update()`, `delete()` and `bulk_update()` raise `ClosedPeriod`; below Django, the
migration puts a trigger on each table that refuses an UPDATE (a DELETE stays possible, so that
deleting the whole production, or restoring over it, still works: it goes through the cascade,
never through these models' own delete).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from apps.budgets.models.common import QUANTITY
from apps.budgets.models.ledger import LedgerSource
from apps.core.errors import DomainError
from apps.core.money import MoneyField
from apps.productions.models import Production

CLOSED = "A closed cost report period never changes."


class ClosedPeriod(DomainError):
    """Something tried to change a closed period."""


class FrozenQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ClosedPeriod(CLOSED)

    def delete(self):
        raise ClosedPeriod(CLOSED)

    def bulk_update(self, objs, fields, batch_size=None):
        raise ClosedPeriod(CLOSED)

    def update_or_create(self, *args, **kwargs):
        raise ClosedPeriod(CLOSED)


class Frozen(models.Model):
    """Rows written once, when their period closes."""

    objects = FrozenQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ClosedPeriod(CLOSED)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ClosedPeriod(CLOSED)


class CostPeriod(Frozen):
    """The cost report as it stood when a week was closed."""

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="cost_periods"
    )
    week_ending = models.DateField()
    version_name = models.CharField(max_length=300, help_text="The budget version reported on.")
    currency = models.CharField(max_length=3)
    closed_at = models.DateTimeField()
    # The only column that may change: the closer's account may be deleted (SET_NULL), and their
    # name stays in `closed_by_name`.
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_by_name = models.CharField(max_length=200, blank=True)
    previous = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    # The close, in the audit log: its one history row, written when the period is made, says
    # the EFC it froze and how far it moved (services.periods.period_close). Nothing after.
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["production", "-week_ending"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "week_ending"], name="costperiod_unique_week"
            )
        ]

    def __str__(self) -> str:
        return f"Week ending {self.week_ending:%Y-%m-%d}"


class CostPeriodLine(Frozen):
    """One row of a closed period's cost report (a section, category, account, markup or total),
    in the order the report shows it."""

    class Level(models.TextChoices):
        SECTION = "section", "Section"
        CATEGORY = "category", "Category"
        ACCOUNT = "account", "Account"
        TOTAL = "total", "Total"
        MARKUP = "markup", "Markup"

    period = models.ForeignKey(CostPeriod, on_delete=models.CASCADE, related_name="lines")
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField()
    # What matches the line with the same line of another period: "account:3307",
    # "category:3300", "section:PRODUCTION", "markup:Contingency", "total", "with_markups".
    key = models.CharField(max_length=240)
    level = models.CharField(max_length=10, choices=Level.choices)
    number = models.CharField(max_length=20, blank=True)
    name = models.CharField(max_length=300)
    parent = models.CharField(max_length=20, blank=True, help_text="An account's category number.")
    budget = MoneyField()
    actual = MoneyField()
    committed = MoneyField()
    etc = MoneyField()
    etc_entered = models.BooleanField(default=False)
    efc = MoneyField()
    variance = MoneyField()
    previous_efc = MoneyField(null=True, blank=True, help_text="None: no previous period.")
    change = MoneyField(null=True, blank=True, help_text="EFC − previous EFC.")
    note = models.TextField(blank=True)
    # A markup's terms, so the period's workbook works its amounts out as the live one does.
    markup_percent = models.DecimalField(**QUANTITY, null=True, blank=True)
    markup_sections = models.CharField(max_length=100, blank=True, help_text="Section codes.")

    class Meta:
        ordering = ["period", "position"]
        constraints = [
            models.UniqueConstraint(fields=["period", "key"], name="costperiodline_unique_key")
        ]

    def __str__(self) -> str:
        return f"{self.period}: {self.key}"


class CostPeriodEntry(Frozen, LedgerSource):
    """What a closed figure was the sum of: a budget line, an actual, an open commitment or the
    estimate to complete of one account, as it stood at the close."""

    class Kind(models.TextChoices):
        BUDGET = "budget", "Budget line"
        ACTUAL = "actual", "Actual"
        COMMITTED = "committed", "Committed"
        ETC = "etc", "Estimate to complete"

    period = models.ForeignKey(CostPeriod, on_delete=models.CASCADE, related_name="entries")
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    account_number = models.CharField(max_length=20)
    date = models.DateField(null=True, blank=True)
    who = models.CharField(max_length=200, blank=True)
    description = models.CharField(max_length=300, blank=True)
    reference = models.CharField(max_length=100, blank=True)
    amount = MoneyField()

    class Meta:
        ordering = ["period", "account_number", "kind", "-date", "id"]
        indexes = [
            models.Index(fields=["period", "account_number"], name="costperiodentry_account")
        ]

    def __str__(self) -> str:
        return f"{self.period}: {self.kind} {self.account_number} {self.amount}"
