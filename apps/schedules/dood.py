"""Day Out of Days: who works which day, scheduled against actual once shooting is recorded.

How it reads after days are shot (the rule, said once; see actuals.py for the figures):

- on a **day done** a person's code comes from what was shot: they work it (W, SW, ...) if a scene
  of theirs was completed or partly shot on it; a day they were planned on but did not work is
  treated like any other day they do not work (a hold between their first and last work day);
- on a **day to come** it comes from the board as it stands (the scenes scheduled on it now,
  remaining parts of partly shot scenes included);
- each row also counts, on the days done, the days the person was **planned** (a scene of theirs
  was on the day when it began) and the days they **worked**: `planned_done` and `worked_done`;
- each day carries its pages: planned and shot for a day done, scheduled for a day to come.

Work, hold and travel count the codes as shown: worked on the days done, scheduled on the rest.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from apps.productions.models import Production
from apps.schedules.actuals import DayActual, day_actuals
from apps.schedules.categories import Category
from apps.schedules.models import BreakdownElement, CastMember, DayKind, Scene, ShootDay


@dataclass
class DoodRow:
    member: CastMember | BreakdownElement  # a cast member, or an element of another category
    codes: list[str]
    work: int
    hold: int
    travel: int
    start: date | None
    finish: date | None
    planned_done: int = 0  # days done on which they were planned
    worked_done: int = 0  # days done on which they worked

    @property
    def total(self) -> int:
        return self.work + self.hold + self.travel


@dataclass
class DayPages:
    """A day's pages, in eighths: planned and shot once done, scheduled before."""

    planned: int = 0
    shot: int | None = None  # None: not done


@dataclass
class Dood:
    days: list[ShootDay]
    rows: list[DoodRow]
    category: str = Category.CAST
    pages: list[DayPages] = field(default_factory=list)

    @property
    def done(self) -> set[int]:
        return {day.pk for day in self.days if day.shooting_recorded_at}


def dood(
    production: Production, category: str = Category.CAST, *, only=None, pages: bool = True
) -> Dood:
    """Cast (or the elements of another breakdown category) x days. Queries: days, travellers
    (cast only), the cast or elements, their scene links: 4 (3), whatever the size; 2 more once
    a day's shooting is recorded (what it recorded, the pages of the scenes on the board). `only`:
    the ids of the cast members (or elements) wanted, the others left out (a call sheet's day's);
    `pages=False`: without the days' pages (a call sheet reads only the codes), one query less.

    First work day SW, last WF, a single day SWF, other work days W; a shoot day between a
    person's first and last work day on which they do not work is a hold (H); a travel day they
    travel on is T (cast only: days carry travelling cast). Days off and holidays are left blank
    and not counted. Days done read as the module's docstring says.
    """
    days = list(ShootDay.objects.filter(production=production).order_by("position"))
    done = {day.pk for day in days if day.shooting_recorded_at}
    # Before any day is done only the scenes on the board matter; after, the scenes shot too.
    scheduled = {"scene__omitted": False}
    if not done:
        scheduled["scene__shoot_day__isnull"] = False
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
    on_day: dict[int, set[int]] = defaultdict(set)  # member -> days scheduled now
    of_scene: dict[int, set[int]] = defaultdict(set)  # scene -> members
    for member_id, scene_id, day_id in links.values_list(key, "scene_id", "scene__shoot_day_id"):
        of_scene[scene_id].add(member_id)
        if day_id is not None:
            on_day[member_id].add(day_id)
    actual = day_actuals(production) if done else {}
    worked, planned = _done_days(done, actual, of_scene, on_day)
    travelling: dict[int, set[int]] = defaultdict(set)  # ids, not objects: 60 days cost little
    if category == Category.CAST:
        trips = ShootDay.travellers.through.objects.filter(shootday__production=production)
        for day_id, member_id in trips.values_list("shootday_id", "castmember_id"):
            travelling[day_id].add(member_id)
    rows = []
    day_ids = [day.pk for day in days]
    for member in list(members):
        mine = (on_day[member.pk] - done) | worked[member.pk]
        row = _row(member, days, day_ids, mine, travelling)
        row.planned_done = len(planned[member.pk])
        row.worked_done = len(worked[member.pk])
        rows.append(row)
    day_pages = _pages(production, days, done, actual) if pages else []
    return Dood(days, rows, category, day_pages)


def _done_days(done, actual: dict[int, DayActual], of_scene, on_day):
    """Member -> the days done they worked, and the days done they were planned on."""
    worked: dict[int, set[int]] = defaultdict(set)
    planned: dict[int, set[int]] = defaultdict(set)
    for day_id in done:
        found = actual.get(day_id, DayActual())
        for scene_id in found.worked_scenes:
            for member_id in of_scene.get(scene_id, ()):
                worked[member_id].add(day_id)
        for scene_id in found.planned_scenes:
            for member_id in of_scene.get(scene_id, ()):
                planned[member_id].add(day_id)
    for member_id, day_ids in on_day.items():  # still on a day done, given no outcome
        planned[member_id].update(day_ids & done)
    return worked, planned


def _row(member, days, day_ids, mine, travelling) -> DoodRow:
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
    return DoodRow(
        member,
        codes,
        work=len(work_positions),
        hold=hold,
        travel=travel,
        start=days[first].date if first is not None else None,
        finish=days[last].date if last is not None else None,
    )


def _pages(production, days, done, actual) -> list[DayPages]:
    """Each day's pages. Before any day is done none are read (the DOOD shows no pages)."""
    if not done:
        return []
    left: dict[int, int] = defaultdict(int)
    scenes = Scene.objects.filter(
        production=production, omitted=False, shot_day=None, shoot_day__isnull=False
    ).values_list("shoot_day_id", "eighths", "eighths_shot")
    for day_id, eighths, shot in scenes:
        left[day_id] += max(eighths - shot, 0)
    pages = []
    for day in days:
        if day.pk in done:
            found = actual.get(day.pk, DayActual())
            pages.append(DayPages(found.planned_eighths + left[day.pk], found.shot_eighths))
        else:
            pages.append(DayPages(left[day.pk] if day.is_shoot else 0))
    return pages
