"""Searching the research log: text and tags, across the project."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from apps.development.research.models import ResearchNote, normalise_tags


def notes_of(production, q: str = "", tag: str = "") -> QuerySet[ResearchNote]:
    notes = ResearchNote.objects.filter(production=production).select_related("added_by")
    if q:
        notes = notes.filter(
            Q(title__icontains=q)
            | Q(body__icontains=q)
            | Q(citation__icontains=q)
            | Q(url__icontains=q)
            | Q(tags__icontains=q)
        )
    if tag := normalise_tags(tag):
        # Tags are stored ", "-joined: match the whole tag, not a part of another.
        notes = notes.filter(
            Q(tags=tag)
            | Q(tags__startswith=f"{tag}, ")
            | Q(tags__endswith=f", {tag}")
            | Q(tags__contains=f", {tag}, ")
        )
    return notes


def all_tags(production) -> list[str]:
    found: set[str] = set()
    for tags in ResearchNote.objects.filter(production=production).values_list("tags", flat=True):
        found.update(t for t in tags.split(", ") if t)
    return sorted(found)


EXPORT_HEADER = ["Title", "Source", "Citation", "Link", "Tags", "Note", "Added by", "Added on"]


def export_rows(notes) -> list[list]:
    return [
        [
            n.title,
            n.get_source_kind_display(),
            n.citation,
            n.url,
            n.tags,
            n.body,
            n.added_by.display_name if n.added_by else "",
            n.created_at.date(),
        ]
        for n in notes
    ]
