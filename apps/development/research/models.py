"""The research log: notes with their source, tags, an attachment, and who added them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from apps.development.uploads import validate_attachment
from apps.productions.models import Production


class SourceKind(models.TextChoices):
    LINK = "link", "Link"
    BOOK = "book", "Book"
    INTERVIEW = "interview", "Interview"
    OTHER = "other", "Other"


def attachment_path(instance: ResearchNote, filename: str) -> str:
    return f"development/{instance.production.slug}/research/{filename}"


def normalise_tags(text: str) -> str:
    """Tags as typed ("Ferries, 1950s;  harbour") kept as one lower-case, comma-separated,
    de-duplicated string ("ferries, 1950s, harbour"): searchable with one LIKE."""
    seen: list[str] = []
    for raw in text.replace(";", ",").split(","):
        tag = " ".join(raw.split()).lower()
        if tag and tag not in seen:
            seen.append(tag)
    return ", ".join(seen)


class ResearchNote(models.Model):
    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="research_notes"
    )
    title = models.CharField(max_length=200)
    body = models.TextField("note", blank=True)
    source_kind = models.CharField(
        "source", max_length=10, choices=SourceKind.choices, default=SourceKind.OTHER
    )
    citation = models.CharField(
        max_length=500, blank=True, help_text="Author, title, page; who was interviewed and when."
    )
    url = models.URLField("link", max_length=500, blank=True)
    tags = models.CharField(max_length=300, blank=True, help_text="Separated by commas.")
    attachment = models.FileField(
        upload_to=attachment_path, blank=True, validators=[validate_attachment]
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def tag_list(self) -> list[str]:
        return [t for t in self.tags.split(", ") if t]
