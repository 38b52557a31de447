"""The backup covers every model that holds production data, or says why not.

These tests fail when someone adds a model, a key, a token or a JSON column that the backup does
not know how to carry: the fix is to let discovery find it (a key towards Production), or to list
it in apps/productions/backup/discovery.py with its reason.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models

from apps.productions.backup.discovery import (
    CLEARED_FIELDS,
    EXCLUDED,
    JSON_WITHOUT_IDS,
    REFERENCED,
    SOFT_REFERENCES,
    is_historical,
    production_parts,
)
from apps.productions.models import Production


def label(model) -> str:
    return model._meta.label_lower


def all_models():
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if not m._meta.abstract and not m._meta.proxy
    ]


def exported() -> dict[str, object]:
    return {part.label: part for part in production_parts()}


def test_every_model_related_to_production_data_is_exported_or_excluded_with_a_reason():
    covered = set(exported()) | {label(Production)}
    unaccounted = []
    for model in all_models():
        name = label(model)
        if name in covered or name in EXCLUDED or name in REFERENCED:
            continue
        related = {
            label(f.related_model)
            for f in model._meta.get_fields(include_hidden=True)
            if f.is_relation and f.related_model is not None
        }
        # A content type key is a generic pointer that may name production records.
        generic = "contenttypes.contenttype" in related
        production_column = any("production" in f.name for f in model._meta.concrete_fields)
        if related & covered or generic or production_column:
            unaccounted.append(name)
    assert unaccounted == [], (
        "Models related to productions that the backup neither exports nor excludes: "
        f"{unaccounted}. Give them a key towards Production, or list them in EXCLUDED."
    )


def test_every_exclusion_names_a_real_model_and_a_reason():
    names = {label(m) for m in all_models()}
    for name, reason in {**EXCLUDED, **REFERENCED}.items():
        assert name in names, f"{name} is listed but no longer exists"
        assert len(reason) > 20, f"{name} needs a reason"
    assert not set(EXCLUDED) & set(exported())


def test_every_model_with_history_brings_its_history():
    parts = exported()
    for model in all_models():
        if is_historical(model) and label(model.instance_type) in parts:
            assert label(model) in parts, label(model)
            # a deleted row's history is found through its own key, not through a parent row
            assert "__" not in parts[label(model)].path, f"{label(model)}: give it a production key"
    # and the chains that are not a direct key are found too
    assert parts["callsheets.castcall"].path == "call_sheet__production"
    assert parts["schedules.scene_cast"].path == "scene__production"
    assert parts["budgets.linefringe"].path == "detailline__production"


def test_every_token_is_cleared_on_export():
    parts = exported()
    for name, fields in CLEARED_FIELDS.items():
        for field in fields:
            parts[name].model._meta.get_field(field)  # still exists
    for part in parts.values():
        if part.history_of is not None:
            continue
        for field in part.model._meta.concrete_fields:
            if "token" in field.name:
                assert field.name in CLEARED_FIELDS.get(part.label, ()), (
                    f"{part.label}.{field.name}: decide whether a restored production keeps it"
                )


def test_every_id_outside_a_foreign_key_is_declared():
    """Ids in plain columns and JSON documents must be rewritten on restore, so each is declared."""
    for part in exported().values():
        if part.history_of is not None:
            continue
        generic = {
            g.fk_field for g in part.model._meta.private_fields if isinstance(g, GenericForeignKey)
        }
        soft = {s.field for s in SOFT_REFERENCES.get(part.label, ())}
        for field in part.model._meta.concrete_fields:
            if field.is_relation or field.primary_key:
                continue
            name = f"{part.label}.{field.name}"
            if isinstance(field, models.JSONField):
                assert field.name in soft or name in JSON_WITHOUT_IDS, (
                    f"{name}: a JSON column; list it in SOFT_REFERENCES or JSON_WITHOUT_IDS"
                )
            elif isinstance(field, models.IntegerField) and (
                field.name.endswith("_id") or field.name == "object_id"
            ):
                assert field.name in generic | soft, f"{name} looks like an id: declare it"
    for name in JSON_WITHOUT_IDS:
        app_model, field = name.rsplit(".", 1)
        apps.get_model(app_model)._meta.get_field(field)
