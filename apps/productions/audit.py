"""Who changed what, and when: django-simple-history records, gathered per production.

A model joins the audit log by having `history = HistoricalRecords()` and being listed in its app's
`audited()` (apps/core/registry.py); money and people records of later apps do the same.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import datetime

from apps.core import registry

_ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


def registered_labels() -> list[str]:
    return sorted({audited.label for audited in registry.audited_models().values()})


@dataclass(frozen=True)
class AuditEntry:
    when: datetime
    who: str
    kind: str
    action: str
    target: str
    changes: list[tuple[str, str, str]]  # (field, old, new)
    reason: str = ""  # what the change was, in words, when the service said it


def _describe(record, previous) -> list[tuple[str, str, str]]:
    if previous is None:
        return []
    delta = record.diff_against(previous)
    return [(c.field, _short(c.old), _short(c.new)) for c in delta.changes]


def _short(value) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def entries_for(production, *, kind: str | None = None, limit: int = 200) -> list[AuditEntry]:
    """The newest `limit` changes to the production's audited records, newest first.

    One query per audited model for the page, one more per model for the earlier versions the
    diffs need: the count does not grow with the number of entries.
    """
    streams = []
    for model, audited in registry.audited_models().items():
        if kind and kind != audited.label:
            continue
        history = model.history.model
        rows = list(
            history.objects.filter(**{audited.production_field: production.id})
            .select_related("history_user", *audited.select_related)
            .order_by("-history_date", "-history_id")[:limit]
        )
        streams.append([(row, audited) for row in rows])
    newest = heapq.nlargest(
        limit,
        (item for stream in streams for item in stream),
        key=lambda item: (item[0].history_date, item[0].history_id),
    )
    previous = _previous_versions([row for row, _ in newest])
    entries = []
    for row, audited in newest:
        who = row.history_user.display_name if row.history_user else "system"
        entries.append(
            AuditEntry(
                when=row.history_date,
                who=who,
                kind=audited.label,
                action=_ACTIONS.get(row.history_type, row.history_type),
                target=audited.describe(row),
                changes=_describe(row, previous.get((type(row), row.history_id))),
                reason=getattr(row, "history_change_reason", None) or "",
            )
        )
    return entries


def _previous_versions(rows) -> dict[tuple[type, int], object]:
    """For each history row, keyed by (history model, history id), the version just before it."""
    by_model: dict[type, list] = {}
    for row in rows:
        by_model.setdefault(type(row), []).append(row)
    found: dict[tuple[type, int], object] = {}
    for history, model_rows in by_model.items():
        ids = {row.id for row in model_rows}
        earliest = min(row.history_date for row in model_rows)
        latest = max(row.history_date for row in model_rows)
        candidates = history.objects.filter(id__in=ids, history_date__lte=latest).order_by(
            "id", "history_date", "history_id"
        )
        # Versions strictly older than the page are only needed as each object's last one before it.
        last_before: dict[int, object] = {}
        chain: dict[int, list] = {}
        for version in candidates:
            if version.history_date < earliest:
                last_before[version.id] = version
            else:
                chain.setdefault(version.id, []).append(version)
        for object_id, versions in chain.items():
            prior = last_before.get(object_id)
            for version in versions:
                found[(history, version.history_id)] = prior
                prior = version
    return found
