"""Breakdown elements: add, rename, recategorise, count, merge, delete.

A name is unique in its category whatever its case: "red volvo" next to "Red Volvo" is refused
with the existing one named (the database holds the same rule: element_unique_name_any_case).
Cast is a category on the breakdown sheet too, but its rows are CastMembers (services/cast.py).
"""

from __future__ import annotations

from django.db import transaction

from apps.productions.models import Production
from apps.schedules.categories import Category
from apps.schedules.models import BreakdownElement, Scene
from apps.schedules.services.cast import cast_add_to_scene
from apps.schedules.services.common import ScheduleError, audit_words, uses_elsewhere

ELEMENT_NAME_TAKEN = "{category} already has “{existing}”."
ELEMENT_NAME_EMPTY = "Name the element."
ELEMENT_NOT_CAST = "Cast members are parts, not elements: add them on the cast page."
ELEMENT_QUANTITY = "The quantity is a whole number, 1 or more."
MERGE_NEEDS_ELEMENTS = "Choose the elements to merge into {target}."
MERGE_ACROSS_PRODUCTIONS = "Elements of another production cannot be merged."
ELEMENT_USED_ELSEWHERE = "{element} is used outside the schedule ({uses}); it is kept."


def _clean(category: str, name: str, quantity: int) -> str:
    name = name.strip()[:200]
    if not name:
        raise ScheduleError(ELEMENT_NAME_EMPTY, field="name")
    if category == Category.CAST:
        raise ScheduleError(ELEMENT_NOT_CAST, field="category")
    if category not in Category.values:
        raise ScheduleError(f"No category {category!r}.", field="category")
    if not isinstance(quantity, int) or quantity < 1:
        raise ScheduleError(ELEMENT_QUANTITY, field="quantity")
    return name


def _refuse_same_name(production_id, category: str, name: str, *, exclude=None) -> None:
    found = BreakdownElement.objects.filter(
        production=production_id, category=category, name__iexact=name
    )
    if exclude is not None:
        found = found.exclude(pk=exclude.pk)
    existing = found.first()
    if existing is not None:
        raise ScheduleError(
            ELEMENT_NAME_TAKEN.format(
                category=existing.get_category_display(), existing=existing.name
            ),
            field="name",
        )


def element_create(
    *, production: Production, category: str, name: str, quantity: int = 1
) -> BreakdownElement:
    name = _clean(category, name, quantity)
    with transaction.atomic():
        _refuse_same_name(production.pk, category, name)
        return BreakdownElement.objects.create(
            production=production, category=category, name=name, quantity=quantity
        )


def element_add_to_scene(*, scene: Scene, category: str, name: str):
    """From a scene's breakdown sheet: the element of that exact name in that category, or a new
    one. Cast adds a part. Returns the element (or cast member) now on the scene."""
    if category == Category.CAST:
        return cast_add_to_scene(scene=scene, character=name)
    with transaction.atomic():
        element = BreakdownElement.objects.filter(
            production=scene.production_id, category=category, name=name.strip()
        ).first()
        if element is None:
            element = element_create(production=scene.production, category=category, name=name)
        scene.elements.add(element)
    return element


def element_update(
    *, element: BreakdownElement, name: str, category: str, quantity: int
) -> BreakdownElement:
    """Rename, recategorise or recount an element; its scenes keep it."""
    name = _clean(category, name, quantity)
    with transaction.atomic():
        _refuse_same_name(element.production_id, category, name, exclude=element)
        element.name, element.category, element.quantity = name, category, quantity
        element.save(update_fields=["name", "category", "quantity"])
    return element


def element_merge(*, elements: list[BreakdownElement], into: BreakdownElement) -> BreakdownElement:
    """Several elements become `into`: it is in every scene any of them was in; they go. The
    target keeps its name, category and quantity."""
    sources = [e for e in {e.pk: e for e in elements}.values() if e.pk != into.pk]
    if not sources:
        raise ScheduleError(MERGE_NEEDS_ELEMENTS.format(target=into.name), field="elements")
    if any(e.production_id != into.production_id for e in sources):
        raise ScheduleError(MERGE_ACROSS_PRODUCTIONS, field="elements")
    with transaction.atomic():
        locked = list(
            BreakdownElement.objects.select_for_update()
            .filter(pk__in=[into.pk, *(e.pk for e in sources)])
            .order_by("pk")
        )
        into = next(e for e in locked if e.pk == into.pk)
        sources = [e for e in locked if e.pk != into.pk]
        for source in sources:
            _refuse_if_used_elsewhere(source)
        links = Scene.elements.through.objects.filter(breakdownelement__in=sources)
        scene_ids = set(links.values_list("scene_id", flat=True))
        into.scenes.add(*scene_ids)
        for source in sources:
            source._change_reason = audit_words(f"merged into {into}")
            source.delete()
        into._change_reason = audit_words(
            f"merged in {', '.join(s.name for s in sources)}; {len(scene_ids)} scene(s)"
        )
        into.save(update_fields=["name"])
    return into


def element_delete(*, element: BreakdownElement) -> int:
    """Delete an element; it leaves every scene. Returns how many scenes it was in."""
    with transaction.atomic():
        element = BreakdownElement.objects.select_for_update().get(pk=element.pk)
        _refuse_if_used_elsewhere(element)
        scenes = element.scenes.count()
        element._change_reason = audit_words(f"deleted from {scenes} scene(s)")
        element.delete()
    return scenes


def _refuse_if_used_elsewhere(element: BreakdownElement) -> None:
    uses = uses_elsewhere(element)
    if uses:
        raise ScheduleError(ELEMENT_USED_ELSEWHERE.format(element=element, uses=uses))
