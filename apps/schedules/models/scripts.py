"""Drafts of the script: each upload, its revision colour, and whether it was applied."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from apps.productions.models import Production


class ScriptStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be applied"
    APPLIED = "applied", "Applied"
    DISCARDED = "discarded", "Discarded"


class RevisionColour(models.TextChoices):
    """The colours of revised pages, in the order the industry uses them."""

    WHITE = "white", "White"
    BLUE = "blue", "Blue"
    PINK = "pink", "Pink"
    YELLOW = "yellow", "Yellow"
    GREEN = "green", "Green"
    GOLDENROD = "goldenrod", "Goldenrod"
    BUFF = "buff", "Buff"
    SALMON = "salmon", "Salmon"
    CHERRY = "cherry", "Cherry"
    TAN = "tan", "Tan"
    DOUBLE_WHITE = "double_white", "Double white"
    DOUBLE_BLUE = "double_blue", "Double blue"
    DOUBLE_PINK = "double_pink", "Double pink"
    DOUBLE_YELLOW = "double_yellow", "Double yellow"
    DOUBLE_GREEN = "double_green", "Double green"
    DOUBLE_GOLDENROD = "double_goldenrod", "Double goldenrod"

    @classmethod
    def after(cls, colour: str | None) -> str:
        """The colour of the draft that follows one in `colour` (white for the first draft)."""
        if not colour:
            return cls.WHITE
        values = list(cls.values)
        index = values.index(colour) if colour in values else -1
        return values[min(index + 1, len(values) - 1)]


REVISION_SWATCHES: dict[str, str] = {
    "white": "#ffffff",
    "blue": "#9fc5e8",
    "pink": "#f4b6c2",
    "yellow": "#fff59d",
    "green": "#b7e1a1",
    "goldenrod": "#e6b422",
    "buff": "#f0dc82",
    "salmon": "#fa8072",
    "cherry": "#de3163",
    "tan": "#d2b48c",
}


class Script(models.Model):
    """One draft of the script. Uploading makes a PENDING draft and a revision report; nothing
    else changes until the draft is applied. Scenes point at the draft that last touched them."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="scripts")
    title = models.CharField(max_length=200)
    filename = models.CharField(max_length=255)
    total_eighths = models.PositiveIntegerField(default=0)
    status = models.CharField(
        max_length=10, choices=ScriptStatus.choices, default=ScriptStatus.APPLIED
    )
    colour = models.CharField(
        "revision colour", max_length=20, choices=RevisionColour.choices,
        default=RevisionColour.WHITE,
    )  # fmt: skip
    lock_numbers = models.BooleanField(
        "lock scene numbers",
        default=False,
        help_text="Scenes keep their numbers; inserted scenes get A/B numbers (12A).",
    )
    # The file as uploaded: the revision report and the apply step both read it, so what is
    # applied is exactly what was reviewed.
    source = models.BinaryField(default=b"", editable=False)
    summary = models.CharField(max_length=300, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.filename}, {self.get_colour_display().lower()})"

    @property
    def swatch(self) -> str:
        return REVISION_SWATCHES.get(self.colour.removeprefix("double_"), "#ffffff")
