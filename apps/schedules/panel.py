"""The dashboard's schedule panel: shoot days, pages scheduled, the next shoot day, conflicts.

The same numbers and conflicts as the stripboard (queries.board and queries.day_conflicts), read
as ids and counts instead of the whole board's scenes and cast as objects: the dashboard asks on
every visit. Queries: settings, days, scenes, cast links, cast, locations: 6.
"""

from __future__ import annotations

from collections import defaultdict

from apps.productions.models import Production
from apps.schedules.importers.eighths import format_eighths
from apps.schedules.models import CastMember, Location, Scene, ShootDay
from apps.schedules.queries import day_conflicts
from apps.schedules.services import settings_for


def summary(production: Production) -> dict:
    settings = settings_for(production)
    days = list(ShootDay.objects.filter(production=production).order_by("position"))
    # Completed scenes are off the board; a partly shot one counts the pages it has left.
    live = Scene.objects.filter(production=production, omitted=False, shot_day=None)
    scenes = live.order_by("board_position", "sort_key").values_list(
        "pk", "shoot_day_id", "eighths", "eighths_shot", "set__location_id"
    )
    links = Scene.cast.through.objects.filter(
        scene__production=production, scene__omitted=False, scene__shoot_day__isnull=False
    ).values_list("scene_id", "castmember_id")
    cast = {member.pk: member for member in CastMember.objects.filter(production=production)}
    locations = {place.pk: place for place in Location.objects.filter(production=production)}
    cast_of: dict[int, list[CastMember]] = defaultdict(list)
    for scene_id, member_id in sorted(links, key=lambda link: cast[link[1]].id_number):
        cast_of[scene_id].append(cast[member_id])
    # Per day, in board order: eighths, then cast and locations each once, as first met (the
    # order queries.people_and_places gives, each scene's cast by ID number).
    eighths: dict[int, int] = defaultdict(int)
    people: dict[int, dict] = defaultdict(dict)
    places: dict[int, dict] = defaultdict(dict)
    total = 0
    for scene_id, day_id, length, shot, location_id in scenes:
        scene_eighths = max(length - shot, 0)
        total += scene_eighths
        if day_id is None:
            continue
        eighths[day_id] += scene_eighths
        met = people[day_id]
        for member in cast_of[scene_id]:  # by ID number, as the board's prefetch orders them
            met.setdefault(member.id, member)
        if location_id:
            places[day_id][location_id] = locations[location_id]
    found = day_conflicts(
        settings,
        [
            (day, eighths[day.pk], list(people[day.pk].values()), list(places[day.pk].values()))
            for day in days
        ],
        production.wrap_date,
    )
    today = production.today()
    shoot_days = [day for day in days if day.is_shoot]
    upcoming = [day for day in shoot_days if day.date >= today]
    return {
        "days": len(shoot_days),
        "scheduled_pages": format_eighths(sum(eighths.values())),
        "total_pages": format_eighths(total),
        "next_day": upcoming[0] if upcoming else None,
        "conflicts": [conflict for conflicts in found for conflict in conflicts],
    }
