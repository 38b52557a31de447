"""The finance plan (issue 21, point 5): where the money for a production comes from.

A source is a line of the plan: its kind (equity, pre-sale, gap, tax incentive ...), the
financier and their contact, an amount, a status and its dates. A tax incentive's amount is not
typed when it is a rate: it is computed from the current budget (apps/development/finance/plan.py),
a rate of the spend in the accounts or categories it names, capped; soft money with a fixed amount
(a regional fund's grant) has its amount typed like any other source. The cash-flow view spreads
the budget over the production's prep, shoot, wrap and post by a rule per category (`SpreadRule`).

Imported by the end of apps/development/models.py, so Django registers them.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from apps.core.money import MoneyField, RateField
from apps.productions.models import Production


class SourceKind(models.TextChoices):
    EQUITY = "equity", "Equity"
    PRESALE = "presale", "Pre-sale"
    GAP = "gap", "Gap"
    INCENTIVE = "incentive", "Soft money / tax incentive"
    DEFERMENT = "deferment", "Deferment"
    IN_KIND = "in_kind", "In-kind"


class SourceStatus(models.TextChoices):
    TARGET = "target", "Target"
    SOFT = "soft", "Soft"
    COMMITTED = "committed", "Committed"
    CLOSED = "closed", "Closed"


class FinanceSource(models.Model):
    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="finance_sources"
    )
    kind = models.CharField(max_length=12, choices=SourceKind.choices)
    name = models.CharField(max_length=200, help_text="What the money is, e.g. 'UK pre-sale'.")
    financier = models.CharField(max_length=200, blank=True)
    financier_contact = models.CharField(
        max_length=300, blank=True, help_text="Who to call there: name, e-mail, phone."
    )
    # Typed for every kind but an incentive with a rate, whose amount is computed from the budget.
    amount = MoneyField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=SourceStatus.choices, default=SourceStatus.TARGET
    )
    expected_on = models.DateField("expected by", null=True, blank=True)
    closed_on = models.DateField("closed on", null=True, blank=True)
    notes = models.TextField(blank=True)
    # Incentive terms: a rate of the qualifying spend, capped.
    rate = RateField("rate (%)", null=True, blank=True)
    qualifying = models.CharField(
        "qualifying accounts or categories",
        max_length=500,
        blank=True,
        help_text="Budget account or category numbers, separated by commas (e.g. 2000, 3300).",
    )
    cap_amount = MoneyField("cap", null=True, blank=True)
    cap_percent = RateField("cap (% of the budget's grand total)", null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["production", "position", "id"]
        constraints = [
            # Soft money is a rate of the qualifying spend or a fixed amount, never both.
            models.CheckConstraint(
                name="financesource_incentive_rate_or_amount",
                condition=~Q(kind="incentive")
                | Q(rate__isnull=False, amount__isnull=True)
                | Q(rate__isnull=True, amount__isnull=False),
            ),
            models.CheckConstraint(
                name="financesource_other_has_amount",
                condition=Q(kind="incentive") | Q(amount__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_incentive(self) -> bool:
        """Computed from the budget: soft money given as a rate (a fixed grant is typed)."""
        return self.kind == SourceKind.INCENTIVE and self.rate is not None

    def qualifying_numbers(self) -> list[str]:
        return [n.strip() for n in self.qualifying.split(",") if n.strip()]


class Spread(models.TextChoices):
    EVEN_PREP = "even_prep", "Even over prep"
    EVEN_SHOOT = "even_shoot", "Even over the shoot"
    SHOOT_START = "shoot_start", "At the start of the shoot"
    EVEN_WRAP = "even_wrap", "Even over wrap"
    EVEN_POST = "even_post", "Even over post"
    EVEN_ALL = "even_all", "Even from prep to the end of post"
    CUSTOM = "custom", "Custom % per phase"


class CashFlowPlan(models.Model):
    """What the cash flow needs beyond the production's own dates: the end of post (the
    production keeps prep start, first shoot day, wrap date and wrap end)."""

    production = models.OneToOneField(
        Production, on_delete=models.CASCADE, related_name="cash_flow_plan"
    )
    post_end = models.DateField("post ends", null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    def __str__(self) -> str:
        return f"Cash flow of {self.production.title}"


class SpreadRule(models.Model):
    """How one budget category's total is spent over the phases. A category with no rule
    follows the default of its section (apps/development/finance/cashflow.py)."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    category_number = models.CharField(max_length=20)
    spread = models.CharField(max_length=12, choices=Spread.choices)
    prep_percent = RateField(null=True, blank=True)
    shoot_percent = RateField(null=True, blank=True)
    wrap_percent = RateField(null=True, blank=True)
    post_percent = RateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["production", "category_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "category_number"], name="spreadrule_unique_category"
            )
        ]

    def __str__(self) -> str:
        return f"{self.category_number}: {self.get_spread_display()}"
