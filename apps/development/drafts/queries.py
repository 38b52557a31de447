"""The script drafts as the page lists them, and as their export writes them."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.db.models import QuerySet

from apps.development.drafts.models import Draft


def drafts_of(production) -> QuerySet[Draft]:
    return Draft.objects.filter(production=production).select_related("uploaded_by")


EXPORT_HEADER = ["Title", "Date", "Author(s)", "File", "Notes", "Added by", "Added on"]


def export_rows(drafts) -> list[list]:
    return [
        [
            d.title,
            d.draft_date,
            d.authors,
            PurePosixPath(d.file.name).name if d.file else "",
            d.notes,
            d.uploaded_by.display_name if d.uploaded_by else "",
            d.created_at.date(),
        ]
        for d in drafts
    ]
