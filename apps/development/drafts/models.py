"""Script drafts: each with its date, its authors and its file."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from apps.development.uploads import validate_draft
from apps.productions.models import Production


def draft_path(instance: Draft, filename: str) -> str:
    return f"development/{instance.production.slug}/drafts/{filename}"


class Draft(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="drafts")
    title = models.CharField(max_length=200, help_text="E.g. Second draft, Polish.")
    draft_date = models.DateField("date of the draft")
    authors = models.CharField("author(s)", max_length=300)
    file = models.FileField(upload_to=draft_path, validators=[validate_draft])
    notes = models.TextField(blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-draft_date", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.draft_date:%d %b %Y})"
