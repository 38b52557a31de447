"""Research notes and script drafts: added by a member, who is recorded with them."""

from __future__ import annotations

from django.db import transaction

from apps.development.drafts.models import Draft
from apps.development.research.models import ResearchNote, normalise_tags


@transaction.atomic
def note_add(*, note: ResearchNote, user) -> ResearchNote:
    """`note` carries the form's values (its file already checked by content)."""
    note.added_by = user
    note.tags = normalise_tags(note.tags)
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def note_update(*, note: ResearchNote) -> ResearchNote:
    note.tags = normalise_tags(note.tags)
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def draft_add(*, draft: Draft, user) -> Draft:
    draft.uploaded_by = user
    draft.full_clean()
    draft.save()
    return draft
