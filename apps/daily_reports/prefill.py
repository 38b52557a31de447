"""What a new report starts with: the day as the latest published call sheet said it would be
(or, without one, as the schedule has it), for the office to correct into what it was.

The call sheet is read as its typed `Sheet` (apps/callsheets/sheet.py): printed "HH:MM" strings,
scene numbers, department names. They are matched back to the production's rows here (a scene
by its number, a department by its name, a cast member by its key), and a row the sheet names
that no longer exists is still reported, by its printed text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import time

from apps.callsheets.models import Revision
from apps.callsheets.sheet import Sheet
from apps.productions.models import Department
from apps.schedules.models import Scene, ShootDay
from apps.schedules.queries import dood

# "12 drivers — 07:00", "6 x commuters 06:30-18:00": a leading count, the kind, a first time.
_BACKGROUND = re.compile(r"^\s*(\d+)\s*(?:[x×]\s+)?(.*)$", re.I)
_TIME = re.compile(r"\b([01]?\d|2[0-3])[:.h]([0-5]\d)\b")


def parse_time(text: str) -> time | None:
    """The sheet's "HH:MM" (or the first such time in a line of text), or None."""
    found = _TIME.search(text or "")
    return time(int(found.group(1)), int(found.group(2))) if found else None


@dataclass
class Prefill:
    """The rows of a new report, as unsaved values (services.report_start writes them)."""

    revision: Revision | None = None
    unit: dict = field(default_factory=dict)
    scenes: list[dict] = field(default_factory=list)
    cast: list[dict] = field(default_factory=list)
    background: list[dict] = field(default_factory=list)
    crew: list[dict] = field(default_factory=list)


def latest_published(day: ShootDay) -> Revision | None:
    """The day's latest published call sheet revision, if it has one."""
    return (
        Revision.objects.filter(call_sheet__shoot_day=day, production_id=day.production_id)
        .order_by("-number")
        .first()
    )


def prefill(day: ShootDay) -> Prefill:
    revision = latest_published(day)
    if revision is not None:
        return from_sheet(day, revision)
    return from_schedule(day)


def _scene_row(order: int, number: str, eighths: int, scene_id: int | None) -> dict:
    return {
        "scene_id": scene_id,
        "number": number[:20],
        "scheduled": True,
        "status": "completed",
        "eighths_scheduled": eighths,
        "eighths_shot": eighths,
        "order": order,
    }


def _sheet_scene(order: int, row, scene: Scene | None) -> dict:
    """A scene of the sheet; one partly shot on an earlier day is scheduled for what it has left
    (the board's count), not its whole length."""
    if scene is None:
        return _scene_row(order, row.number, row.eighths, None)
    left = scene.remaining_eighths if scene.eighths_shot else row.eighths
    return _scene_row(order, row.number, left, scene.pk)


def background_row(line: str) -> dict:
    """A background line of the call sheet as a count and a kind ("12 drivers — 07:00")."""
    found = _BACKGROUND.match(line)
    count, rest = (int(found.group(1)), found.group(2)) if found else (0, line)
    description = _TIME.sub("", rest).strip(" -—–,;:\t") or rest.strip() or line.strip()
    return {"description": description[:150], "count": count, "time_in": parse_time(rest)}


def _department_call(people) -> time | None:
    """The department's call: the one most of its people share (the earliest among equals)."""
    calls = Counter(parse_time(p.call) for p in people if parse_time(p.call) is not None)
    if not calls:
        return None
    return min(calls, key=lambda call: (-calls[call], call))


def from_sheet(day: ShootDay, revision: Revision) -> Prefill:
    """Queries: scenes by number, departments by name (2)."""
    sheet: Sheet = revision.sheet
    numbers = [row.number for row in sheet.scenes]
    scenes = {
        scene.number: scene
        for scene in Scene.objects.filter(production_id=day.production_id, number__in=numbers)
    }
    names = {d.department.lower() for d in sheet.crew}
    departments = {
        name.lower(): pk
        for name, pk in Department.objects.filter(production_id=day.production_id).values_list(
            "name", "pk"
        )
        if name.lower() in names
    }
    crew = []
    for group in sheet.crew:
        department_id = departments.get(group.department.lower())
        if department_id is None or not group.people:
            continue  # "Other": people with no department of the production's
        crew.append({"department_id": department_id, "time_in": _department_call(group.people)})
    return Prefill(
        revision=revision,
        unit={
            "name": (sheet.unit or day.unit or "Main unit")[:60],
            "crew_call": parse_time(sheet.general_call),
            "shooting_call": parse_time(sheet.shooting_call),
        },
        scenes=[_sheet_scene(i, row, scenes.get(row.number)) for i, row in enumerate(sheet.scenes)],
        cast=[
            {
                "cast_member_id": row.cast_member,
                "role": row.role[:150],
                "name": row.name[:150],
                "status": row.status[:4],
                "time_in": parse_time(row.first_call),
                "order": i,
            }
            for i, row in enumerate(sheet.cast)
        ],
        background=[background_row(line) for line in sheet.background],
        crew=crew,
    )


def from_schedule(day: ShootDay) -> Prefill:
    """Without a published call sheet: the day's scenes on the board and their cast with the day's
    DOOD code, the day's estimated call. Queries: scenes, their cast, DOOD."""
    scenes = list(
        Scene.objects.filter(production_id=day.production_id, shoot_day=day, omitted=False)
        .order_by("board_position", "sort_key")
        .prefetch_related("cast")
    )
    members = {}
    for scene in scenes:
        for member in scene.cast.all():
            members[member.pk] = member
    codes: dict[int, str] = {}
    if members:
        schedule = dood(day.production, only=set(members), pages=False)
        index = next((i for i, d in enumerate(schedule.days) if d.pk == day.pk), None)
        if index is not None:
            codes = {row.member.pk: row.codes[index] for row in schedule.rows}
    cast = sorted(members.values(), key=lambda m: m.id_number)
    return Prefill(
        unit={"name": (day.unit or "Main unit")[:60], "crew_call": day.call_time},
        scenes=[
            _scene_row(i, s.number, s.remaining_eighths or s.eighths, s.pk)
            for i, s in enumerate(scenes)
        ],
        cast=[
            {
                "cast_member_id": m.pk,
                "role": m.character[:150],
                "name": m.actor[:150],
                "status": codes.get(m.pk, "")[:4],
                "order": i,
            }
            for i, m in enumerate(cast)
        ],
    )
