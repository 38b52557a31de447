"""Scenes by hand: add, edit, split, omit; cast IDs."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from apps.productions.models import Production
from apps.schedules.importers.fountain import light_of
from apps.schedules.models import (
    CastMember,
    Scene,
    Set,
    scene_sort_key,
)
from apps.schedules.services.common import (
    SCENE_NUMBER_TAKEN,
    SPLIT_LENGTH_OUT_OF_RANGE,
    SPLIT_TOO_SHORT,
    ScheduleError,
    lock_board,
)


def _set_named(production, name: str) -> Set:
    found, _ = Set.objects.get_or_create(production=production, name=name.strip().upper()[:200])
    return found


def _light(production, number: str, time_of_day: str, day_night: str, current: str = "") -> str:
    """The light a scene by hand needs: chosen, else its words', else what it had, else the light
    of the scene before it in script order (a "CONTINUOUS" scene carries on in that light)."""
    if day_night:
        return day_night
    light = light_of(time_of_day) or current
    if light:
        return light
    previous = (
        Scene.objects.filter(production=production, sort_key__lt=scene_sort_key(number))
        .exclude(day_night="")
        .order_by("-sort_key", "-number")
        .values_list("day_night", flat=True)
        .first()
    )
    return previous or ""


def scene_create(
    *,
    production: Production,
    number: str,
    set_name: str,
    int_ext: str = "",
    time_of_day: str = "",
    day_night: str = "",
    eighths: int = 0,
    synopsis: str = "",
    cast=(),
) -> Scene:
    number = number.strip().upper()
    with transaction.atomic():
        if Scene.objects.filter(production=production, number=number).exists():
            raise ScheduleError(SCENE_NUMBER_TAKEN.format(number=number))
        scene = Scene.objects.create(
            production=production,
            number=number,
            set=_set_named(production, set_name),
            int_ext=int_ext,
            time_of_day=time_of_day.strip().upper(),
            day_night=_light(production, number, time_of_day, day_night),
            eighths=eighths,
            synopsis=synopsis,
        )
        scene.cast.set(cast)
    return scene


def scene_update(
    *,
    scene: Scene,
    number: str,
    set_name: str,
    int_ext: str,
    time_of_day: str,
    eighths: int,
    synopsis: str,
    cast=(),
    elements=(),
    notes: str = "",
    day_night: str = "",
) -> Scene:
    number = number.strip().upper()
    with transaction.atomic():
        if (
            Scene.objects.filter(production=scene.production_id, number=number)
            .exclude(pk=scene.pk)
            .exists()
        ):
            raise ScheduleError(SCENE_NUMBER_TAKEN.format(number=number))
        scene.number = number
        scene.set = _set_named(scene.production, set_name)
        scene.int_ext = int_ext
        # A new time of day that names its light replaces the light; one that does not keeps it.
        kept = "" if light_of(time_of_day) else scene.day_night
        scene.time_of_day = time_of_day.strip().upper()
        scene.day_night = _light(scene.production, number, time_of_day, day_night, kept)
        scene.eighths = eighths
        scene.synopsis = synopsis
        scene.notes = notes
        # Only the fields edited here: the scene's place on the board belongs to scene_move.
        scene.save(
            update_fields=[
                "number", "sort_key", "set", "int_ext", "time_of_day", "day_night", "eighths",
                "synopsis", "notes",
            ]
        )  # fmt: skip
        scene.cast.set(cast)
        scene.elements.set(elements)
    return scene


def scene_split(*, scene: Scene, new_number: str, new_eighths: int) -> Scene:
    """Cut a scene in two: the new part takes `new_eighths` and sits right after it on the board."""
    new_number = new_number.strip().upper()
    with transaction.atomic():
        lock_board(scene.production)
        # Re-read under the lock: the caller's copy may predate a move on the board.
        scene = Scene.objects.get(pk=scene.pk)
        if scene.eighths < 2:
            raise ScheduleError(SPLIT_TOO_SHORT)
        if not 1 <= new_eighths <= scene.eighths - 1:
            raise ScheduleError(SPLIT_LENGTH_OUT_OF_RANGE.format(most=scene.eighths - 1))
        if Scene.objects.filter(production=scene.production_id, number=new_number).exists():
            raise ScheduleError(SCENE_NUMBER_TAKEN.format(number=new_number))
        Scene.objects.filter(
            production=scene.production_id,
            shoot_day=scene.shoot_day_id,
            board_position__gt=scene.board_position,
        ).update(board_position=F("board_position") + 1)
        part = Scene.objects.create(
            production=scene.production,
            number=new_number,
            int_ext=scene.int_ext,
            set=scene.set,
            time_of_day=scene.time_of_day,
            day_night=scene.day_night,
            eighths=new_eighths,
            synopsis=scene.synopsis,
            heading=scene.heading,
            shoot_day=scene.shoot_day,
            board_position=scene.board_position + 1,
        )
        part.cast.set(scene.cast.all())
        part.elements.set(scene.elements.all())
        scene.eighths -= new_eighths
        scene.content_hash = ""  # a split scene no longer matches the draft's text
        scene.save(update_fields=["eighths", "content_hash"])
    return part


def scene_set_omitted(*, scene: Scene, omitted: bool) -> Scene:
    """Omit a scene (it stays, marked OMITTED, off the board) or bring it back to the bin."""
    with transaction.atomic():
        lock_board(scene.production)
        scene.omitted = omitted
        if omitted:
            scene.shoot_day = None
        scene.save(update_fields=["omitted", "shoot_day"])
    return scene


def cast_set_id(*, member: CastMember, id_number: int) -> CastMember:
    """Give a cast member another ID; if another part holds it, the two swap."""
    with transaction.atomic():
        other = (
            CastMember.objects.select_for_update()
            .filter(production=member.production_id, id_number=id_number)
            .exclude(pk=member.pk)
            .first()
        )
        old = member.id_number
        if other is not None:
            other.id_number = 0
            other.save(update_fields=["id_number"])
        member.id_number = id_number
        member.save()
        if other is not None:
            other.id_number = old
            other.save()
    return member
