"""Alternate boards: copy the schedule as a named scenario, change it freely, make one active.

A scenario has its own days (ScenarioDay) and strip order (ScenarioStrip); nothing here touches
the active board (ShootDay, Scene.shoot_day) except `scenario_activate`. The budget and the call
sheets follow only the active board, so they move only when a scenario is made active, and then
as they do for any change to the board: SHOOT_DAYS through its link, with a notice.

Making a scenario active never loses the board it replaces (that board is kept as a scenario
first), and never moves a day other records hang on (a call sheet, crew booked for the day):
such a day keeps its date and stays, or the activation is refused with the days named.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from apps.productions.models import Production
from apps.schedules.models import (
    DayKind,
    Scenario,
    ScenarioDay,
    ScenarioStrip,
    Scene,
    ShootDay,
)
from apps.schedules.services.board import number_and_date
from apps.schedules.services.common import (
    NOT_A_SHOOT_DAY,
    ScheduleError,
    announce_shoot_days,
    audit_words,
    days_others_hang_on,
    lock_board,
    settings_for,
    shoot_day_count,
)

SCENARIO_NAME_TAKEN = "There is already a scenario called “{name}”."
SCENARIO_NAME_NEEDED = "Give the scenario a name."
PINNED_DAY_REMOVED = (
    "{day} has {what}: the scenario leaves that day out. Put a day back for it in the scenario, "
    "or deal with its {what} first."
)
PINNED_DAY_MOVED = (
    "{day} has {what}: the scenario moves it to {date:%a %d %b}. A day others depend on keeps "
    "its date; move the scenes instead."
)
DAY_FIELDS = ("position", "date", "kind", "day_number", "unit", "call_time", "wrap_time", "notes")


def _unique_name(production: Production, wanted: str) -> str:
    names = set(Scenario.objects.filter(production=production).values_list("name", flat=True))
    if wanted not in names:
        return wanted
    count = 2
    while f"{wanted} ({count})" in names:
        count += 1
    return f"{wanted} ({count})"


def _check_name(production: Production, name: str, *, exclude: int | None = None) -> str:
    name = " ".join(name.split())[:100]
    if not name:
        raise ScheduleError(SCENARIO_NAME_NEEDED, field="name")
    taken = Scenario.objects.filter(production=production, name=name).exclude(pk=exclude)
    if taken.exists():
        raise ScheduleError(SCENARIO_NAME_TAKEN.format(name=name), field="name")
    return name


def _copy_active(scenario: Scenario) -> None:
    production = scenario.production
    days = list(ShootDay.objects.filter(production=production).order_by("position"))
    copies = ScenarioDay.objects.bulk_create(
        [
            ScenarioDay(
                scenario=scenario, source_day=day, **{f: getattr(day, f) for f in DAY_FIELDS}
            )
            for day in days
        ]
    )
    by_source = {copy.source_day_id: copy for copy in copies}
    scenes = Scene.objects.filter(production=production, omitted=False, shot_day=None)
    ScenarioStrip.objects.bulk_create(
        [
            ScenarioStrip(
                scenario=scenario,
                scene=scene,
                day=by_source.get(scene.shoot_day_id),
                position=scene.board_position,
            )
            for scene in scenes
        ]
    )


def _copy_scenario(scenario: Scenario, source: Scenario) -> None:
    days = list(source.days.order_by("position"))
    copies = ScenarioDay.objects.bulk_create(
        [
            ScenarioDay(
                scenario=scenario,
                source_day_id=day.source_day_id,
                **{f: getattr(day, f) for f in DAY_FIELDS},
            )
            for day in days
        ]
    )
    mapping = {day.pk: copy for day, copy in zip(days, copies, strict=True)}
    ScenarioStrip.objects.bulk_create(
        [
            ScenarioStrip(
                scenario=scenario,
                scene_id=strip.scene_id,
                day=mapping.get(strip.day_id),
                position=strip.position,
            )
            for strip in source.strips.all()
        ]
    )


def scenario_create(
    *, production: Production, name: str, user=None, source: Scenario | None = None, notes=""
) -> Scenario:
    """Copy the active board (or another scenario) as a new named scenario."""
    with transaction.atomic():
        lock_board(production)
        scenario = Scenario.objects.create(
            production=production,
            name=_check_name(production, name),
            notes=notes,
            created_by=user,
            based_on=(
                f"scenario “{source.name}”"
                if source
                else f"the active board of {timezone.localdate():%d %b %Y}"
            )[:200],
        )
        if source is None:
            _copy_active(scenario)
        else:
            _copy_scenario(scenario, source)
    return scenario


def scenario_rename(*, scenario: Scenario, name: str, notes: str | None = None) -> Scenario:
    with transaction.atomic():
        scenario.name = _check_name(scenario.production, name, exclude=scenario.pk)
        if notes is not None:
            scenario.notes = notes
        scenario.save()
    return scenario


def scenario_delete(*, scenario: Scenario) -> None:
    scenario.delete()


def _placements(scenario: Scenario) -> dict[int | None, list[ScenarioStrip]]:
    """Strips by day id (None: the bin), in order; scenes new since the copy join the bin and
    omitted scenes drop out."""
    live = Scene.objects.filter(production=scenario.production_id, omitted=False, shot_day=None)
    have = {s.scene_id: s for s in scenario.strips.all()}
    missing = [scene for scene in live if scene.pk not in have]
    if missing:
        ScenarioStrip.objects.bulk_create(
            [
                ScenarioStrip(scenario=scenario, scene=scene, day=None, position=10**6 + i)
                for i, scene in enumerate(missing)
            ]
        )
    live_ids = set(live.values_list("pk", flat=True))
    result: dict[int | None, list[ScenarioStrip]] = {}
    for strip in scenario.strips.select_related("scene").order_by("position", "scene__sort_key"):
        if strip.scene_id in live_ids:
            result.setdefault(strip.day_id, []).append(strip)
    return result


def scenario_move(
    *, scenario: Scenario, scene_ids: list[int], day_id: int | None, position: int | None = None
) -> None:
    """Move scenes (in their present order) to a day of the scenario or its bin, at `position`
    (0-based; None: the end)."""
    with transaction.atomic():
        lock_board(scenario.production)
        day = None
        if day_id is not None:
            day = scenario.days.get(pk=day_id)
            if not day.is_shoot:
                raise ScheduleError(NOT_A_SHOOT_DAY)
        placed = _placements(scenario)
        wanted = set(scene_ids)
        target_key = day.pk if day else None
        day_order = dict(scenario.days.values_list("pk", "position"))
        moving = sorted(
            (strip for strips in placed.values() for strip in strips if strip.scene_id in wanted),
            key=lambda s: (s.day_id is None, day_order.get(s.day_id, 0), s.position),
        )
        if not moving:
            return
        touched = {strip.day_id for strip in moving} | {target_key}
        remaining = {
            key: [s for s in placed.get(key, []) if s.scene_id not in wanted] for key in touched
        }
        target = remaining[target_key]
        at = len(target) if position is None else max(0, min(position, len(target)))
        target[at:at] = moving
        changed = []
        for key in touched:
            for index, strip in enumerate(remaining[key]):
                strip.day_id, strip.position = key, index
                changed.append(strip)
        ScenarioStrip.objects.bulk_update(changed, ["day", "position"])


def _redate(scenario: Scenario, start: int) -> None:
    days = list(scenario.days.order_by("position", "pk"))
    number_and_date(days, scenario.production, settings_for(scenario.production), start)
    ScenarioDay.objects.bulk_update(days, ["position", "day_number", "date"])


def scenario_day_insert(
    *, scenario: Scenario, at: int | None = None, kind: str = DayKind.SHOOT
) -> ScenarioDay:
    with transaction.atomic():
        settings = lock_board(scenario.production)
        count = scenario.days.count()
        at = count + 1 if at is None else max(1, min(at, count + 1))
        scenario.days.filter(position__gte=at).update(position=F("position") + 1)
        day = ScenarioDay.objects.create(
            scenario=scenario,
            position=at,
            kind=kind,
            date=scenario.production.first_shoot_day or scenario.production.today(),
            call_time=settings.default_call,
            wrap_time=settings.default_wrap,
        )
        _redate(scenario, at - 1)
    day.refresh_from_db()
    return day


def scenario_day_remove(*, scenario: Scenario, day: ScenarioDay) -> None:
    """Remove a scenario's day; its scenes go to the scenario's bin."""
    with transaction.atomic():
        lock_board(scenario.production)
        index = day.position - 1
        tail = 10**5
        strips = list(day.strips.order_by("position"))
        for offset, strip in enumerate(strips):
            strip.day = None
            strip.position = tail + offset
        ScenarioStrip.objects.bulk_update(strips, ["day", "position"])
        day.delete()
        _redate(scenario, index)


# --- Making a scenario the active board ---------------------------------------------------------


def activation_problems(scenario: Scenario) -> list[str]:
    """Why the scenario cannot be made active, in words (empty: it can)."""
    production = scenario.production
    live = {d.pk: d for d in ShootDay.objects.filter(production=production)}
    kept = {}
    for day in scenario.days.all():
        if day.source_day_id in live:
            kept[day.source_day_id] = day
    problems = []
    hanging = days_others_hang_on(production)
    for pk, active in live.items():
        if active.shooting_recorded_at:  # a day done is history: it keeps its place and date
            hanging.setdefault(pk, []).append("its shooting recorded")
    for pk, active in sorted(live.items(), key=lambda item: item[1].position):
        what = hanging.get(pk)
        if not what:
            continue
        words = " and ".join(what)
        if pk not in kept:
            problems.append(PINNED_DAY_REMOVED.format(day=active, what=words))
        elif kept[pk].date != active.date:
            problems.append(PINNED_DAY_MOVED.format(day=active, what=words, date=kept[pk].date))
    return problems


def scenario_activate(*, scenario: Scenario, user=None) -> Scenario:
    """Make the scenario the active board. The board it replaces is kept as a scenario first.
    Returns that kept scenario."""
    production = scenario.production
    with transaction.atomic():
        lock_board(production)
        problems = activation_problems(scenario)
        if problems:
            raise ScheduleError(" ".join(problems))
        before = shoot_day_count(production)
        kept = scenario_create(
            production=production,
            name=_unique_name(production, f"Board before “{scenario.name}”"),
            user=user,
        )
        live = {d.pk: d for d in ShootDay.objects.filter(production=production)}
        mapping: dict[int, ShootDay] = {}
        reason = audit_words(f"scenario “{scenario.name}” made the active board")
        for day in scenario.days.order_by("position"):
            active = live.pop(day.source_day_id, None)
            if active is None:
                active = ShootDay(production=production)
            for name in DAY_FIELDS:
                setattr(active, name, getattr(day, name))
            active._change_reason = reason
            active.save()
            mapping[day.pk] = active
            if day.source_day_id != active.pk:
                day.source_day = active
                day.save(update_fields=["source_day"])
        for leftover in live.values():
            leftover._change_reason = reason
            leftover.delete()
        placed = _placements(scenario)
        live_scenes = Scene.objects.filter(production=production, omitted=False, shot_day=None)
        scenes = {s.pk: s for s in live_scenes}
        changed = []
        for day_id, strips in placed.items():
            for index, strip in enumerate(s for s in strips if s.scene_id in scenes):
                scene = scenes[strip.scene_id]
                scene.shoot_day = mapping.get(day_id) if day_id is not None else None
                scene.board_position = index
                changed.append(scene)
        Scene.objects.bulk_update(changed, ["shoot_day", "board_position"])
        scenario.activated_at = timezone.now()
        scenario.save(update_fields=["activated_at"])
        announce_shoot_days(production, before)
    return kept
