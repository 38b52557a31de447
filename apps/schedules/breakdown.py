"""Reads of the breakdown: the cast and every element with how much of the schedule each is in,
and the names the breakdown sheet offers as you type. Each runs a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from apps.productions.models import Production
from apps.schedules.categories import CATEGORY_COLOURS, Category
from apps.schedules.models import BreakdownElement, CastMember, DayKind


def _usage(relation: str) -> dict:
    """How much of the schedule a cast member or element is in: scenes and pages (omitted scenes
    left out) and the shoot days those scenes are on, as annotations in the one query."""
    live = Q(**{f"{relation}__omitted": False})
    return {
        "scene_count": Count(relation, filter=live, distinct=True),
        "eighths_total": Sum(f"{relation}__eighths", filter=live),
        "day_count": Count(
            f"{relation}__shoot_day",
            filter=live & Q(**{f"{relation}__shoot_day__kind": DayKind.SHOOT}),
            distinct=True,
        ),
    }


def cast_with_usage(production: Production):
    """The cast in ID order, each with scene_count, eighths_total and day_count: one query."""
    return (
        CastMember.objects.filter(production=production)
        .annotate(**_usage("scenes"))
        .order_by("id_number")
    )


@dataclass
class ElementGroup:
    category: str
    label: str
    colour: tuple[str, str]
    items: list


def elements_by_category(production: Production) -> list[ElementGroup]:
    """Every element of the production with its usage, grouped by category in the standard order
    (Cast first, from the cast): two queries, whatever the number of elements."""
    elements = defaultdict(list)
    found = (
        BreakdownElement.objects.filter(production=production)
        .annotate(**_usage("scenes"))
        .order_by("name", "pk")
    )
    for element in found:
        elements[element.category].append(element)
    elements[Category.CAST] = list(cast_with_usage(production))
    return [
        ElementGroup(value, label, CATEGORY_COLOURS[value], elements[value])
        for value, label in Category.choices
        if elements[value]
    ]


def breakdown_names(production: Production) -> list[str]:
    """Every element and part name, for the breakdown sheet's type-ahead: two queries."""
    names = set(
        BreakdownElement.objects.filter(production=production).values_list("name", flat=True)
    )
    names.update(
        CastMember.objects.filter(production=production).values_list("character", flat=True)
    )
    return sorted(names, key=str.casefold)
