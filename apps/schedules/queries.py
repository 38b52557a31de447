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
from apps.schedules.board_scenes import board_scenes, cast_of
from apps.schedules.categories import Category
from apps.schedules.importers.eighths import format_eighths
from apps.schedules.models import (
    BoardBanner,
    BreakdownElement,
    CastMember,
    DayKind,
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

    @property
    def eighths(self) -> int:
        return sum(scene.eighths for scene in self.scenes)

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

    @property
    def conflicts(self) -> list[Conflict]:
        return [c for block in self.days for c in block.conflicts]

    @property
    def scheduled_eighths(self) -> int:
        return sum(block.eighths for block in self.days)

    @property
    def total_eighths(self) -> int:
        return self.scheduled_eighths + sum(scene.eighths for scene in self.bin)

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
    """The whole board. Queries: settings, days, banners, and board_scenes' 4: 7. (Who travels on
    a day is for Day Out of Days, which reads it itself.)"""
    settings = settings_for(production)
    days = ShootDay.objects.filter(production=production)
    blocks = {day.pk: DayBlock(day) for day in days.order_by("position")}
    for banner in BoardBanner.objects.filter(production=production).order_by("position", "pk"):
        blocks[banner.shoot_day_id].banners.append(banner)
    bin_, omitted = [], []
    for scene in board_scenes(production):
        if scene.omitted:
            omitted.append(scene)
        elif scene.shoot_day_id is None:
            bin_.append(scene)
        else:
            blocks[scene.shoot_day_id].scenes.append(scene)
    result = Board(settings, list(blocks.values()), bin_, sorted(omitted, key=lambda s: s.sort_key))
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


# --- Day Out of Days ----------------------------------------------------------------------------


@dataclass
class DoodRow:
    member: CastMember | BreakdownElement  # a cast member, or an element of another category
    codes: list[str]
    work: int
    hold: int
    travel: int
    start: date | None
    finish: date | None

    @property
    def total(self) -> int:
        return self.work + self.hold + self.travel


@dataclass
class Dood:
    days: list[ShootDay]
    rows: list[DoodRow]
    category: str = Category.CAST


def dood(production: Production, category: str = Category.CAST, *, only=None) -> Dood:
    """Cast (or the elements of another breakdown category) x days. Queries: days, travellers
    (cast only), the cast or elements, their scene links: 4 (3), whatever the size. `only`: the
    ids of the cast members (or elements) wanted, the others left out (a call sheet's day's).

    First work day SW, last WF, a single day SWF, other work days W; a shoot day between a
    person's first and last work day on which they do not work is a hold (H); a travel day they
    travel on is T (cast only: days carry travelling cast). Days off and holidays are left blank
    and not counted.
    """
    days = list(ShootDay.objects.filter(production=production).order_by("position"))
    scheduled = {"scene__omitted": False, "scene__shoot_day__isnull": False}
    if category == Category.CAST:
        members = CastMember.objects.filter(production=production).order_by("id_number")
        key = "castmember_id"
        links = Scene.cast.through.objects.filter(scene__production=production, **scheduled)
    else:
        members = BreakdownElement.objects.filter(
            production=production, category=category
        ).order_by("name")
        key = "breakdownelement_id"
        links = Scene.elements.through.objects.filter(
            scene__production=production, breakdownelement__category=category, **scheduled
        )
    if only is not None:
        members, links = members.filter(pk__in=only), links.filter(**{f"{key}__in": only})
    worked: dict[int, set[int]] = defaultdict(set)
    for member_id, day_id in links.values_list(key, "scene__shoot_day_id"):
        worked[member_id].add(day_id)
    travelling: dict[int, set[int]] = defaultdict(set)  # ids, not objects: 60 days cost little
    if category == Category.CAST:
        trips = ShootDay.travellers.through.objects.filter(shootday__production=production)
        for day_id, member_id in trips.values_list("shootday_id", "castmember_id"):
            travelling[day_id].add(member_id)
    rows = []
    day_ids = [day.pk for day in days]
    for member in list(members):
        mine = worked[member.pk]
        work_positions = [i for i, day_id in enumerate(day_ids) if day_id in mine]
        first = work_positions[0] if work_positions else None
        last = work_positions[-1] if work_positions else None
        codes, hold, travel = [], 0, 0
        for index, day in enumerate(days):
            if day_ids[index] in mine:
                if first == last:
                    code = "SWF"
                elif index == first:
                    code = "SW"
                elif index == last:
                    code = "WF"
                else:
                    code = "W"
            elif day.kind == DayKind.TRAVEL and member.pk in travelling[day_ids[index]]:
                code = "T"
                travel += 1
            elif day.is_shoot and first is not None and first < index < last:
                code = "H"
                hold += 1
            else:
                code = ""
            codes.append(code)
        rows.append(
            DoodRow(
                member,
                codes,
                work=len(work_positions),
                hold=hold,
                travel=travel,
                start=days[first].date if first is not None else None,
                finish=days[last].date if last is not None else None,
            )
        )
    return Dood(days, rows, category)


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
