"""The pitch package (issue 21, point 4): what a financier is sent, built from the project's own
data. The package row keeps which sections print and in what order; the team and attached
talent (with their letters of interest), the look images and the comparable titles are the
pitch's own rows. Logline and synopsis are the project's, the budget summary the current
budget's, the finance plan the plan's (apps/development/pitch/content.py).

Imported by the end of apps/development/models.py, so Django registers them.
"""

from __future__ import annotations

import uuid

from django.db import models
from simple_history.models import HistoricalRecords

from apps.core.money import MoneyField
from apps.development.pitch.validators import validate_letter, validate_look
from apps.productions.models import Production


class Section(models.TextChoices):
    LOGLINE = "logline", "Logline"
    SYNOPSIS = "synopsis", "Synopsis"
    TEAM = "team", "Team"
    TALENT = "talent", "Attached talent"
    LOOK = "look", "Look"
    COMPARABLES = "comparables", "Comparable titles"
    BUDGET = "budget", "Budget summary"
    SCHEDULE = "schedule", "Schedule summary"
    FINANCE = "finance", "Finance plan"


DEFAULT_SECTIONS = ",".join(Section.values)


def _file_path(kind: str):
    def path(instance, filename: str) -> str:
        suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
        return f"development/{instance.production_id}/{kind}/{uuid.uuid4().hex}.{suffix}"

    path.__name__ = f"{kind}_path"
    path.__qualname__ = path.__name__
    return path


letter_path = _file_path("letter")
look_path = _file_path("look")


class PitchPackage(models.Model):
    production = models.OneToOneField(
        Production, on_delete=models.CASCADE, related_name="pitch_package"
    )
    # The printed sections in their order, as keys of `Section`; a key left out is not printed.
    sections = models.CharField(max_length=200, default=DEFAULT_SECTIONS)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    def __str__(self) -> str:
        return f"Pitch package of {self.production.title}"

    @property
    def order(self) -> list[str]:
        return [key for key in self.sections.split(",") if key in Section.values]


class PersonKind(models.TextChoices):
    TEAM = "team", "Team"
    TALENT = "talent", "Attached talent"


class PitchPerson(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=PersonKind.choices, default=PersonKind.TEAM)
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, help_text="Director, writer, lead actor ...")
    credits = models.CharField(max_length=300, blank=True, help_text="Known for.")
    letter_text = models.TextField("letter of interest", blank=True)
    letter_file = models.FileField(
        "letter of interest (PDF)", upload_to=letter_path, blank=True, validators=[validate_letter]
    )
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["production", "kind", "position", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"

    @property
    def has_letter(self) -> bool:
        return bool(self.letter_text or self.letter_file)


class LookImage(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    image = models.FileField(upload_to=look_path, validators=[validate_look])
    caption = models.CharField(max_length=200, blank=True)
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["production", "position", "id"]

    def __str__(self) -> str:
        return self.caption or "Look image"


class Comparable(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200)
    year = models.PositiveIntegerField(null=True, blank=True)
    budget = MoneyField(null=True, blank=True)
    result = models.CharField(
        max_length=300, blank=True, help_text="Box office, sales, awards, audience ..."
    )
    notes = models.CharField(max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["production", "position", "id"]

    def __str__(self) -> str:
        return self.title
