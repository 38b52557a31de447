"""Distribution (issue 20, point 5): deals per territory and rights, their term, minimum
guarantee and its instalments, and the delivery the licensee is owed (its deliverables checklist).

Visible to the producer and the AP only (VIEW_DISTRIBUTION): the post supervisor and the crew
never see what a territory sold for.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from apps.core.money import MoneyField
from apps.post.deliverables.models import Checklist
from apps.productions.models import Production


class Right(models.TextChoices):
    THEATRICAL = "theatrical", "Theatrical"
    TV = "tv", "TV"
    STREAMING = "streaming", "Streaming"
    HOME = "home", "Home entertainment"


RIGHT_FIELDS = [right.value for right in Right]


class Deal(models.Model):
    """A licence of some rights in one territory for a term. An exclusive deal allows no other
    deal for the same territory, right and days (services.deal_save refuses the overlap)."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    territory = models.CharField(max_length=100)
    theatrical = models.BooleanField(default=False)
    tv = models.BooleanField("TV", default=False)
    streaming = models.BooleanField(default=False)
    home = models.BooleanField("home entertainment", default=False)
    exclusive = models.BooleanField(default=True)
    licensor = models.CharField(max_length=200, help_text="Who grants the rights.")
    licensee = models.CharField(max_length=200, help_text="The distributor or platform.")
    term_start = models.DateField("term starts")
    term_end = models.DateField("term ends")
    minimum_guarantee = MoneyField(default=Decimal("0"))
    delivery_due = models.DateField("delivery due", null=True, blank=True)
    checklist = models.OneToOneField(
        Checklist,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deal",
        help_text="The deliverables the licensee is owed; its due dates follow the deal's.",
    )
    notes = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["territory", "term_start", "pk"]
        constraints = [
            models.CheckConstraint(
                name="post_deal_term_in_order",
                condition=Q(term_start__lte=F("term_end")),
                violation_error_message="The term must end on or after its start.",
            ),
            models.CheckConstraint(
                name="post_deal_has_a_right",
                condition=Q(theatrical=True) | Q(tv=True) | Q(streaming=True) | Q(home=True),
                violation_error_message="Tick at least one right.",
            ),
            models.CheckConstraint(
                name="post_deal_mg_not_negative",
                condition=Q(minimum_guarantee__gte=0),
                violation_error_message="The minimum guarantee cannot be negative.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.territory}: {self.rights_label} to {self.licensee}"

    @property
    def rights(self) -> list[str]:
        return [field for field in RIGHT_FIELDS if getattr(self, field)]

    @property
    def rights_label(self) -> str:
        labels = dict(Right.choices)
        return ", ".join(labels[right] for right in self.rights)


class Instalment(models.Model):
    """One payment of the minimum guarantee; a deal's instalments add up to its MG."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="instalments")
    due_date = models.DateField()
    amount = MoneyField()
    note = models.CharField(max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(name="post_instalment_positive", condition=Q(amount__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.due_date:%d %b %Y}: {self.amount}"
