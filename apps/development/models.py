"""Development (issue 21): a project on the slate, before the green light.

A project is a production in the Development phase: its title, format and members are the
production's, so the access layer, the audit trail, the backup and the budget need nothing new,
and the green light (moving the production to pre-production) keeps everything attached. The
`Project` row holds what only development has: the logline, synopsis, genre, target budget range,
the development status and the next step.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from apps.core.money import MoneyField
from apps.productions.models import Production


class Status(models.TextChoices):
    IDEA = "idea", "Idea"
    OPTIONED = "optioned", "Optioned"
    IN_DEVELOPMENT = "in_development", "In development"
    PACKAGING = "packaging", "Packaging"
    FINANCING = "financing", "Financing"
    GREEN_LIT = "green_lit", "Green-lit"
    PASSED = "passed", "Passed"


class Project(models.Model):
    production = models.OneToOneField(
        Production, on_delete=models.CASCADE, related_name="development"
    )
    logline = models.TextField(blank=True)
    synopsis = models.TextField(blank=True)
    genre = models.CharField(max_length=100, blank=True)
    budget_low = MoneyField("target budget from", null=True, blank=True)
    budget_high = MoneyField("target budget to", null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status, default=Status.IDEA)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who moves the project on.",
    )
    next_step = models.CharField(max_length=200, blank=True)
    next_step_date = models.DateField("next step by", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version", "updated_at"])

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="project_budget_range_ordered",
                condition=Q(budget_low__isnull=True)
                | Q(budget_high__isnull=True)
                | Q(budget_low__lte=models.F("budget_high")),
            ),
        ]

    def __str__(self) -> str:
        return self.production.title


# The sub-packages' models, so that Django finds them with the app's.
from apps.development.drafts.models import Draft  # noqa: E402
from apps.development.finance import models as finance  # noqa: E402,F401  (registers them)
from apps.development.pitch import models as pitch  # noqa: E402,F401  (registers them)
from apps.development.research.models import ResearchNote  # noqa: E402
from apps.development.rights.models import (  # noqa: E402
    ChainDocument,
    Extension,
    Option,
    OptionReminder,
)

__all__ = [
    "ChainDocument",
    "Draft",
    "Extension",
    "Option",
    "OptionReminder",
    "Project",
    "ResearchNote",
    "Status",
]
