"""What the schedule gives other apps through the kernel's registry, without their importing it:
the script import for a draft kept elsewhere (development's script drafts)."""

from __future__ import annotations

from apps.productions.links import production_url
from apps.productions.models import Production
from apps.schedules.services.script import default_lock, next_colour, script_preview


def import_for_review(*, production: Production, data: bytes, filename: str, user=None) -> str:
    """Read a draft into a pending revision, exactly as an upload on the import page does (the
    next revision colour, the production's scene-number lock), and return the URL of its
    revision report: nothing on the board changes until a person applies it there. A file the
    importer cannot read raises ScriptImportError with the reason."""
    plan = script_preview(
        production=production,
        data=data,
        filename=filename,
        user=user,
        colour=next_colour(production),
        lock_numbers=default_lock(production),
    )
    return production_url(production, "schedules:draft", pk=plan.script.pk)
