"""The schedule's domain error and message constants, settings, the board lock and the
shoot-day announcement every write module shares."""

from __future__ import annotations

from django.db import router, transaction
from django.db.models import ProtectedError, RestrictedError
from django.db.models.deletion import Collector

from apps.core.acting import signed_in_user
from apps.core.errors import DomainError
from apps.productions.models import Production
from apps.productions.signals import board_changed, shoot_days_changed
from apps.schedules.models import (
    DayKind,
    ScheduleSettings,
    ShootDay,
)

SCENE_NUMBER_TAKEN = "Scene {number} already exists."
OMITTED_SCENE_CANNOT_BE_SCHEDULED = "Scene {number} is omitted; restore it before scheduling it."
NOT_A_SHOOT_DAY = "Scenes can only go on shoot days, not on travel days, days off or holidays."
SPLIT_TOO_SHORT = "A scene needs at least 2/8 of a page to be split in two."
DAY_OTHERS_HANG_ON = (
    "{day} has {what}: removing the day would delete {it} too. Move the day's scenes instead, "
    "or deal with {it} first."
)
SPLIT_LENGTH_OUT_OF_RANGE = "The new part must be between 1/8 and {most}/8 of a page."
SET_NAME_TAKEN = (
    "There is already a set called {name}. If they are the same place, merge the two sets "
    "instead, so that both sets' scenes are kept."
)
SETS_TO_MERGE = "Pick at least two sets of this production to merge, and the one to keep."


class ScheduleError(DomainError):
    """A scheduling rule refused the action."""


def settings_for(production: Production) -> ScheduleSettings:
    found, _ = ScheduleSettings.objects.get_or_create(production=production)
    return found


def lock_board(production: Production) -> ScheduleSettings:
    """Lock the board for a write; whoever listens hears of it once the write commits, with who
    wrote (`board_changed`: casting re-prices its booked actors, for a person to confirm)."""
    settings_for(production)
    mover = signed_in_user()
    transaction.on_commit(
        lambda: board_changed.send(sender=None, production=production, user=mover)
    )
    return ScheduleSettings.objects.select_for_update().get(production=production)


def shoot_day_count(production: Production) -> int:
    return ShootDay.objects.filter(production=production, kind=DayKind.SHOOT).count()


def shoot_days_answer(sender, *, production: Production, **kwargs) -> int:
    return shoot_day_count(production)


def announce_shoot_days(production: Production, before: int) -> None:
    """Tell whoever listens (the budget's SHOOT_DAYS global) once the change is committed."""
    after = shoot_day_count(production)
    if after != before:
        transaction.on_commit(
            lambda: shoot_days_changed.send(sender=None, production=production, shoot_days=after)
        )


def audit_words(text: str) -> str:
    """Words for the audit log's reason column: one line, cut to the column's 100 characters."""
    text = " ".join(text.split())
    return text if len(text) <= 100 else text[:99] + "…"


def with_names(kept: list[str], more: list[str]) -> list[str]:
    """`kept` with the names of `more` it lacks (case-blind), in order: the aliases a part or a
    set keeps of the names merged into it, the cues dropped from the cast."""
    seen = {name.casefold() for name in kept}
    result = list(kept)
    for name in more:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            result.append(name)
    return result


def uses_elsewhere(obj) -> str:
    """What outside the schedule (call sheets, ...) would go with `obj` if it were deleted, as
    words ("2 cast calls, 1 recipient"); "" when nothing would. Read through Django's deletion
    collector, so the schedule names no app that depends on it."""
    collector = Collector(using=router.db_for_write(type(obj)))
    try:
        collector.collect([obj])
    except (ProtectedError, RestrictedError) as error:
        found = {type(o) for o in getattr(error, "protected_objects", None) or []} | {
            type(o) for o in getattr(error, "restricted_objects", None) or []
        }
        return ", ".join(sorted(str(m._meta.verbose_name_plural) for m in found)) or "in use"
    counts: dict[str, int] = {}
    outside = [(m, len(rows)) for m, rows in collector.data.items()] + [
        (qs.model, qs.count()) for qs in collector.fast_deletes if _outside(qs.model)
    ]
    for model, number in outside:
        if number and _outside(model):
            label = model._meta.verbose_name if number == 1 else model._meta.verbose_name_plural
            counts[str(label)] = counts.get(str(label), 0) + number
    return ", ".join(f"{n} {label}" for label, n in sorted(counts.items()))


def _outside(model) -> bool:
    return model._meta.app_label != "schedules"


def days_others_hang_on(production: Production) -> dict[int, list[str]]:
    """Active day id -> what other records hang on it (a call sheet, crew booked for it), in
    words. Read through the model's reverse relations, so the schedule names what other apps keep
    on its days without importing them; one query per kind of record, whatever the days."""
    found: dict[int, list[str]] = {}
    for relation in ShootDay._meta.related_objects:
        model = relation.related_model
        if model._meta.app_label == "schedules" or relation.many_to_many:
            continue  # the schedule's own rows (scenes, banners, history) follow the board
        field = relation.field.name
        days = (
            model._default_manager.filter(**{f"{field}__production": production})
            .values_list(field, flat=True)
            .distinct()
        )
        for day_id in days:
            found.setdefault(day_id, []).append(f"a {model._meta.verbose_name}")
    return found
