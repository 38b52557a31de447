"""The board follows the day: what a shoot day's shooting does to its scenes.

The daily report's sign-off (apps.daily_reports) hands over each scene's outcome; this module
says what would move (`preview_shooting`) and moves it (`record_shooting`):

- a **completed** scene leaves the board: it is no longer on any day nor in the bin, and is listed
  as shot, with the day (`Scene.shot_day`); all the pages it had left count as shot;
- a **partly shot** scene keeps its remaining pages (`Scene.eighths - Scene.eighths_shot`) and goes
  to the bin, or to the day chosen for the rest (at the end of that day's strips);
- a scene **not shot** goes, whole, to the bin or to the chosen day.

Each (day, scene) is one `SceneShot` row: recording a day again with the same outcomes changes
nothing, and with other figures replaces that day's figures (never adds them twice). Scenes on
the day that were given no outcome stay where they are, and the preview says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from apps.productions.models import Production
from apps.schedules.importers.eighths import format_eighths
from apps.schedules.models import DayKind, Scene, SceneShot, ShootDay, ShotStatus
from apps.schedules.services.common import ScheduleError, audit_words, lock_board
from apps.schedules.services.strips import _items, _write, scenes_move

NOT_THIS_PRODUCTIONS_DAY = "That shoot day is not on this production's board."
NOT_A_SHOOTING_DAY = "{day} is not a shoot day: nothing is shot on it."
UNKNOWN_SCENE = "Scene id {scene_id} is not a scene of this production."
SCENE_TWICE = "Scene {number} has two outcomes; give each scene one."
UNKNOWN_STATUS = "Scene {number}: {status!r} is not an outcome (completed, partly, not_shot)."
OMITTED_SCENE = "Scene {number} is omitted from the script: it cannot be shot."
ALREADY_COMPLETED = "Scene {number} was completed on {day}: it has nothing left to shoot."
TOO_MANY_PAGES = "Scene {number}: {shot} pp shot, but only {left} pp were left to shoot."
NOT_SHOT_WITH_PAGES = "Scene {number} is marked not shot but has {shot} pp shot."
PARTLY_BUT_ALL = "Scene {number}: all its {left} pp were shot; mark it completed."
NEGATIVE_PAGES = "Scene {number}: pages shot cannot be negative."
TARGET_ELSEWHERE = "Scene {number}: the day chosen for the rest is not on this production's board."
TARGET_SAME_DAY = "Scene {number}: the rest cannot go to {day}, the day being recorded."
TARGET_NOT_SHOOT = "Scene {number}: the rest can only go to a shoot day, not to {day}."
TARGET_DONE = "Scene {number}: {day}'s shooting is already recorded; choose a day to come."
RECORDED_LATER = (
    "Scene {number} was recorded again on {later}: change that day's outcome first, then this one."
)


@dataclass(frozen=True)
class ShotOutcome:
    scene_id: int
    status: str  # "completed" | "partly" | "not_shot"
    eighths_shot: int
    remaining_to_day_id: int | None  # None: the bin (ignored for a completed scene)


@dataclass(frozen=True)
class Move:
    """What happens to one scene, in words and in numbers (eighths of a page)."""

    scene_id: int
    number: str
    status: str  # a ShotStatus, or "" for a scene of the day given no outcome
    eighths_before: int  # left to shoot when the day began
    eighths_shot: int  # shot on the day
    from_day_id: int | None  # where the scene is now (None: the bin)
    to_day_id: int | None  # where it goes (None: the bin, or off the board when completed)
    leaves_board: bool
    changed: bool  # False: recorded already with these figures, or given no outcome
    words: str

    @property
    def eighths_left(self) -> int:
        return 0 if self.leaves_board else self.eighths_before - self.eighths_shot


@dataclass
class _Step:
    move: Move
    scene: Scene
    outcome: ShotOutcome
    shot_before: int  # shot on other days
    on_day: bool = True  # on the day's board when the day began


def _day_name(day: ShootDay | None) -> str:
    if day is None:
        return "the bin"
    return f"day {day.day_number}" if day.day_number else str(day)


def _pp(eighths: int) -> str:
    return f"{format_eighths(eighths)} pp"


def _check_day(production: Production, day: ShootDay) -> None:
    if day.production_id != production.pk:
        raise ScheduleError(NOT_THIS_PRODUCTIONS_DAY)
    if day.kind != DayKind.SHOOT:
        raise ScheduleError(NOT_A_SHOOTING_DAY.format(day=day))


def _plan(production: Production, day: ShootDay, outcomes, *, lock: bool) -> list[_Step]:
    """Every outcome checked against the board as it stands, in the outcomes' order, then the
    day's scenes given no outcome. Queries: scenes, the day's earlier rows, later rows, target
    days, the day's other scenes: 5, whatever the number of scenes."""
    _check_day(production, day)
    outcomes = list(outcomes)
    ids = [o.scene_id for o in outcomes]
    scenes_qs = Scene.objects.filter(production=production, pk__in=ids)
    scenes = (scenes_qs.select_for_update() if lock else scenes_qs).in_bulk()
    seen: set[int] = set()
    for outcome in outcomes:
        scene = scenes.get(outcome.scene_id)
        if scene is None:
            raise ScheduleError(UNKNOWN_SCENE.format(scene_id=outcome.scene_id), field="scene")
        if outcome.scene_id in seen:
            raise ScheduleError(SCENE_TWICE.format(number=scene.number), field="scene")
        seen.add(outcome.scene_id)
    previous = {s.scene_id: s for s in SceneShot.objects.filter(day=day, scene_id__in=ids)}
    later = {
        s.scene_id: s.day
        for s in SceneShot.objects.filter(scene_id__in=ids)
        .exclude(day=day)
        .filter(day__position__gt=day.position)
        .select_related("day")
    }
    target_ids = {o.remaining_to_day_id for o in outcomes} - {None}
    targets = ShootDay.objects.filter(production=production, pk__in=target_ids).in_bulk()
    days_by_id = {day.pk: day, **targets}
    steps = []
    for outcome in outcomes:
        scene = scenes[outcome.scene_id]
        steps.append(
            _step(scene, outcome, day, previous.get(scene.pk), later.get(scene.pk), days_by_id)
        )
    others = Scene.objects.filter(production=production, shoot_day=day, omitted=False).exclude(
        pk__in=ids
    )
    for scene in others.order_by("board_position", "sort_key"):
        words = f"Scene {scene.number} has no outcome: it stays on {_day_name(day)}"
        left = scene.remaining_eighths
        move = Move(scene.pk, scene.number, "", left, 0, day.pk, day.pk, False, False, words)
        steps.append(_Step(move, scene, None, scene.eighths_shot))
    return steps


def _step(scene, outcome, day, previous, later, days_by_id) -> _Step:
    number = scene.number
    if outcome.status not in ShotStatus.values:
        raise ScheduleError(UNKNOWN_STATUS.format(number=number, status=outcome.status), "status")
    if scene.omitted:
        raise ScheduleError(OMITTED_SCENE.format(number=number), field="scene")
    if scene.shot_day_id and scene.shot_day_id != day.pk:
        raise ScheduleError(ALREADY_COMPLETED.format(number=number, day=scene.shot_day))
    shot_before = scene.eighths_shot - (previous.eighths_shot if previous else 0)
    left = previous.eighths_before if previous else max(scene.eighths - shot_before, 0)
    given = outcome.eighths_shot
    if given < 0:
        raise ScheduleError(NEGATIVE_PAGES.format(number=number), field="eighths_shot")
    if given > left:
        raise ScheduleError(
            TOO_MANY_PAGES.format(
                number=number, shot=format_eighths(given), left=format_eighths(left)
            ),
            field="eighths_shot",
        )
    completed = outcome.status == ShotStatus.COMPLETED
    if outcome.status == ShotStatus.NOT_SHOT and given:
        raise ScheduleError(
            NOT_SHOT_WITH_PAGES.format(number=number, shot=format_eighths(given)), "eighths_shot"
        )
    if outcome.status == ShotStatus.PARTLY and left and given >= left:
        raise ScheduleError(
            PARTLY_BUT_ALL.format(number=number, left=format_eighths(left)), "eighths_shot"
        )
    target = None
    if not completed and outcome.remaining_to_day_id is not None:
        target = days_by_id.get(outcome.remaining_to_day_id)
        if target is None:
            raise ScheduleError(TARGET_ELSEWHERE.format(number=number), "remaining_to_day")
        if target.pk == day.pk:
            raise ScheduleError(TARGET_SAME_DAY.format(number=number, day=day), "remaining_to_day")
        if target.kind != DayKind.SHOOT:
            raise ScheduleError(
                TARGET_NOT_SHOOT.format(number=number, day=target), "remaining_to_day"
            )
        if target.shooting_recorded_at:
            raise ScheduleError(TARGET_DONE.format(number=number, day=target), "remaining_to_day")
    shot = left if completed else given  # a completed scene's pages are all shot
    to_day_id = None if completed else (target.pk if target else None)
    same = previous is not None and (
        (previous.status, previous.eighths_shot, previous.remaining_to_day_id)
        == (outcome.status, shot, to_day_id)
    )
    if previous is not None and not same and later is not None:
        raise ScheduleError(RECORDED_LATER.format(number=number, later=later))
    words = _words(number, outcome.status, day, left, shot, target, scene.eighths)
    if same:
        words = f"{words} (already recorded: nothing moves)"
    on_board = None if scene.shot_day_id else scene.shoot_day_id
    move = Move(
        scene.pk, number, outcome.status, left, shot, on_board, to_day_id, completed, not same,
        words,
    )  # fmt: skip
    on_day = previous.on_day if previous else scene.shoot_day_id == day.pk
    return _Step(move, scene, outcome, shot_before, on_day)


def _words(number, status, day, left, shot, target, length) -> str:
    where = _day_name(target)
    if status == ShotStatus.COMPLETED:
        return f"Scene {number} shot on {_day_name(day)} ({_pp(shot)}) — leaves the board"
    if status == ShotStatus.PARTLY:
        rest = _pp(left - shot)
        of = _pp(left) if left == length else f"the {_pp(left)} left"
        done = format_eighths(shot)
        return f"Scene {number}: {done} of {of} shot; the remaining {rest} go to {where}"
    return f"Scene {number} not shot ({_pp(left)}) — goes to {where}"


def preview_shooting(production: Production, day: ShootDay, outcomes) -> list[Move]:
    """What recording these outcomes would move on the board, changing nothing."""
    return [step.move for step in _plan(production, day, outcomes, lock=False)]


def record_shooting(production: Production, day: ShootDay, outcomes, user=None) -> list[Move]:
    """Apply the outcomes to the board (see the module's docstring) in one transaction, under
    the board's lock, and return the moves made. Each changed scene's history says what moved."""
    with transaction.atomic():
        lock_board(production)
        day = ShootDay.objects.select_for_update().get(pk=day.pk)
        steps = _plan(production, day, outcomes, lock=True)
        changed = [s for s in steps if s.move.changed]
        _take_off_board(production, [s for s in changed if s.move.leaves_board])
        _move_rest(production, [s for s in changed if not s.move.leaves_board])
        _save_scenes(changed, day, user)
        _save_rows(production, day, changed, user)
        if day.shooting_recorded_at is None:
            day.shooting_recorded_at = timezone.now()
            day._change_reason = audit_words(f"shooting recorded: {len(steps)} scene(s)")
            day._history_user = user
            day.save(update_fields=["shooting_recorded_at"])
    return [step.move for step in steps]


def _take_off_board(production: Production, steps: list[_Step]) -> None:
    """Completed scenes leave their day (or the bin); the strips left close up."""
    leaving = [s.scene for s in steps]
    for source in {scene.shoot_day_id for scene in leaving}:
        day = ShootDay.objects.get(pk=source) if source else None
        _write(_items(production, source, without=leaving), day)


def _move_rest(production: Production, steps: list[_Step]) -> None:
    """Scenes with pages left go, as a block per place, to the end of their day or the bin."""
    reopened = [step.scene.pk for step in steps if step.scene.shot_day_id]
    if reopened:  # completed when recorded before, and now not: back on the board
        Scene.objects.filter(pk__in=reopened).update(shot_day=None)
    by_target: dict[int | None, list[int]] = {}
    for step in steps:
        already = step.scene.shoot_day_id == step.move.to_day_id and not step.scene.shot_day_id
        if not already:
            by_target.setdefault(step.move.to_day_id, []).append(step.scene.pk)
    for target, scene_ids in by_target.items():
        scenes_move(production=production, scene_ids=scene_ids, day_id=target, position=10**6)


def _save_scenes(steps: list[_Step], day: ShootDay, user) -> None:
    fresh = Scene.objects.in_bulk([s.scene.pk for s in steps])
    for step in steps:
        scene = fresh[step.scene.pk]
        scene.eighths_shot = step.shot_before + step.move.eighths_shot
        if step.move.leaves_board:
            scene.shot_day, scene.shoot_day = day, None
        else:
            scene.shot_day = None
        scene._change_reason = audit_words(step.move.words)
        scene._history_user = user
        scene.save(update_fields=["eighths_shot", "shot_day", "shoot_day"])


def _save_rows(production: Production, day: ShootDay, steps: list[_Step], user) -> None:
    for step in steps:
        move = step.move
        SceneShot.objects.update_or_create(
            day=day,
            scene_id=move.scene_id,
            defaults={
                "production": production,
                "status": move.status,
                "on_day": step.on_day,
                "eighths_before": move.eighths_before,
                "eighths_shot": move.eighths_shot,
                "remaining_to_day_id": move.to_day_id,
                "recorded_by": user,
            },
        )
