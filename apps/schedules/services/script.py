"""Importing a script or a revision of it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Max

from apps.productions.models import Production
from apps.schedules.importers import ParsedScript, parse_script
from apps.schedules.models import (
    CastMember,
    IntExt,
    Scene,
    Script,
    Set,
    scene_sort_key,
)
from apps.schedules.services.common import (
    lock_board,
)


@dataclass
class ImportReport:
    script: Script
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    omitted: list[str] = field(default_factory=list)
    new_cast: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.changed)} changed, "
            f"{len(self.unchanged)} unchanged, {len(self.omitted)} omitted"
        )


def script_import(*, production: Production, data: bytes, filename: str, user=None) -> ImportReport:
    """Import a draft, or a revision of the one already in.

    Scenes are matched by number. Same content hash: unchanged, breakdown and board untouched.
    Different hash: heading, length, synopsis and speaking cast are updated; breakdown elements
    and the scene's place on the board stay. Scenes of an earlier draft missing from this one are
    kept, marked OMITTED and taken off the board. Parsing happens before anything is written, and
    the writes are one transaction: an unreadable file leaves the database as it was.
    """
    # Raises ScriptImportError with nothing written yet.
    parsed = parse_script(data, filename, max_bytes=settings.SCRIPT_MAX_BYTES)
    with transaction.atomic():
        lock_board(production)
        return _apply_script(production, parsed, filename, user)


def _apply_script(production, parsed: ParsedScript, filename: str, user) -> ImportReport:
    script = Script.objects.create(
        production=production,
        title=parsed.title[:200],
        filename=filename[:255],
        total_eighths=parsed.total_eighths,
        imported_by=user,
    )
    report = ImportReport(script=script, warnings=list(parsed.warnings))
    cast = _cast_for(production, parsed, report)
    sets = {s.name: s for s in Set.objects.filter(production=production)}
    existing = {s.number: s for s in Scene.objects.filter(production=production)}
    seen: set[str] = set()
    for item in parsed.scenes:
        if item.number in seen:
            continue  # the importer already warned about the duplicate number
        seen.add(item.number)
        set_name = (item.set_name or item.heading or "UNKNOWN SET")[:200]
        if set_name not in sets:
            sets[set_name] = Set.objects.create(production=production, name=set_name)
        fields = {
            "script": script,
            "int_ext": item.int_ext if item.int_ext in IntExt.values else "",
            "set": sets[set_name],
            "time_of_day": item.time_of_day[:30],
            "day_night": item.light,
            "eighths": item.eighths,
            "synopsis": item.synopsis[:300],
            "heading": item.heading[:300],
            "content_hash": item.content_hash,
        }
        speaking = [cast[name.casefold()] for name in item.characters]
        scene = existing.get(item.number)
        if scene is None:
            scene = Scene.objects.create(production=production, number=item.number, **fields)
            scene.cast.add(*speaking)
            report.added.append(item.number)
        elif scene.content_hash == item.content_hash and not scene.omitted:
            Scene.objects.filter(pk=scene.pk).update(script=script)
            report.unchanged.append(item.number)
        else:
            for name, value in fields.items():
                setattr(scene, name, value)
            scene.omitted = False
            scene.save()
            scene.cast.add(*speaking)  # keeps cast added by hand (a silent part stays on)
            report.changed.append(item.number)
    # Only scenes that came from a script can drop out of one; scenes added by hand stay.
    for number, scene in existing.items():
        if number not in seen and scene.content_hash and not scene.omitted:
            scene.omitted = True
            scene.shoot_day = None
            scene.save()
            report.omitted.append(number)
    for bucket in (report.added, report.changed, report.unchanged, report.omitted):
        bucket.sort(key=_number_key)
    return report


def _number_key(number: str) -> str:
    return scene_sort_key(number)


def _cast_for(production, parsed: ParsedScript, report: ImportReport) -> dict[str, CastMember]:
    """Every speaking character as a cast member; new ones get the next IDs.

    IDs follow billing, estimated as the number of scenes a character speaks in (then first
    appearance), which is how a first pass on a board is numbered; the AP edits them afterwards.
    """
    known = {c.character.casefold(): c for c in CastMember.objects.filter(production=production)}
    counts: Counter[str] = Counter()
    first_seen: dict[str, tuple[int, str]] = {}
    for index, item in enumerate(parsed.scenes):
        for name in item.characters:
            key = name.casefold()
            counts[key] += 1
            first_seen.setdefault(key, (index, name))
    new = sorted((k for k in counts if k not in known), key=lambda k: (-counts[k], first_seen[k]))
    next_id = (
        CastMember.objects.filter(production=production).aggregate(m=Max("id_number"))["m"] or 0
    ) + 1
    for key in new:
        known[key] = CastMember.objects.create(
            production=production, id_number=next_id, character=first_seen[key][1][:200]
        )
        report.new_cast.append(f"{next_id}. {first_seen[key][1]}")
        next_id += 1
    return known
