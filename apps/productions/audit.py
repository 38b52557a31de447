"""Who changed what, and when: django-simple-history records, gathered per production.

A model joins the audit log by having `history = HistoricalRecords()` and being listed in its app's
`audited()` (apps/core/registry.py); money and people records of later apps do the same.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import models

from apps.core import registry
from apps.core.money import format_money

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


def _raw_changes(record, previous) -> list[tuple[object, object, object]]:
    """(model field, old, new) for each field that changed; foreign keys as ids."""
    if previous is None:
        return []
    delta = record.diff_against(previous)
    fields = record.instance_type._meta
    return [(fields.get_field(c.field), c.old, c.new) for c in delta.changes]


def _is_money(field) -> bool:
    """Money columns: decimals kept to a currency's minor unit (at most 3 places); quantities,
    rates and percentages keep more."""
    return isinstance(field, models.DecimalField) and field.decimal_places <= 3


class _Names:
    """What a foreign key's id names, fetched once per related model for the whole page."""

    def __init__(self, raw: list[list[tuple[object, object, object]]]) -> None:
        wanted: dict[type[models.Model], set] = {}
        for changes in raw:
            for field, old, new in changes:
                if field.is_relation and field.many_to_one:
                    ids = wanted.setdefault(field.related_model, set())
                    ids.update(value for value in (old, new) if value is not None)
        self._found = {
            model: {pk: str(obj) for pk, obj in model._default_manager.in_bulk(ids).items()}
            for model, ids in wanted.items()
        }

    def name(self, field, value) -> str:
        if value is None:
            return ""
        return self._found.get(field.related_model, {}).get(value, f"(removed #{value})")


def _text(field, value, names: _Names, currency: str, zone=None) -> str:
    if field.is_relation and field.many_to_one:
        return _short(names.name(field, value))
    if value is None or value == "":
        return ""
    if field.choices:
        return _short(str(dict(field.flatchoices).get(value, value)))
    if _is_money(field):
        return format_money(Decimal(value), currency)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, datetime):
        # As people read a time: in the production's zone, to the minute.
        moment = value.astimezone(zone) if zone is not None and value.tzinfo else value
        return f"{moment:%d %b %Y %H:%M}"
    return _short(value)


def _short(value) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def entries_for(
    production, *, kind: str | None = None, who: int | None = None, limit: int = 200
) -> list[AuditEntry]:
    """The newest `limit` changes to the production's audited records, newest first, by record
    kind and by person (a user id) when asked. Values read as people read them: names instead of
    ids, money in the production's currency, choices by their labels.

    One query per audited model for the page, one more per model for the earlier versions the
    diffs need, one per model a changed foreign key points to: the count does not grow with the
    number of entries.
    """
    streams = []
    for model, audited in registry.audited_models().items():
        if kind and kind != audited.label:
            continue
        history = model.history.model
        found = history.objects.filter(**{audited.production_field: production.id})
        if who is not None:
            found = found.filter(history_user_id=who)
        rows = list(
            found.select_related("history_user", *audited.select_related).order_by(
                "-history_date", "-history_id"
            )[:limit]
        )
        streams.append([(row, audited) for row in rows])
    newest = heapq.nlargest(
        limit,
        (item for stream in streams for item in stream),
        key=lambda item: (item[0].history_date, item[0].history_id),
    )
    previous = _previous_versions([row for row, _ in newest])
    raw = [_raw_changes(row, previous.get((type(row), row.history_id))) for row, _ in newest]
    names = _Names(raw)
    currency = production.currency
    zone = ZoneInfo(production.time_zone) if production.time_zone else None
    entries = []
    for (row, audited), changes in zip(newest, raw, strict=True):
        who_name = row.history_user.display_name if row.history_user else "system"
        entries.append(
            AuditEntry(
                when=row.history_date,
                who=who_name,
                kind=audited.label,
                action=_ACTIONS.get(row.history_type, row.history_type),
                target=audited.describe(row),
                changes=[
                    (
                        str(field.verbose_name),
                        _text(field, old, names, currency, zone),
                        _text(field, new, names, currency, zone),
                    )
                    for field, old, new in changes
                ],
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
