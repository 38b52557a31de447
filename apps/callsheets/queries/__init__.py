"""Reads for call sheets, one module per concern: the sheet's content (builder), what changed
between two versions of it (diff), who a revision goes to (recipients), and the distribution
numbers and the dashboard's next sheet (tracking). Callers import them from here."""

from apps.callsheets.queries.builder import (
    FIRST_AD_TITLES,
    UPM_TITLES,
    Shared,
    hhmm,
    osm_link,
    shared_for,
    sheet_data,
    sun_times,
)
from apps.callsheets.queries.diff import HEADER_FIELDS, diff
from apps.callsheets.queries.pages import body_context, draft_page, revision_page
from apps.callsheets.queries.recipients import (
    CAST_DEPARTMENT,
    cast_first_call,
    cast_recipients,
    cast_unreachable,
    recipients_for_day,
)
from apps.callsheets.queries.tracking import (
    document_heading,
    latest_revision,
    next_call_sheet,
    progress,
)

__all__ = [
    "CAST_DEPARTMENT",
    "FIRST_AD_TITLES",
    "HEADER_FIELDS",
    "Shared",
    "UPM_TITLES",
    "cast_first_call",
    "cast_recipients",
    "cast_unreachable",
    "body_context",
    "diff",
    "draft_page",
    "document_heading",
    "hhmm",
    "latest_revision",
    "next_call_sheet",
    "osm_link",
    "progress",
    "recipients_for_day",
    "revision_page",
    "shared_for",
    "sheet_data",
    "sun_times",
]
