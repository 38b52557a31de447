"""Scheduled against actual: what the days done planned and what they shot.

Read from the shooting recorded on each day (`SceneShot`, written by shooting.record_shooting):

- a day is **done** once its shooting is recorded (`ShootDay.shooting_recorded_at`);
- a done day's **planned** pages are what it carried when it began: the pages left to shoot of
  every scene that was on it (`SceneShot.on_day`), plus any scene still on it that was given no
  outcome; a scene pulled up from another day adds to what was shot, not to the plan;
- its **shot** pages are the pages its shooting recorded (a completed scene: all it had left);
- its cast **worked** if a scene of theirs was completed or partly shot on it, and were
  **planned** if a scene of theirs was on it when it began.

The stripboard, the Day Out of Days, the schedule reports and the dashboard's progress panel all
read these figures from `day_actuals`, one query whatever the number of days and scenes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from apps.productions.models import Production
from apps.schedules.models import DayKind, Scene, SceneShot, ShootDay, ShotStatus


@dataclass
class DayActual:
    """One done day's plan and outcome (eighths of a page; scene ids)."""

    planned_eighths: int = 0
    shot_eighths: int = 0
    completed: int = 0  # scenes completed on the day
    planned_scenes: set[int] = field(default_factory=set)
    worked_scenes: set[int] = field(default_factory=set)


def day_actuals(production: Production) -> dict[int, DayActual]:
    """Day id -> its DayActual, for every day with shooting recorded on it. One query."""
    found: dict[int, DayActual] = {}
    rows = SceneShot.objects.filter(production=production).values_list(
        "day_id", "scene_id", "status", "on_day", "eighths_before", "eighths_shot"
    )
    for day_id, scene_id, status, on_day, before, shot in rows:
        actual = found.setdefault(day_id, DayActual())
        if on_day:
            actual.planned_eighths += before
            actual.planned_scenes.add(scene_id)
        actual.shot_eighths += shot
        if status != ShotStatus.NOT_SHOT:
            actual.worked_scenes.add(scene_id)
        if status == ShotStatus.COMPLETED:
            actual.completed += 1
    return found


@dataclass(frozen=True)
class Progress:
    """The shoot's progress, in eighths of a page and days.

    The rule for ahead or behind, said once: the pages still to shoot (every scene not omitted
    and not completed: its pages left, wherever it is, on a day or in the bin) divided by the
    schedule's average planned pages per shoot day (a done day's planned pages, a day to come's
    scheduled pages, summed over all shoot days and divided by their number) is the number of
    days the rest needs. The days remaining (shoot days not done) less the days needed is how
    many days the shoot is ahead (more than 0) or behind (less than 0).
    """

    shoot_days: int
    days_done: int
    planned_done_eighths: int  # planned pages of the days done
    shot_done_eighths: int  # pages shot on the days done
    scheduled_to_come_eighths: int  # pages scheduled on the days not done
    remaining_eighths: int  # pages still to shoot, on the board or in the bin

    @property
    def days_remaining(self) -> int:
        return self.shoot_days - self.days_done

    @property
    def average_planned_eighths(self) -> Decimal | None:
        if not self.shoot_days:
            return None
        planned = self.planned_done_eighths + self.scheduled_to_come_eighths
        return Decimal(planned) / self.shoot_days

    @property
    def days_needed(self) -> Decimal | None:
        average = self.average_planned_eighths
        if not average:
            return None
        return Decimal(self.remaining_eighths) / average

    @property
    def days_ahead(self) -> Decimal | None:
        """Days ahead (more than 0) or behind (less than 0), to a tenth; None with no plan."""
        needed = self.days_needed
        if needed is None:
            return None
        return (self.days_remaining - needed).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def verdict(self) -> str:
        ahead = self.days_ahead
        if ahead is None:
            return "no plan yet"
        if ahead == 0:
            return "on schedule"
        days = abs(ahead)
        unit = "day" if days == 1 else "days"
        return f"{days} {unit} {'ahead' if ahead > 0 else 'behind'}"


@dataclass(frozen=True)
class DayProgress:
    """A shoot day on the progress chart: planned and (once done) shot, in eighths."""

    day: ShootDay
    planned: int
    shot: int | None  # None: not done


def progress(production: Production) -> tuple[Progress, list[DayProgress]]:
    """The shoot's progress and each shoot day's pages. Queries: shoot days, the scenes still to
    shoot, what the days done recorded: 3, whatever the size."""
    days = list(
        ShootDay.objects.filter(production=production, kind=DayKind.SHOOT).order_by("position")
    )
    done = {day.pk for day in days if day.shooting_recorded_at}
    left_on: dict[int, int] = defaultdict(int)
    remaining = 0
    scenes = Scene.objects.filter(production=production, omitted=False, shot_day=None)
    for day_id, eighths, shot in scenes.values_list("shoot_day_id", "eighths", "eighths_shot"):
        left = max(eighths - shot, 0)
        remaining += left
        if day_id is not None:
            left_on[day_id] += left
    actual = day_actuals(production) if done else {}
    per_day = []
    for day in days:
        if day.pk in done:
            found = actual.get(day.pk, DayActual())
            per_day.append(
                DayProgress(day, found.planned_eighths + left_on[day.pk], found.shot_eighths)
            )
        else:
            per_day.append(DayProgress(day, left_on[day.pk], None))
    summary = Progress(
        shoot_days=len(days),
        days_done=len(done),
        planned_done_eighths=sum(d.planned for d in per_day if d.shot is not None),
        shot_done_eighths=sum(d.shot for d in per_day if d.shot is not None),
        scheduled_to_come_eighths=sum(d.planned for d in per_day if d.shot is None),
        remaining_eighths=remaining,
    )
    return summary, per_day
