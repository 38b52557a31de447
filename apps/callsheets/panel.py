"""The dashboard's call sheet panel: the next call sheet, its revision, confirmed out of sent."""

from __future__ import annotations

from apps.callsheets import queries


def panel_context(request) -> dict:
    call_sheet = queries.next_call_sheet(request.production)
    revision = queries.latest_revision(call_sheet, with_data=False) if call_sheet else None
    return {
        "call_sheet": call_sheet,
        "revision": revision,
        "progress": queries.progress(revision) if revision else None,
    }
