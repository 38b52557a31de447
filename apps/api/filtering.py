"""Filters on lists (django-filter): query parameters named for what they mean (`?category=`,
`?in_bin=true`), declared in one line per list."""

from __future__ import annotations

from django_filters import rest_framework as filters


def filterset(
    model, fields: tuple[str, ...] = (), **declared: filters.Filter
) -> type[filters.FilterSet]:
    """A FilterSet for `model`: its `fields` matched exactly (`?status=approved`), and these
    filters, each named as its query parameter."""
    meta = type("Meta", (), {"model": model, "fields": [*fields, *declared]})
    return type(f"{model.__name__}Filter", (filters.FilterSet,), {**declared, "Meta": meta})
