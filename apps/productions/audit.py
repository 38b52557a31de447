"""Who changed what, and when: django-simple-history records, gathered per production.

A model joins the audit log by having `history = HistoricalRecords()` and being listed in its app's
`audited()` (apps/core/registry.py); money and people records of later apps do the same.
"""

from __future__ import annotations

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


class AuditLog:
    """The changes to the production's audited records, newest first, by record kind and by
    person (a user id) when asked: a sequence Django's Paginator can page.

    `count()` is one query (a UNION ALL of every audited history table); a slice is one query
    for the keys of its entries across those tables, then per audited model on the page its rows
    and the versions before them (for the diffs), and per model a changed foreign key points to
    its names: the count does not grow with the entries, and page 40 costs what page 1 does.
    """

    def __init__(self, production, *, kind: str | None = None, who: int | None = None) -> None:
        self.production = production
        self.who = who
        self.sources = [
            (model, audited)
            for model, audited in registry.audited_models().items()
            if not kind or kind == audited.label
        ]

    def _history(self, index: int):
        model, audited = self.sources[index]
        found = model.history.model.objects.filter(**{audited.production_field: self.production.id})
        return found if self.who is None else found.filter(history_user_id=self.who)

    def _keys(self):
        parts = [
            self._history(i)
            .order_by()
            # Not "source": an audited model may have a field of that name (casting's submissions).
            .annotate(audit_source=models.Value(i, output_field=models.IntegerField()))
            .values_list("history_date", "history_id", "audit_source")
            for i in range(len(self.sources))
        ]
        if not parts:
            return None
        return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]

    def count(self) -> int:
        keys = self._keys()
        return 0 if keys is None else keys.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        keys = self._keys()
        if keys is None:
            return []
        keys = list(keys.order_by("-history_date", "-history_id", "-audit_source")[index])
        wanted: dict[int, list[int]] = {}
        for _, history_id, source in keys:
            wanted.setdefault(source, []).append(history_id)
        rows = {}
        for source, ids in wanted.items():
            audited = self.sources[source][1]
            found = self._history(source).select_related("history_user", *audited.select_related)
            for row in found.filter(history_id__in=ids):
                rows[(source, row.history_id)] = (row, audited)
        return _describe(self.production, [rows[(s, h)] for _, h, s in keys])


def entries_for(
    production, *, kind: str | None = None, who: int | None = None, limit: int = 200
) -> list[AuditEntry]:
    """The newest `limit` entries of the production's audit log (see AuditLog). Values read as
    people read them: names instead of ids, money in the production's currency, choices by
    their labels."""
    return AuditLog(production, kind=kind, who=who)[:limit]


def _describe(production, newest) -> list[AuditEntry]:
    """(history row, its audited model) pairs, newest first, as the entries people read."""
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
