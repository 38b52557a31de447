"""What the call sheet page shows below its title, the same for every member who may see it (kept
once for them all, and worked out ahead by the worker: apps/callsheets/ahead.py): the sheet, the
revisions' tabs and what changed since the revision before."""

from __future__ import annotations

from apps.callsheets.models import CallSheet, Revision
from apps.callsheets.queries.builder import Shared, sheet_data
from apps.callsheets.queries.diff import diff


def _revisions(call_sheet: CallSheet) -> dict:
    revisions = list(call_sheet.revisions.order_by("-number"))
    return {"revisions": revisions, "latest": revisions[0] if revisions else None}


def draft_page(call_sheet: CallSheet, shared: Shared | None = None) -> dict:
    """The draft as the schedule and the crew make it today, and what changed since the latest
    revision (`shared`: what the production's sheets read alike, read once for many)."""
    data = sheet_data(call_sheet, shared)
    page = {"sheet": data, **_revisions(call_sheet)}
    if page["latest"] is not None:
        page["changes"] = diff(page["latest"].sheet, data)
    return page


def revision_page(call_sheet: CallSheet, revision: Revision) -> dict:
    """A revision as it was published, and what changed since the one before."""
    previous = call_sheet.revisions.filter(number__lt=revision.number).order_by("-number").first()
    return {
        "sheet": revision.sheet,
        "previous": previous,
        "changes": diff(previous.sheet, revision.sheet) if previous else None,
        **_revisions(call_sheet),
    }


def body_context(call_sheet: CallSheet, revision: Revision | None, page) -> dict:
    """The names templates/callsheets/_body.html reads: the page's and the worker's alike."""
    return {
        "production": call_sheet.production,
        "call_sheet": call_sheet,
        "revision": revision,
        "draft": revision is None,
        "page": page,
    }
