"""What changed between two versions of a call sheet: the last revision and the draft, or two
revisions."""

from __future__ import annotations

from apps.callsheets.sheet import CrewRow, Sheet

HEADER_FIELDS = [
    ("date", "Date"),
    ("general_call", "General crew call"),
    ("shooting_call", "Shooting call"),
    ("breakfast", "Breakfast"),
    ("lunch", "Lunch"),
    ("wrap", "Estimated wrap"),
    ("weather", "Weather"),
    ("safety_notes", "Safety notes"),
    ("notes", "Notes"),
]
SCENE_FIELDS = ("set", "int_ext", "time_of_day", "pages", "cast", "location")
CAST_TIMES = (("pickup", "pick-up"), ("hair_makeup", "hair and makeup"), ("on_set", "on set"))


def _crew_by_person(sheet: Sheet) -> dict[int | None, CrewRow]:
    return {row.person: row for row in sheet.crew_rows}


def diff(old: Sheet, new: Sheet) -> list[dict]:
    """What changed from `old` to `new`, one entry per change: header fields, scenes added or
    removed or changed, cast times, crew added or removed and call times changed."""
    changes = []
    for key, label in HEADER_FIELDS:
        before, after = getattr(old, key), getattr(new, key)
        if before != after:
            changes.append({"kind": "changed", "what": label, "old": before, "new": after})
    old_scenes = {s.number: s for s in old.scenes}
    new_scenes = {s.number: s for s in new.scenes}
    for number in new_scenes.keys() - old_scenes.keys():
        changes.append({"kind": "added", "what": f"Scene {number}", "old": "", "new": "added"})
    for number in old_scenes.keys() - new_scenes.keys():
        changes.append({"kind": "removed", "what": f"Scene {number}", "old": "", "new": "removed"})
    for number in new_scenes.keys() & old_scenes.keys():
        before, after = old_scenes[number], new_scenes[number]
        for key in SCENE_FIELDS:
            if getattr(before, key) != getattr(after, key):
                changes.append(
                    {
                        "kind": "changed",
                        "what": f"Scene {number} {key.replace('_', ' ')}",
                        "old": str(getattr(before, key)),
                        "new": str(getattr(after, key)),
                    }
                )
    old_cast = {c.id: c for c in old.cast}
    new_cast = {c.id: c for c in new.cast}
    for cast_id in sorted(new_cast.keys() - old_cast.keys()):
        changes.append(
            {"kind": "added", "what": f"Cast {cast_id} {new_cast[cast_id].role}", "old": "",
             "new": "added"}
        )  # fmt: skip
    for cast_id in sorted(old_cast.keys() - new_cast.keys()):
        changes.append(
            {"kind": "removed", "what": f"Cast {cast_id} {old_cast[cast_id].role}", "old": "",
             "new": "removed"}
        )  # fmt: skip
    for cast_id in sorted(new_cast.keys() & old_cast.keys()):
        for key, label in CAST_TIMES:
            before, after = getattr(old_cast[cast_id], key), getattr(new_cast[cast_id], key)
            if before != after:
                changes.append(
                    {"kind": "changed", "what": f"Cast {cast_id} {label}", "old": before,
                     "new": after}
                )  # fmt: skip
    old_crew, new_crew = _crew_by_person(old), _crew_by_person(new)
    for pk in new_crew.keys() - old_crew.keys():
        changes.append({"kind": "added", "what": new_crew[pk].name, "old": "", "new": "added"})
    for pk in old_crew.keys() - new_crew.keys():
        changes.append({"kind": "removed", "what": old_crew[pk].name, "old": "", "new": "removed"})
    for pk in new_crew.keys() & old_crew.keys():
        if old_crew[pk].call != new_crew[pk].call:
            changes.append(
                {
                    "kind": "changed",
                    "what": f"{new_crew[pk].name} call",
                    "old": old_crew[pk].call,
                    "new": new_crew[pk].call,
                }
            )
    return changes
