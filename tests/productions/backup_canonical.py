"""A production as a comparable value: every field of every record of every model the backup
covers, with ids replaced by what they name.

Kept independent of the backup code's own idea of a reference: foreign keys and simple_history's
copied ids come from Django's model metadata, generic keys from their content type, and the two
ids hidden in plain columns (a reminder's object, the people in a published call sheet) are
named here by hand. If the restore forgot to rewrite any of them, the raw old id would show up
here and differ from the original's rank-based identity.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from apps.productions.backup.discovery import (
    CLEARED_FIELDS,
    NOT_ARCHIVED_FIELDS,
    production_parts,
)

REMINDER_TARGETS = {
    "certificate_expiring": "vendors.certificate",
    "rental_overdue": "vendors.rental",
}


def canonical(production) -> dict:
    parts = production_parts()
    rows = {p.label: list(p.rows(production)) for p in parts}
    live = {label: sorted(obj.pk for obj in objs) for label, objs in rows.items()}
    identity = {label: {pk: (label, i) for i, pk in enumerate(pks)} for label, pks in live.items()}
    ghosts: dict[str, set] = defaultdict(set)
    emails = dict(get_user_model().objects.values_list("pk", "email"))

    def named(label, pk):
        if pk is None:
            return None
        if pk in identity.get(label, {}):
            return identity[label][pk]
        ghosts[label].add(pk)
        return ("ghost", label, pk)  # resolved to a rank below, once all ghosts are known

    result = {}
    for part in parts:
        base = part.history_of or part.model
        gfks = [f for f in base._meta.private_fields if isinstance(f, GenericForeignKey)]
        gfk_ids = {g.fk_field: g.ct_field for g in gfks}
        files = {f.attname for f in base._meta.concrete_fields if isinstance(f, models.FileField)}
        out = []
        for obj in rows[part.label]:
            record = {}
            for f in part.model._meta.concrete_fields:
                value = getattr(obj, f.attname)
                if f.primary_key:
                    value = named(part.label, value)
                elif f.attname in CLEARED_FIELDS.get(part.label, ()):
                    continue  # compared on their own: cleared on purpose
                elif f.attname in NOT_ARCHIVED_FIELDS.get(part.label, ()):
                    continue  # bookkeeping, not the production's data
                elif f.many_to_one or f.one_to_one:
                    target = f.related_model._meta.label_lower
                    if target == "accounts.user":
                        # a deleted user's id in history: the restore cannot name them either
                        value = emails.get(value)
                    elif target == "contenttypes.contenttype":
                        value = ContentType.objects.get(pk=value).natural_key() if value else None
                    else:
                        value = named(target, value)
                elif part.history_of is not None and f.attname == "id":
                    value = named(base._meta.label_lower, value)
                elif f.attname in gfk_ids and value is not None:
                    ct = ContentType.objects.get(pk=getattr(obj, f"{gfk_ids[f.attname]}_id"))
                    value = named(ct.model_class()._meta.label_lower, value)
                elif f.attname in files:
                    value = file_digest(f, obj, value)
                elif base._meta.label_lower == "vendors.reminder" and f.attname == "object_id":
                    value = named(REMINDER_TARGETS[obj.kind], value)
                elif base._meta.label_lower == "callsheets.revision" and f.attname == "data":
                    value = revision_data(value, named)
                record[f.attname] = value
            out.append(record)
        result[part.label] = out
    ranks = {label: {pk: i for i, pk in enumerate(sorted(pks))} for label, pks in ghosts.items()}
    return _resolve(result, ranks)


def _resolve(value, ranks):
    if isinstance(value, tuple) and len(value) == 3 and value[0] == "ghost":
        return ("ghost", value[1], ranks[value[1]][value[2]])
    if isinstance(value, dict):
        return {k: _resolve(v, ranks) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, ranks) for v in value]
    return value


def file_digest(field, obj, name):
    name = str(name or "")
    if not name:
        return None
    storage = getattr(field, "storage", None) or _storage_for(obj)
    if not storage.exists(name):
        return ("missing", name)
    with storage.open(name, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def _storage_for(obj):
    base = type(obj).instance_type
    return next(f.storage for f in base._meta.concrete_fields if isinstance(f, models.FileField))


def revision_data(data, named):
    data = {**data}
    data["cast"] = [
        {**row, "cast_member": named("schedules.castmember", row["cast_member"])}
        for row in data.get("cast", [])
    ]
    data["crew"] = [
        {
            **department,
            "people": [
                {**p, "person": named("crew.person", p["person"])} for p in department["people"]
            ],
        }
        for department in data.get("crew", [])
    ]
    return data
