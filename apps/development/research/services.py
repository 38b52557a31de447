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


def draft_to_schedule(*, draft: Draft, user) -> str:
    """Hand a script draft to the schedule's import (through the kernel's registry): it becomes
    the schedule's pending revision, and the URL of its revision report comes back. Nothing on
    the board moves until a person applies that report. Only once the project is in prep."""
    from apps.core import registry
    from apps.development.errors import (
        NO_SCRIPT_IMPORT,
        STILL_IN_DEVELOPMENT,
        DevelopmentError,
    )
    from apps.productions.models import Phase

    if draft.production.phase == Phase.DEVELOPMENT:
        raise DevelopmentError(STILL_IN_DEVELOPMENT)
    importer = registry.script_importer()
    if importer is None:
        raise DevelopmentError(NO_SCRIPT_IMPORT)
    with draft.file.open("rb") as handle:
        data = handle.read()
    name = draft.file.name.rsplit("/", 1)[-1]
    return importer(production=draft.production, data=data, filename=name, user=user)
