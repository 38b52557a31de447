"""Budgets and their versions: the chart of accounts, lines, fringes, globals and markups."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from apps.budgets.models.common import QUANTITY
from apps.core.money import MoneyField
from apps.productions.models import Production


class Section(models.TextChoices):
    ATL = "ATL", "Above the line"
    PRODUCTION = "PRODUCTION", "Production"
    POST = "POST", "Post production"
    OTHER = "OTHER", "Other"


class Units(models.TextChoices):
    ALLOW = "allow", "Allow"
    FLAT = "flat", "Flat"
    HOURS = "hours", "Hours"
    DAYS = "days", "Days"
    WEEKS = "weeks", "Weeks"
    MONTHS = "months", "Months"
    EACH = "each", "Each"
    UNITS = "units", "Units"
    EPISODES = "episodes", "Episodes"
    MILES = "miles", "Miles"


class VersionStatus(models.TextChoices):
    WORKING = "working", "Working"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved (locked)"


class Budget(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="budgets")
    name = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["production", "name"]
        constraints = [
            models.UniqueConstraint(fields=["production", "name"], name="budget_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class BudgetVersion(models.Model):
    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="budget_versions"
    )
    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="versions")
    name = models.CharField(max_length=120)
    status = models.CharField(
        max_length=12, choices=VersionStatus.choices, default=VersionStatus.WORKING
    )
    currency = models.CharField(max_length=3)
    origin = models.CharField(max_length=200, blank=True, help_text="Template, copy or import.")
    created_at = models.DateTimeField(auto_now_add=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    made_current_at = models.DateTimeField(
        null=True, blank=True, help_text="When someone chose this version as the current one."
    )
    review_note = models.TextField(
        blank=True, help_text="Why the producer sent it back, when they did."
    )
    # Kept totals (apps/budgets/totals.py), updated in the transaction of every write.
    lines_total = MoneyField(default=Decimal(0))
    fringes_total = MoneyField(default=Decimal(0))
    markups_total = MoneyField(default=Decimal(0))
    history = HistoricalRecords(excluded_fields=["lines_total", "fringes_total", "markups_total"])

    class Meta:
        ordering = ["production", "budget__name", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "name"], name="budgetversion_unique_name"),
            models.CheckConstraint(
                name="budgetversion_approved_has_date",
                condition=~Q(status=VersionStatus.APPROVED) | Q(approved_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.budget.name} — {self.name}"

    @property
    def is_locked(self) -> bool:
        return self.status == VersionStatus.APPROVED

    @property
    def budget_total(self) -> Decimal:
        """Lines + fringes, before markups (kept)."""
        return self.lines_total + self.fringes_total

    @property
    def grand_total(self) -> Decimal:
        """Lines + fringes + markups (kept)."""
        return self.lines_total + self.fringes_total + self.markups_total

    @property
    def is_read_only(self) -> bool:
        """Submitted (waiting for the producer) or approved: nothing in it changes."""
        return self.status != VersionStatus.WORKING


class Category(models.Model):
    """A top-sheet line (e.g. 1400 Cast) in one of the four sections."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    budget_version = models.ForeignKey(
        BudgetVersion, on_delete=models.CASCADE, related_name="categories"
    )
    number = models.CharField(max_length=20)
    name = models.CharField(max_length=120)
    section = models.CharField(max_length=12, choices=Section.choices)
    position = models.PositiveIntegerField(default=0)
    # Kept totals (apps/budgets/totals.py): sums of its accounts' kept totals.
    subtotal = MoneyField(default=Decimal(0))
    fringe_total = MoneyField(default=Decimal(0))

    class Meta:
        ordering = ["budget_version", "position", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget_version", "number"], name="category_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class Fringe(models.Model):
    class Kind(models.TextChoices):
        PERCENT = "percent", "Percent of the line"
        FLAT = "flat", "Flat per unit"

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    budget_version = models.ForeignKey(
        BudgetVersion, on_delete=models.CASCADE, related_name="fringes"
    )
    code = models.CharField(max_length=20)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.PERCENT)
    rate = models.DecimalField(**QUANTITY)
    cutoff = MoneyField(null=True, blank=True, help_text="Per detail line, in the budget currency.")
    # Kept total (apps/budgets/totals.py): this fringe's amounts on every line that carries it.
    total = MoneyField(default=Decimal(0))
    history = HistoricalRecords(excluded_fields=["total"])

    class Meta:
        ordering = ["budget_version", "code"]
        constraints = [
            models.UniqueConstraint(fields=["budget_version", "code"], name="fringe_unique_code"),
            models.CheckConstraint(
                name="fringe_flat_has_no_cutoff", condition=Q(kind="percent") | Q(cutoff=None)
            ),
        ]

    def __str__(self) -> str:
        return self.code


class Account(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    budget_version = models.ForeignKey(
        BudgetVersion, on_delete=models.CASCADE, related_name="accounts"
    )
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="accounts")
    number = models.CharField(max_length=20)
    name = models.CharField(max_length=120)
    position = models.PositiveIntegerField(default=0)
    fringes = models.ManyToManyField(
        Fringe, blank=True, related_name="+", help_text="Default fringes for new lines."
    )
    # Kept totals (apps/budgets/totals.py): sums of its lines' stored totals.
    subtotal = MoneyField(default=Decimal(0))
    fringe_total = MoneyField(default=Decimal(0))

    class Meta:
        ordering = ["budget_version", "position", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget_version", "number"], name="account_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


# Globals a version may choose to link, and what sets them: the schedule's count of shoot days,
# or the production's prep and wrap dates (apps/budgets/services/links.py).
FROM_SCHEDULE = "the schedule"
FROM_DATES = "the production's dates"
LINKABLE_GLOBALS = {
    "SHOOT_DAYS": FROM_SCHEDULE,
    "PREP_WEEKS": FROM_DATES,
    "WRAP_WEEKS": FROM_DATES,
}


class Global(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    budget_version = models.ForeignKey(
        BudgetVersion, on_delete=models.CASCADE, related_name="globals"
    )
    name = models.CharField(max_length=40)
    value = models.DecimalField(**QUANTITY)
    formula = models.CharField(
        max_length=200,
        blank=True,
        help_text="A formula of other globals (SHOOT_DAYS / 5); the value follows it.",
    )
    description = models.CharField(max_length=200, blank=True)
    follows_schedule = models.BooleanField(
        default=False,
        help_text="This version chose to take the value from the schedule's shoot days.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["budget_version", "name"]
        constraints = [
            models.UniqueConstraint(fields=["budget_version", "name"], name="global_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def link_source(self) -> str:
        """What this global may follow ("the schedule", "the production's dates"), or ""."""
        return LINKABLE_GLOBALS.get(self.name, "")


class LinkNotice(models.Model):
    """A budget global another app moved (the schedule's shoot days), with what it did to the
    version's grand total. Shown on the version's pages until someone has read it."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    budget_version = models.ForeignKey(
        BudgetVersion, on_delete=models.CASCADE, related_name="link_notices"
    )
    global_name = models.CharField(max_length=40)
    source = models.CharField(max_length=60, help_text="What moved it, e.g. 'the schedule'.")
    old_value = models.DecimalField(**QUANTITY)
    new_value = models.DecimalField(**QUANTITY)
    total_before = MoneyField()
    total_after = MoneyField()
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.global_name} {self.old_value} -> {self.new_value} ({self.budget_version})"

    @property
    def change(self) -> Decimal:
        return self.total_after - self.total_before


class Markup(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    budget_version = models.ForeignKey(
        BudgetVersion, on_delete=models.CASCADE, related_name="markups"
    )
    name = models.CharField(max_length=60)
    percent = models.DecimalField(**QUANTITY)
    sections = models.JSONField(default=list, help_text="Section codes the percentage applies to.")
    position = models.PositiveIntegerField(default=0)
    # Kept (apps/budgets/totals.py): the percentage of its sections' kept totals, rounded once.
    amount = MoneyField(default=Decimal(0))
    history = HistoricalRecords(excluded_fields=["amount"])

    class Meta:
        ordering = ["budget_version", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["budget_version", "name"], name="markup_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class DetailLine(models.Model):
    """amount × x × rate (× exchange rate), each typed as a number or a formula over globals.

    The formula text and its evaluated value are both stored; ``total`` and ``fringe_total``
    are computed by the engine on every save (and on every global or fringe change).
    """

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    budget_version = models.ForeignKey(
        BudgetVersion, on_delete=models.CASCADE, related_name="lines"
    )
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField(default=0)
    description = models.CharField(max_length=200)
    amount_formula = models.CharField(max_length=500, default="1")
    amount = models.DecimalField(**QUANTITY, default=Decimal(1))
    units = models.CharField(max_length=10, choices=Units.choices, default=Units.ALLOW)
    x_formula = models.CharField(max_length=500, default="1")
    x = models.DecimalField(**QUANTITY, default=Decimal(1))
    rate_formula = models.CharField(max_length=500, default="0")
    rate = models.DecimalField(**QUANTITY, default=Decimal(0))
    currency = models.CharField(max_length=3)
    exchange_rate = models.DecimalField(max_digits=16, decimal_places=6, default=Decimal(1))
    fringes = models.ManyToManyField(Fringe, blank=True, related_name="lines", through="LineFringe")
    # Space-separated globals the three formulas read, padded (" SHOOT_DAYS "), so the lines a
    # global change touches are found with one indexed LIKE instead of parsing every formula.
    uses = models.CharField(max_length=500, blank=True, default="")
    total = MoneyField(default=Decimal(0))
    fringe_total = MoneyField(default=Decimal(0))
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(excluded_fields=["version", "uses"])

    class Meta:
        ordering = ["account", "position", "id"]
        indexes = [models.Index(fields=["budget_version", "account"], name="line_version_account")]
        constraints = [
            models.CheckConstraint(
                name="line_exchange_rate_positive", condition=Q(exchange_rate__gt=0)
            )
        ]

    def __str__(self) -> str:
        return self.description


class LineFringe(models.Model):
    """A fringe on a detail line and its amount there, rounded once (kept with the line's total).

    The table is the one the plain many-to-many had (budgets_detailline_fringes), with the amount
    added (migration 0009)."""

    id = models.AutoField(primary_key=True)  # the plain many-to-many's key, kept
    detailline = models.ForeignKey(DetailLine, on_delete=models.CASCADE, related_name="+")
    fringe = models.ForeignKey(Fringe, on_delete=models.CASCADE, related_name="+")
    amount = MoneyField(default=Decimal(0))

    class Meta:
        db_table = "budgets_detailline_fringes"
        ordering = ["detailline", "fringe"]
        # As the plain many-to-many had it (Django finds this one by its columns).
        unique_together = [("detailline", "fringe")]

    def __str__(self) -> str:
        return f"{self.fringe_id} on {self.detailline_id}: {self.amount}"
