"""The board: moving strips, inserting and removing days, renumbering and dates."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.db.models import F, Max
from simple_history.utils import bulk_update_with_history

from apps.productions.models import Production
from apps.schedules.models import (
    DayKind,
    Scene,
    ScheduleSettings,
    ShootDay,
)
from apps.schedules.services.common import (
    DAY_OTHERS_HANG_ON,
    NOT_A_SHOOT_DAY,
    ScheduleError,
    announce_shoot_days,
    days_others_hang_on,
    lock_board,
    shoot_day_count,
)
from apps.schedules.services.strips import scenes_move

DAY_SHOT = "{day}'s shooting is recorded: the day stays on the board."


def scene_move(
    *, production: Production, scene_id: int, day_id: int | None, position: int
) -> set[int | None]:
    """Put a scene at `position` (0-based, counted in the day's strips and banners) in a shoot
    day, or in the bin when `day_id` is None: a block of one (see strips.scenes_move).

    Both the day it leaves and the day it joins are re-sequenced 0..n. Returns the ids of the
    affected days (None for the bin) so the caller can redraw just those.
    """
    return scenes_move(
        production=production, scene_ids=[scene_id], day_id=day_id, position=position
    )


def _next_date(settings: ScheduleSettings, after: date, kind: str) -> date:
    """The first date after `after` this kind of day can take: shoot and travel days skip
    weekends (unless the production works them) and holidays; days off and holidays do not."""
    candidate = after + timedelta(days=1)
    if kind in (DayKind.SHOOT, DayKind.TRAVEL):
        while not settings.is_workable(candidate):
            candidate += timedelta(days=1)
    return candidate


RENUMBERED = "Days renumbered and redated in board order: a day was added, removed or changed kind"


def _renumber_and_redate(production: Production, settings: ScheduleSettings, start: int) -> None:
    """Number and date the days in board order; the days whose number or date moved are saved
    with a history row saying why, so that the audit trail shows the move when it happens (not
    as part of the day's next edit)."""
    fields = ["position", "day_number", "date"]
    days = list(ShootDay.objects.filter(production=production).order_by("position", "pk"))
    before = {day.pk: [getattr(day, name) for name in fields] for day in days}
    number_and_date(days, production, settings, start)
    moved = [day for day in days if [getattr(day, name) for name in fields] != before[day.pk]]
    ShootDay.objects.bulk_update(moved, ["position"])  # position alone is not audited news
    seen = [day for day in moved if [day.day_number, day.date] != before[day.pk][1:]]
    if seen:
        bulk_update_with_history(
            seen, ShootDay, ["day_number", "date"], default_change_reason=RENUMBERED
        )


def number_and_date(days: list, production: Production, settings, start: int) -> None:
    """Positions 1..n, day numbers 1..k on shoot days, and dates from index `start` onward, on
    days in board order (the active board's or a scenario's); the caller saves them."""
    number = 0
    for index, day in enumerate(days):
        day.position = index + 1
        if day.kind == DayKind.SHOOT:
            number += 1
            day.day_number = number
        else:
            day.day_number = None
        if index >= start:
            if index == 0:
                first = production.first_shoot_day or production.today()
                day.date = _next_date(settings, first - timedelta(days=1), day.kind)
            else:
                day.date = _next_date(settings, days[index - 1].date, day.kind)


def day_insert(
    *,
    production: Production,
    at: int | None = None,
    kind: str = DayKind.SHOOT,
    unit: str = "",
    announce: bool = True,
) -> ShootDay:
    """Insert a day at board position `at` (1-based; None = at the end); later days move on.
    `announce=False` leaves telling the budget to the caller (one message for many days)."""
    with transaction.atomic():
        settings = lock_board(production)
        before = shoot_day_count(production)
        count = ShootDay.objects.filter(production=production).count()
        at = count + 1 if at is None else max(1, min(at, count + 1))
        ShootDay.objects.filter(production=production, position__gte=at).update(
            position=F("position") + 1
        )
        day = ShootDay.objects.create(
            production=production,
            position=at,
            kind=kind,
            date=production.first_shoot_day or production.today(),
            unit=unit or "Main unit",
            call_time=settings.default_call,
            wrap_time=settings.default_wrap,
        )
        _renumber_and_redate(production, settings, at - 1)
        if announce:
            announce_shoot_days(production, before)
    day.refresh_from_db()
    return day


def days_append(*, production: Production, count: int) -> list[ShootDay]:
    """Add `count` shoot days at the end of the board (a new schedule's first pass). The budget
    hears the new day count once, not once per day: each message recomputes its lines."""
    with transaction.atomic():
        before = shoot_day_count(production)
        days = [day_insert(production=production, announce=False) for _ in range(count)]
        announce_shoot_days(production, before)
    return days


def day_remove(*, production: Production, day: ShootDay) -> None:
    """Remove a day; its scenes go back to the bin and the later days close up. A day other
    records hang on (a call sheet, crew booked for it) is refused: removing it would delete them."""
    with transaction.atomic():
        settings = lock_board(production)
        if ShootDay.objects.filter(pk=day.pk, shooting_recorded_at__isnull=False).exists():
            raise ScheduleError(DAY_SHOT.format(day=day))
        what = days_others_hang_on(production).get(day.pk)
        if what:
            words = " and ".join(what)
            raise ScheduleError(
                DAY_OTHERS_HANG_ON.format(day=day, what=words, it="them" if len(what) > 1 else "it")
            )
        before = shoot_day_count(production)
        index = day.position - 1
        binned = list(day.scenes.all())
        tail = (
            Scene.objects.filter(production=production, shoot_day=None).aggregate(
                m=Max("board_position")
            )["m"]
            or 0
        )
        for offset, scene in enumerate(binned, start=1):
            scene.shoot_day = None
            scene.board_position = tail + offset
        Scene.objects.bulk_update(binned, ["shoot_day", "board_position"])
        day.delete()
        _renumber_and_redate(production, settings, index)
        announce_shoot_days(production, before)


def day_update(*, day: ShootDay, **fields) -> ShootDay:
    """Edit a day's kind, unit, times or notes; changing the kind renumbers the days."""
    with transaction.atomic():
        settings = lock_board(day.production)
        before = shoot_day_count(day.production)
        kind_changed = "kind" in fields and fields["kind"] != day.kind
        travellers = fields.pop("travellers", None)
        for name, value in fields.items():
            setattr(day, name, value)
        if kind_changed and day.kind != DayKind.SHOOT:
            day.day_number = None
            if day.scenes.exists():
                raise ScheduleError(NOT_A_SHOOT_DAY)
        day.save()
        if travellers is not None:
            day.travellers.set(travellers)
        if kind_changed:
            _renumber_and_redate(day.production, settings, day.position - 1)
            announce_shoot_days(day.production, before)
    return day
