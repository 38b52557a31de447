"""Automatic day breaks: strips in board order, poured into days up to a page or time target."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F

from apps.productions.models import Production
from apps.schedules.models import DayKind, Scene, ShootDay
from apps.schedules.services.board import days_append
from apps.schedules.services.common import ScheduleError, lock_board

NOTHING_TO_BREAK = "There are no strips to break into days."
ONE_TARGET = "Give a page target or a time target, not both."


@dataclass
class FillReport:
    days: int  # how many days the strips fill
    created: int  # of which new days at the end of the board
    oversized: list[str] = field(default_factory=list)  # over the target: a day of their own

    def describe(self, *, applied: bool) -> str:
        made = "Made" if applied else "This makes"
        text = f"{made} {self.days} day{'s' if self.days != 1 else ''}"
        text += f" ({self.created} new)." if self.created else " (no new days)."
        if self.oversized:
            text += (
                f" Over the target, each on a day of its own: scene {', '.join(self.oversized)}."
            )
        return text


def plan_breaks(scenes: list, weight: Callable, target: float) -> list[list]:
    """Scenes in order, cut into days whose weights stay within `target`. A scene heavier than the
    target alone cannot fit anywhere: it gets a day of its own."""
    days, current, used = [], [], 0.0
    for scene in scenes:
        w = weight(scene)
        if current and used + w > target:
            days.append(current)
            current, used = [], 0.0
        current.append(scene)
        used += w
        if w > target:
            days.append(current)
            current, used = [], 0.0
    if current:
        days.append(current)
    return days


def days_fill(
    *,
    production: Production,
    source: str = "bin",
    eighths: int | None = None,
    minutes: int | None = None,
    dry_run: bool = False,
) -> FillReport:
    """Pour strips into shoot days up to `eighths` of a page or `minutes` (pages at the
    production's minutes_per_page) a day.

    source "bin": the unscheduled strips, in their order, into the board's empty shoot days and
    then new days at the end. source "all": every strip in board order (days, then the bin)
    re-broken over the shoot days in order, new days added at the end as needed. New days come
    from days_append, so the budget hears the new shoot-day count once. `dry_run` only counts.
    Banners stay where they are.
    """
    if bool(eighths) == bool(minutes):
        raise ScheduleError(ONE_TARGET)
    with transaction.atomic():
        settings = lock_board(production)
        # Shot scenes and the days done are history: only what is left to shoot is poured, by
        # the pages it has left, into the days to come.
        scenes = Scene.objects.filter(production=production, omitted=False, shot_day=None).exclude(
            shoot_day__shooting_recorded_at__isnull=False
        )
        days = ShootDay.objects.filter(
            production=production, kind=DayKind.SHOOT, shooting_recorded_at=None
        )
        if source == "bin":
            scenes = list(scenes.filter(shoot_day=None).order_by("board_position", "sort_key"))
            days = list(days.filter(scenes__isnull=True).order_by("position"))
        else:
            scenes = list(
                scenes.order_by(
                    F("shoot_day__position").asc(nulls_last=True), "board_position", "sort_key"
                )
            )
            days = list(days.order_by("position"))
        if not scenes:
            raise ScheduleError(NOTHING_TO_BREAK)
        if eighths:
            plan = plan_breaks(scenes, lambda s: s.remaining_eighths, eighths)
            over = [s for s in scenes if s.remaining_eighths > eighths]
        else:
            per_page = settings.minutes_per_page

            def cost(s):
                return s.remaining_eighths * per_page / 8

            plan = plan_breaks(scenes, cost, minutes)
            over = [s for s in scenes if cost(s) > minutes]
        report = FillReport(
            days=len(plan),
            created=max(0, len(plan) - len(days)),
            oversized=[f"{s.number} ({s.remaining_pages} pp)" for s in over],
        )
        if dry_run:
            return report
        if report.created:
            days += days_append(production=production, count=report.created)
        for day, group in zip(days, plan, strict=False):
            for index, scene in enumerate(group):
                scene.shoot_day, scene.board_position = day, index
        Scene.objects.bulk_update(scenes, ["shoot_day", "board_position"])
    return report
