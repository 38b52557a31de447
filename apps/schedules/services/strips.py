"""Working the board: strips moved as a block, sorted, banners between them.

A shoot day on the board is a list of items: its strips (scenes) with its banners between them.
Every write here reads the days it touches as such lists, changes the lists and writes them back:
a scene's board_position is its index among the day's strips, a banner's position the number of
strips above it, so a banner stays between the strips it was between when others come and go.
"""

from __future__ import annotations

from django.db import transaction

from apps.core.bulk import update_rows
from apps.productions.models import Production
from apps.schedules.categories import Category, strip_key
from apps.schedules.models import BannerKind, BoardBanner, DayKind, Scene, ShootDay
from apps.schedules.services.common import (
    NOT_A_SHOOT_DAY,
    OMITTED_SCENE_CANNOT_BE_SCHEDULED,
    ScheduleError,
    lock_board,
)

NOTHING_SELECTED = "Select at least one strip to move."
DAY_DONE = "{day}'s shooting is recorded: scenes can leave it, not join it."
SHOT_SCENE_STAYS_OFF = "Scene {number} was shot on {day}: it is no longer on the board."
UNKNOWN_SORT = "The board cannot be sorted by {key!r}."
BANNER_NEEDS_A_SHOOT_DAY = "Banners go on shoot days."

Item = Scene | BoardBanner


def _shoot_day(production: Production, day_id: int | None) -> ShootDay | None:
    if day_id is None:
        return None
    day = ShootDay.objects.get(production=production, pk=day_id)
    if day.kind != DayKind.SHOOT:
        raise ScheduleError(NOT_A_SHOOT_DAY)
    return day


def _items(production: Production, day_id: int | None, *, without=()) -> list[Item]:
    """The day's strips and banners in board order (the bin has strips only), less `without`:
    placed first and then taken out, so the others keep the places they have now."""
    scenes = list(
        Scene.objects.filter(
            production=production, shoot_day_id=day_id, omitted=False, shot_day=None
        ).order_by("board_position", "sort_key")
    )
    banners = []
    if day_id is not None:
        banners = list(
            BoardBanner.objects.filter(production=production, shoot_day_id=day_id).order_by(
                "position", "pk"
            )
        )
    gone = {(type(item), item.pk) for item in without}
    return [item for item in merge(scenes, banners) if (type(item), item.pk) not in gone]


def merge(scenes: list, banners: list) -> list:
    """Strips with each banner placed before the strip at its position (past the end: last)."""
    items, pending = [], sorted(banners, key=lambda b: (b.position, b.pk or 0))
    for index, scene in enumerate(scenes):
        while pending and pending[0].position <= index:
            items.append(pending.pop(0))
        items.append(scene)
    return items + pending


def _write(items: list[Item], day: ShootDay | None) -> None:
    """The items in this order on `day` (a banner's place counts the strips before it); writes
    only the rows whose place changed."""
    day_id = day.pk if day else None
    moved: dict[type, list] = {Scene: [], BoardBanner: []}
    strips = 0
    for item in items:
        is_scene = isinstance(item, Scene)
        place = item.board_position if is_scene else item.position
        if (place, item.shoot_day_id) != (strips, day_id):
            if is_scene:
                item.board_position = strips
            else:
                item.position = strips
            item.shoot_day = day
            moved[type(item)].append(item)
        strips += is_scene
    update_rows(Scene, moved[Scene], ["board_position", "shoot_day"])
    update_rows(BoardBanner, moved[BoardBanner], ["position", "shoot_day"])


def _day_ids_in_board_order(production: Production) -> dict[int, int]:
    days = ShootDay.objects.filter(production=production).values_list("pk", "position")
    return dict(days)


def scenes_move(
    *, production: Production, scene_ids: list[int], day_id: int | None, position: int
) -> set[int | None]:
    """Move scenes as one block, in their current board order, to `position` (0-based, counted
    in items: the day's strips and banners without the moving ones) of a day, or the bin when
    `day_id` is None. Every day they leave is closed up. Returns the affected days (None: bin).
    """
    ids = list(dict.fromkeys(scene_ids))
    if not ids:
        raise ScheduleError(NOTHING_SELECTED)
    with transaction.atomic():
        lock_board(production)
        moving = list(Scene.objects.filter(production=production, pk__in=ids))
        if len(moving) != len(ids):
            raise Scene.DoesNotExist("No such scene.")
        for scene in moving:
            if scene.omitted:
                raise ScheduleError(OMITTED_SCENE_CANNOT_BE_SCHEDULED.format(number=scene.number))
            if scene.shot_day_id:
                shot_on = ShootDay.objects.get(pk=scene.shot_day_id)
                raise ScheduleError(SHOT_SCENE_STAYS_OFF.format(number=scene.number, day=shot_on))
        day = _shoot_day(production, day_id)
        if day is not None and day.shooting_recorded_at:
            raise ScheduleError(DAY_DONE.format(day=day))
        order = _day_ids_in_board_order(production)
        moving.sort(
            key=lambda s: (
                s.shoot_day_id is None,
                order.get(s.shoot_day_id, 0),
                s.board_position,
                s.sort_key,
            )
        )
        sources = {scene.shoot_day_id for scene in moving}
        target_id = day.pk if day else None
        # Every list is read before any is written: a banner's place counts the strips as they
        # stand now.
        left = {
            source: _items(production, source, without=moving) for source in sources - {target_id}
        }
        target = _items(production, target_id, without=moving)
        position = max(0, min(position, len(target)))
        target[position:position] = moving
        _write(target, day)
        for source, remaining in left.items():
            _write(remaining, _day_or_none(production, source))
    return sources | {target_id}


def _day_or_none(production: Production, day_id: int | None) -> ShootDay | None:
    return None if day_id is None else ShootDay.objects.get(production=production, pk=day_id)


# --- Sorting ------------------------------------------------------------------------------------


def _by_location(scene: Scene):
    location = scene.set.location
    return (location is None, location.name if location else "", scene.set.name, scene.sort_key)


def _by_cast(scene: Scene):
    ids = sorted(member.id_number for member in scene.cast.all())
    return (not ids, ids, scene.sort_key)


_CATEGORY_ORDER = {value: n for n, value in enumerate(Category.values)}


def _by_element(scene: Scene):
    """Scenes that need the same things together: their elements in the breakdown sheet's order
    of categories, names case-blind; scenes with none last."""
    needs = sorted(
        (_CATEGORY_ORDER.get(element.category, len(_CATEGORY_ORDER)), element.name.casefold())
        for element in scene.elements.all()
    )
    return (not needs, needs, scene.sort_key)


def _by_int_ext(scene: Scene):
    side, light = strip_key(scene.int_ext, scene.time_of_day, scene.day_night)
    return (side, light, scene.set.name, scene.sort_key)


# key: (label, sort key of a scene). Cast sorts by the lowest cast IDs (the lead's scenes first);
# element groups the scenes that need the same elements; pages puts the longest scenes first.
SORTS = {
    "number": ("Scene number", lambda s: (s.sort_key, s.number)),
    "set": ("Set", lambda s: (s.set.name, s.sort_key)),
    "location": ("Location", _by_location),
    "int_ext": ("INT/EXT, day/night", _by_int_ext),
    "cast": ("Cast", _by_cast),
    "element": ("Elements", _by_element),
    "pages": ("Pages, longest first", lambda s: (-s.eighths, s.sort_key)),
}


def strips_sort(*, production: Production, day_id: int | None, key: str) -> set[int | None]:
    """Sort the strips of one day (or of the bin, `day_id` None) by `key` (see SORTS).
    A day's banners keep their places counted in strips."""
    if key not in SORTS:
        raise ScheduleError(UNKNOWN_SORT.format(key=key))
    with transaction.atomic():
        lock_board(production)
        day = _shoot_day(production, day_id)
        scenes = sorted(
            Scene.objects.filter(production=production, shoot_day=day, omitted=False, shot_day=None)
            .select_related("set__location")
            .prefetch_related("cast", "elements")
            .order_by("board_position", "sort_key"),
            key=SORTS[key][1],
        )
        banners = list(BoardBanner.objects.filter(production=production, shoot_day=day))
        _write(merge(scenes, banners), day)
    return {day_id}


# --- Banners ------------------------------------------------------------------------------------


def banner_add(
    *, production: Production, day_id: int, kind: str, text: str, position: int | None = None
) -> BoardBanner:
    """A banner on a shoot day at `position` (items, as in scenes_move); None: at the end."""
    with transaction.atomic():
        lock_board(production)
        day = _banner_day(production, day_id)
        banner = BoardBanner(production=production, shoot_day=day, kind=kind, text=text.strip())
        banner.full_clean(exclude=["shoot_day", "production"])
        banner.save()
        items = _items(production, day.pk, without=[banner])
        at = len(items) if position is None else max(0, min(position, len(items)))
        items.insert(at, banner)
        _write(items, day)
    return banner


def banner_update(*, banner: BoardBanner, kind: str, text: str) -> BoardBanner:
    with transaction.atomic():
        banner.kind, banner.text = kind, text.strip()
        banner.full_clean(exclude=["shoot_day", "production"])
        banner.save(update_fields=["kind", "text"])
    return banner


def banner_move(
    *, production: Production, banner_id: int, day_id: int | None, position: int
) -> set[int | None]:
    with transaction.atomic():
        lock_board(production)
        banner = BoardBanner.objects.get(production=production, pk=banner_id)
        source = banner.shoot_day_id
        day = _banner_day(production, day_id)
        left = _items(production, source, without=[banner]) if source != day.pk else None
        items = _items(production, day.pk, without=[banner])
        position = max(0, min(position, len(items)))
        items.insert(position, banner)
        _write(items, day)
        if left is not None:
            _write(left, _day_or_none(production, source))
    return {source, day.pk}


def banner_remove(*, banner: BoardBanner) -> int:
    """Remove a banner; the day's other items keep their places. Returns the day's id."""
    with transaction.atomic():
        day_id = banner.shoot_day_id
        banner.delete()
    return day_id


def _banner_day(production: Production, day_id: int | None) -> ShootDay:
    if day_id is None:
        raise ScheduleError(BANNER_NEEDS_A_SHOOT_DAY)
    return _shoot_day(production, day_id)


__all__ = [
    "BannerKind",
    "banner_add",
    "banner_move",
    "banner_remove",
    "banner_update",
    "merge",
    "scenes_move",
    "strips_sort",
]
