"""Reads that matter: the board with its day totals and conflicts, Day Out of Days, the calendar.

Each builder runs a fixed number of queries whatever the number of scenes and days (the tests
pin the counts): days, scenes with their sets and locations, and the cast links are each one query.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Prefetch, Q, Sum
from django.db.models.functions import Coalesce

from apps.productions.models import Production
from apps.schedules.actuals import DayActual, day_actuals
from apps.schedules.board_scenes import board_scenes, cast_of
from apps.schedules.importers.eighths import format_eighths
from apps.schedules.models import (
    BoardBanner,
    CastMember,
    Scene,
    ScheduleSettings,
    Set,
    ShootDay,
)
from apps.schedules.services import settings_for
from apps.schedules.services.strips import merge

CAST_UNAVAILABLE = "{cast} is unavailable on {date:%a %d %b}."
LOCATION_OUTSIDE_PERMIT = "{location}: the permit does not cover {date:%a %d %b}."
LOCATION_UNAVAILABLE = "{location} is unavailable on {date:%a %d %b}."
DAY_OVER_LIMIT = "{pages} pages, over the {limit}-page limit."
PAST_WRAP = "{date:%a %d %b} is after the production's wrap date ({wrap:%a %d %b})."
SHORT_TURNAROUND = "{cast}: {hours:.1f} h rest before {day}, under the {minimum} h minimum."


@dataclass
class Conflict:
    kind: str  # cast, location, pages, turnaround, wrap
    day: ShootDay
    message: str


@dataclass
class DayBlock:
    day: ShootDay
    scenes: list[Scene] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    banners: list = field(default_factory=list)
    estimate: int = 0  # minutes: pages at minutes_per_page, plus each company move
    available: int = 0  # minutes from call to wrap
    actual: DayActual | None = None  # once the day's shooting is recorded (actuals.py)

    @property
    def eighths(self) -> int:
        """The pages the day carries: what is left to shoot of its scenes."""
        return sum(scene.remaining_eighths for scene in self.scenes)

    @property
    def done(self) -> bool:
        return self.actual is not None

    @property
    def planned_eighths(self) -> int:
        """A day done: what it carried when it began; a day to come: what it carries."""
        return self.actual.planned_eighths + self.eighths if self.actual else self.eighths

    @property
    def shot_eighths(self) -> int:
        return self.actual.shot_eighths if self.actual else 0

    @property
    def pages(self) -> str:
        return format_eighths(self.eighths)

    def minutes(self, settings: ScheduleSettings) -> int:
        moves = sum(1 for banner in self.banners if banner.is_company_move)
        pages = round(self.eighths * settings.minutes_per_page / 8)
        return pages + moves * settings.company_move_minutes

    @property
    def items(self) -> list:
        """("scene" | "banner", object) in board order: each banner before the strip at its
        position."""
        return [
            ("scene" if isinstance(item, Scene) else "banner", item)
            for item in merge(self.scenes, self.banners)
        ]

    @property
    def over_time(self) -> bool:
        return self.day.is_shoot and self.estimate > self.available

    def cast_ids(self) -> set[int]:
        return {member.pk for scene in self.scenes for member in cast_of(scene)}


@dataclass
class Board:
    settings: ScheduleSettings
    days: list[DayBlock]
    bin: list[Scene]
    omitted: list[Scene]
    shot: list[Scene] = field(default_factory=list)  # completed: off the board, by day shot

    @property
    def conflicts(self) -> list[Conflict]:
        return [c for block in self.days for c in block.conflicts]

    @property
    def scheduled_eighths(self) -> int:
        """Pages left to shoot that are on a day (a partly shot scene: what it has left)."""
        return sum(block.eighths for block in self.days)

    @property
    def total_eighths(self) -> int:
        """Pages left to shoot, on a day or in the bin (completed scenes are not counted)."""
        return self.scheduled_eighths + sum(scene.remaining_eighths for scene in self.bin)

    @property
    def days_done(self) -> list[DayBlock]:
        return [block for block in self.days if block.done]

    @property
    def planned_done_eighths(self) -> int:
        return sum(block.planned_eighths for block in self.days_done)

    @property
    def shot_done_eighths(self) -> int:
        return sum(block.shot_eighths for block in self.days_done)

    @property
    def shoot_days(self) -> list[DayBlock]:
        return [block for block in self.days if block.day.is_shoot]


def scenes_for_board(production: Production):
    return (
        Scene.objects.filter(production=production)
        .select_related("set__location")
        .prefetch_related(Prefetch("cast", queryset=CastMember.objects.order_by("id_number")))
        .order_by("board_position", "sort_key")
    )


def board(production: Production, *, day_ids: set[int] | None = None) -> Board:
    """The whole board. Queries: settings, days, banners, and board_scenes' 4: 7, and once a
    day's shooting is recorded what it recorded: 8. (Who travels on a day is for Day Out of
    Days, which reads it itself.) Completed scenes are off the board, in `shot`."""
    settings = settings_for(production)
    days = ShootDay.objects.filter(production=production)
    blocks = {day.pk: DayBlock(day) for day in days.order_by("position")}
    for banner in BoardBanner.objects.filter(production=production).order_by("position", "pk"):
        blocks[banner.shoot_day_id].banners.append(banner)
    bin_, omitted, shot = [], [], []
    for scene in board_scenes(production):
        if scene.omitted:
            omitted.append(scene)
        elif scene.shot_day_id:
            shot.append(scene)
        elif scene.shoot_day_id is None:
            bin_.append(scene)
        else:
            blocks[scene.shoot_day_id].scenes.append(scene)
    if any(block.day.shooting_recorded_at for block in blocks.values()):
        actual = day_actuals(production)
        for block in blocks.values():
            if block.day.shooting_recorded_at:
                block.actual = actual.get(block.day.pk, DayActual())
    for scene in shot:
        scene.shot_on = blocks[scene.shot_day_id].day
    shot.sort(key=lambda s: (s.shot_on.position, s.sort_key))
    result = Board(
        settings, list(blocks.values()), bin_, sorted(omitted, key=lambda s: s.sort_key), shot
    )
    for block in result.days:
        block.estimate = block.minutes(settings)
        call, wrap = _call_and_wrap(block.day, settings)
        block.available = int((wrap - call).total_seconds() // 60)
    add_conflicts(result, wrap_date=production.wrap_date)
    return result


def _call_and_wrap(day: ShootDay, settings: ScheduleSettings) -> tuple[datetime, datetime]:
    call = day.call_time or settings.default_call
    wrap = day.wrap_time or settings.default_wrap
    end = datetime.combine(day.date, wrap)
    end = end + timedelta(days=1) if wrap <= call else end  # a wrap after midnight
    return datetime.combine(day.date, call), end


def add_conflicts(result: Board, wrap_date=None) -> None:
    """Each block's conflicts (see day_conflicts), from the cast and locations of its scenes."""
    found = day_conflicts(
        result.settings,
        [(block.day, block.eighths, *people_and_places(block.scenes)) for block in result.days],
        wrap_date,
    )
    for block, conflicts in zip(result.days, found, strict=True):
        block.conflicts.extend(conflicts)


def people_and_places(scenes) -> tuple[list[CastMember], list]:
    """The cast and the locations of these scenes, each once, in the order they first appear."""
    cast: dict[int, CastMember] = {}
    locations = {}
    for scene in scenes:
        for member in cast_of(scene):
            cast[member.pk] = member
        if scene.set.location_id:
            locations[scene.set.location_id] = scene.set.location
    return list(cast.values()), list(locations.values())


def day_conflicts(settings: ScheduleSettings, days, wrap_date=None) -> list[list[Conflict]]:
    """For each (day, eighths, cast, locations) in board order, its conflicts: cast unavailable,
    location outside its permit or unavailable, too many pages, short rest, a shoot day after the
    production's wrap date. The board and the dashboard's panel (schedules/panel.py) both ask."""
    limit = settings.page_limit_eighths
    last_wrap: dict[int, datetime] = {}  # each cast member's last shoot day's wrap
    away: dict[tuple, set[date]] = {}  # each member's and location's unavailable dates, read once

    def unavailable(thing) -> set[date]:
        key = (type(thing), thing.pk)
        if key not in away:
            away[key] = thing.unavailable()
        return away[key]

    found: list[list[Conflict]] = []
    for day, eighths, cast, locations in days:
        conflicts: list[Conflict] = []
        found.append(conflicts)
        if not day.is_shoot:
            continue
        if wrap_date and day.date > wrap_date:
            conflicts.append(Conflict("wrap", day, PAST_WRAP.format(date=day.date, wrap=wrap_date)))
        if limit and eighths > limit:
            pages = format_eighths(eighths)
            message = DAY_OVER_LIMIT.format(pages=pages, limit=format_eighths(limit))
            conflicts.append(Conflict("pages", day, message))
        for member in cast:
            if day.date in unavailable(member):
                conflicts.append(
                    Conflict("cast", day, CAST_UNAVAILABLE.format(cast=member, date=day.date))
                )
        for location in locations:
            outside = (location.permit_start and day.date < location.permit_start) or (
                location.permit_end and day.date > location.permit_end
            )
            if outside:
                conflicts.append(
                    Conflict(
                        "location",
                        day,
                        LOCATION_OUTSIDE_PERMIT.format(location=location, date=day.date),
                    )
                )
            if day.date in unavailable(location):
                conflicts.append(
                    Conflict(
                        "location",
                        day,
                        LOCATION_UNAVAILABLE.format(location=location, date=day.date),
                    )
                )
        call, wrap = _call_and_wrap(day, settings)
        for member in sorted(cast, key=lambda m: m.id_number):
            previous = last_wrap.get(member.pk)
            if previous is not None:
                rest = (call - previous).total_seconds() / 3600
                if rest < settings.min_turnaround_hours:
                    conflicts.append(
                        Conflict(
                            "turnaround",
                            day,
                            SHORT_TURNAROUND.format(
                                cast=member,
                                hours=rest,
                                day=day,
                                minimum=settings.min_turnaround_hours,
                            ),
                        )
                    )
            last_wrap[member.pk] = wrap
    return found


def sets_overview(production: Production) -> list[Set]:
    """Each set with its location, and (omitted scenes left out) `scene_count`, `pages` and
    `sides` (INT, EXT or both). Two queries: the sets with their totals, and the INT/EXT pairs."""
    live = Q(scenes__omitted=False)
    sets = list(
        Set.objects.filter(production=production)
        .select_related("location")
        .annotate(
            scene_count=Count("scenes", filter=live),
            eighth_count=Coalesce(Sum("scenes__eighths", filter=live), 0),
        )
        .order_by("name")
    )
    sides: dict[int, set[str]] = defaultdict(set)
    pairs = Scene.objects.filter(production=production, omitted=False).exclude(int_ext="")
    for set_id, int_ext in pairs.values_list("set_id", "int_ext").distinct():
        sides[set_id].add(int_ext)
    for found in sets:
        found.pages = format_eighths(found.eighth_count)
        found.sides = sorted(sides[found.pk], key=["INT", "EXT", "INT/EXT"].index)
    return sets


def scene_totals(production) -> dict:
    """The script's pages (omitted scenes left out), what is shot and what is left: one query."""
    live = Q(omitted=False)
    found = Scene.objects.filter(production=production).aggregate(
        eighths=Coalesce(Sum("eighths", filter=live), 0),
        shot=Coalesce(Sum("eighths_shot", filter=live), 0),
        completed=Count("pk", filter=live & Q(shot_day__isnull=False)),
    )
    return {**found, "left": max(found["eighths"] - found["shot"], 0)}


# Day Out of Days lives in its own module; its readers ask this one, as before.
from apps.schedules.dood import Dood, DoodRow, dood  # noqa: E402, F401
