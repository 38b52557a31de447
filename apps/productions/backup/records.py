"""Rows as JSON, and every place in a row that names another row.

A row is written as `{"pk": 12, "fields": {attname: value}}`. Values are JSON-native where they can
be; decimals, dates and times are strings, exact to the microsecond, so nothing is rounded on the
way through (Django's JSON encoder drops microseconds, so it is not used).
"""

from __future__ import annotations

import base64
import datetime
import decimal
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db import models
from django.utils.duration import duration_iso_string

from apps.productions.backup.discovery import (
    NOT_ARCHIVED_FIELDS,
    REFERENCED,
    SOFT_REFERENCES,
    Part,
    label,
)

USER = "user"
CONTENT_TYPE = "contenttype"


def encode_value(field: models.Field, value):
    if value is None or isinstance(field, models.JSONField):
        return value
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, datetime.timedelta):
        return duration_iso_string(value)
    if isinstance(value, datetime.date | datetime.time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode()
    return value


def decode_value(field: models.Field, value):
    if value is None or isinstance(field, models.JSONField | models.FileField):
        return value
    if isinstance(field, models.BinaryField):
        return base64.b64decode(value)
    return field.to_python(value)


def data_fields(model: type[models.Model]) -> list[models.Field]:
    """Every stored column but the primary key (M2M rows are their through table's own rows) and
    bookkeeping (`NOT_ARCHIVED_FIELDS`)."""
    left_out = NOT_ARCHIVED_FIELDS.get(model._meta.label_lower, ())
    return [f for f in model._meta.concrete_fields if not f.primary_key and f.name not in left_out]


def encode_row(obj: models.Model) -> dict:
    return {
        "pk": obj.pk,
        "fields": {
            f.attname: encode_value(f, getattr(obj, f.attname)) for f in data_fields(type(obj))
        },
    }


@dataclass
class Ref:
    """One id inside a row and what it names: a model label, USER or CONTENT_TYPE.

    `strict` references must name a row of the archive (a live foreign key); the others may name
    a row that is gone (history of deleted rows, a ledger entry whose source was deleted).
    """

    target: str
    value: object
    set: Callable[[object], None]
    strict: bool = True


def _setter(values: dict, key) -> Callable[[object], None]:
    def assign(new) -> None:
        values[key] = new

    return assign


def row_refs(part: Part, values: dict, content_types: dict[str, str]) -> list[Ref]:
    """Every reference in one row's `fields`. `content_types` maps an id (as text) to its label.

    A list, not a generator: a caller rewriting as it goes must not change the content type id
    a generic key below is still to be read with."""
    return list(_row_refs(part, values, content_types))


def _row_refs(part: Part, values: dict, content_types: dict[str, str]) -> Iterator[Ref]:
    live = part.history_of is None
    for f in part.model._meta.concrete_fields:
        if f.primary_key or not (f.many_to_one or f.one_to_one):
            continue
        value = values.get(f.attname)
        if value is None:
            continue
        target = label(f.related_model)
        if target in REFERENCED:
            kind = CONTENT_TYPE if target == "contenttypes.contenttype" else USER
            yield Ref(kind, value, _setter(values, f.attname), strict=live)
        else:
            yield Ref(target, value, _setter(values, f.attname), strict=live)
    if not live:
        yield Ref(label(part.history_of), values["id"], _setter(values, "id"), strict=False)
    for key in part.generic_keys:
        ct_id, object_id = values.get(f"{key.ct_field}_id"), values.get(key.fk_field)
        if ct_id is not None and object_id is not None:
            target = content_types[str(ct_id)]
            yield Ref(target, object_id, _setter(values, key.fk_field), strict=False)
    base = label(part.history_of or part.model)
    for soft in SOFT_REFERENCES.get(base, ()):
        if soft.field not in values:
            continue
        if soft.target is not None and values[soft.field] is not None:
            target = soft.target(values)
            if target:
                yield Ref(target, values[soft.field], _setter(values, soft.field), strict=False)
        for path, target in soft.json_paths:
            yield from _json_refs(values[soft.field], path, target)


def _json_refs(node, path: tuple[str, ...], target: str) -> Iterator[Ref]:
    if not path:
        return
    head, rest = path[0], path[1:]
    children = (
        list(enumerate(node))
        if head == "*" and isinstance(node, list)
        else [(head, node[head])]
        if isinstance(node, dict) and head in node
        else []
    )
    for key, child in children:
        if rest:
            yield from _json_refs(child, rest, target)
        elif child is not None:
            yield Ref(target, child, _setter(node, key), strict=False)


def file_fields(part: Part) -> list[str]:
    """Attnames holding an uploaded file's name (plain text columns in a historical model)."""
    base = part.history_of or part.model
    return [f.attname for f in base._meta.concrete_fields if isinstance(f, models.FileField)]
