"""Importing a script, and revised drafts of it: a report first, then the AP applies it.

`script_preview` reads a draft and stores it as a PENDING script with nothing else written, and
returns its revision plan: scene by scene, what the draft changes. `script_apply` writes that
plan, after checking the schedule has not changed since the plan was shown. `script_import` does
both at once (the demo, the command line, tests).

Each scene points at the draft that last changed it, so its revision colour says when it last
moved. A draft's scenes are matched to the production's scenes by their content (apps/schedules/
revisions.py), so the breakdown, cast added by hand, notes, the shoot day and the board position
stay with their scene whatever the draft does to the order and the numbers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from apps.productions.models import Production
from apps.schedules.importers import ParsedScript, parse_script
from apps.schedules.models import (
    CastMember,
    IntExt,
    RevisionColour,
    Scene,
    Script,
    ScriptStatus,
    Set,
    scene_sort_key,
)
from apps.schedules.services.common import ScheduleError, audit_words, lock_board, settings_for
from apps.schedules.services.revision_plan import (  # noqa: F401  (the report's shapes)
    CastNames,
    Change,
    Entry,
    RevisionPlan,
    SetNames,
    plan_for,
)

PLAN_STALE = (
    "The schedule changed since this revision report was made (someone edited, omitted or "
    "imported scenes). Nothing was applied: check the new report below, then apply it."
)
NOT_PENDING = "This draft was already {status}; upload it again to make a new report."


@dataclass
class ImportReport:
    script: Script
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    omitted: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    renumbered: list[str] = field(default_factory=list)
    new_cast: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = (
            f"{len(self.added)} added, {len(self.changed)} changed, "
            f"{len(self.unchanged)} unchanged, {len(self.omitted)} omitted"
        )
        if self.restored:
            text += f", {len(self.restored)} restored"
        if self.renumbered:
            text += f", {len(self.renumbered)} renumbered"
        return text


# --- Entry points -------------------------------------------------------------------------------


def script_preview(
    *,
    production: Production,
    data: bytes,
    filename: str,
    user=None,
    colour: str | None = None,
    lock_numbers: bool | None = None,
) -> RevisionPlan:
    """Read a draft and report what it would change; writes only the PENDING draft itself.

    Earlier drafts still pending are discarded: only the latest upload can be applied."""
    parsed = parse_script(data, filename, max_bytes=settings.SCRIPT_MAX_BYTES)
    with transaction.atomic():
        Script.objects.filter(production=production, status=ScriptStatus.PENDING).update(
            status=ScriptStatus.DISCARDED, source=b""
        )
        script = Script.objects.create(
            production=production,
            title=(parsed.title or filename)[:200],
            filename=filename[:255],
            total_eighths=parsed.total_eighths,
            status=ScriptStatus.PENDING,
            colour=colour or next_colour(production),
            lock_numbers=default_lock(production) if lock_numbers is None else lock_numbers,
            source=data,
            imported_by=user,
        )
    return plan_for(script, parsed)


def script_plan(script: Script) -> RevisionPlan:
    """The report of a pending draft, made again from the file and today's schedule."""
    return plan_for(script, parse_script(bytes(script.source), script.filename))


def script_apply(*, script: Script, digest: str, user=None) -> ImportReport:
    """Apply a pending draft exactly as its report showed it; refuses if the plan has changed."""
    parsed = parse_script(bytes(script.source), script.filename)
    with transaction.atomic():
        lock_board(script.production)
        script = Script.objects.select_for_update().get(pk=script.pk)
        if script.status != ScriptStatus.PENDING:
            raise ScheduleError(NOT_PENDING.format(status=script.get_status_display().lower()))
        plan = plan_for(script, parsed)
        if plan.digest != digest:
            raise ScheduleError(PLAN_STALE)
        return _apply(plan, parsed, user)


def script_discard(*, script: Script) -> None:
    with transaction.atomic():
        Script.objects.filter(pk=script.pk, status=ScriptStatus.PENDING).update(
            status=ScriptStatus.DISCARDED, source=b""
        )


def script_import(
    *,
    production: Production,
    data: bytes,
    filename: str,
    user=None,
    colour: str | None = None,
    lock_numbers: bool | None = None,
) -> ImportReport:
    """Preview and apply in one step. Parsing happens before anything is written, and the writes
    are one transaction: an unreadable file leaves the database as it was."""
    with transaction.atomic():
        plan = script_preview(
            production=production,
            data=data,
            filename=filename,
            user=user,
            colour=colour,
            lock_numbers=lock_numbers,
        )
        return script_apply(script=plan.script, digest=plan.digest, user=user)


def next_colour(production: Production) -> str:
    last = (
        Script.objects.filter(production=production, status=ScriptStatus.APPLIED)
        .order_by("-applied_at", "-imported_at", "-pk")
        .values_list("colour", flat=True)
        .first()
    )
    return RevisionColour.after(last)


def default_lock(production: Production) -> bool:
    """Numbers lock once the production says so, or once any scene is on the board."""
    return (
        settings_for(production).lock_scene_numbers
        or Scene.objects.filter(production=production, shoot_day__isnull=False).exists()
    )


# --- Applying -----------------------------------------------------------------------------------


def _apply(plan: RevisionPlan, parsed: ParsedScript, user) -> ImportReport:
    script, production = plan.script, plan.script.production
    colour = script.get_colour_display().lower()
    report = ImportReport(script=script, warnings=list(plan.warnings))
    cast = _cast_for(production, parsed, report)
    sets = SetNames.of(production)
    by_name = {s.name: s for s in Set.objects.filter(production=production)}
    renumbered = _renumber(plan)
    bin_tail = (
        Scene.objects.filter(production=production, shoot_day=None).aggregate(
            m=Max("board_position")
        )["m"]
        or 0
    )
    for entry in plan.entries:
        scene, item = entry.scene, entry.parsed
        if entry.kind == "omitted":
            scene.omitted = True
            scene.shoot_day = None
            scene._change_reason = audit_words(f"omitted: not in the {colour} draft")
            scene.save()
            report.omitted.append(scene.number)
            continue
        set_name = sets.target(scene, item)
        if set_name not in by_name:
            by_name[set_name] = Set.objects.create(production=production, name=set_name)
        fields = {
            "script": script,
            "int_ext": item.int_ext if item.int_ext in IntExt.values else "",
            "set": by_name[set_name],
            "time_of_day": item.time_of_day[:30],
            "day_night": item.light,
            "synopsis": item.synopsis[:300],
            "heading": item.heading[:300],
            "text": item.text,
            "speaking": list(item.characters),
        }
        speaking = cast.members(item.characters)
        if entry.kind == "added":
            bin_tail += 1
            scene = Scene(
                production=production,
                number=entry.number,
                eighths=item.eighths,
                content_hash=item.content_hash,
                board_position=bin_tail,
                **fields,
            )
            scene._change_reason = audit_words(f"added by the {colour} draft")
            scene.save()
            scene.cast.add(*speaking)
            report.added.append(entry.number)
            continue
        if entry.kind == "unchanged" and scene.text:
            # Untouched: it keeps the draft that last changed it (its revision colour).
            report.unchanged.append(scene.number)
            continue
        if entry.kind == "unchanged":  # imported before texts were kept: fill them in
            Scene.objects.filter(pk=scene.pk).update(text=item.text, speaking=list(item.characters))
            report.unchanged.append(scene.number)
            continue
        # A scene split by hand keeps the length the AP gave it and stays marked as split.
        split = not scene.content_hash and bool(scene.text) and entry.kind == "changed"
        for name, value in fields.items():
            setattr(scene, name, value)
        if not split:
            scene.eighths = item.eighths
            scene.content_hash = item.content_hash
        if entry.kind == "restored":
            scene.omitted = False
            scene.shoot_day = None
            bin_tail += 1
            scene.board_position = bin_tail
        what = ", ".join(c.label.lower() for c in entry.changes) or "text"
        scene._change_reason = audit_words(
            f"restored by the {colour} draft"
            if entry.kind == "restored"
            else f"revised by the {colour} draft: {what}"
        )
        scene.save()
        gone = {name.casefold() for name in entry.cast_removed}
        if gone:
            scene.cast.remove(*[m for m in scene.cast.all() if m.character.casefold() in gone])
        scene.cast.add(*speaking)  # cast added by hand stays (a silent part stays on)
        bucket = {"changed": report.changed, "restored": report.restored}.get(entry.kind)
        (bucket if bucket is not None else report.unchanged).append(scene.number)
    report.renumbered = [f"{old} → {new}" for old, new in renumbered.values()]
    for bucket in (report.added, report.changed, report.unchanged, report.omitted, report.restored):
        bucket.sort(key=scene_sort_key)
    report.renumbered.sort(key=lambda words: scene_sort_key(words.split(" ")[0]))
    script.status = ScriptStatus.APPLIED
    script.applied_at = timezone.now()
    script.summary = report.summary()[:300]
    if user is not None:
        script.imported_by = user
    script.save()
    if script.lock_numbers:
        schedule = settings_for(production)
        if not schedule.lock_scene_numbers:
            schedule.lock_scene_numbers = True
            schedule._change_reason = f"scene numbers locked with the {colour} draft"
            schedule.save(update_fields=["lock_scene_numbers"])
    return report


def _renumber(plan: RevisionPlan) -> dict[int, tuple[str, str]]:
    """Give scenes their new numbers in two steps (through a placeholder), so two scenes can
    trade numbers without tripping the unique number. Returns {pk: (old, new)}."""
    moves = {e.scene.pk: e.number for e in plan.entries if e.scene is not None and e.renumbered}
    moves |= plan.renames
    if not moves:
        return {}
    scenes = list(Scene.objects.filter(pk__in=moves))
    done = {scene.pk: (scene.number, moves[scene.pk]) for scene in scenes}
    for scene in scenes:
        scene.number = f"~{scene.pk}"
        scene.sort_key = scene_sort_key(scene.number)
    Scene.objects.bulk_update(scenes, ["number", "sort_key"])
    for scene in scenes:
        scene.number = moves[scene.pk]
        scene.sort_key = scene_sort_key(scene.number)
    Scene.objects.bulk_update(scenes, ["number", "sort_key"])
    for entry in plan.entries:
        if entry.scene is not None and entry.scene.pk in moves:
            entry.scene.number = moves[entry.scene.pk]
            entry.scene.sort_key = scene_sort_key(entry.scene.number)
    return done


def _cast_for(production, parsed: ParsedScript, report: ImportReport) -> CastNames:
    """Every speaking character as a cast member (through CastNames); new ones get the next IDs.

    IDs follow billing, estimated as the number of scenes a character speaks in (then first
    appearance), which is how a first pass on a board is numbered; the AP edits them afterwards.
    """
    cast = CastNames.of(production)
    counts: Counter[str] = Counter()
    first_seen: dict[str, tuple[int, str]] = {}
    for index, item in enumerate(parsed.scenes):
        for name in item.characters:
            key = name.casefold()
            counts[key] += 1
            first_seen.setdefault(key, (index, name))
    new = sorted(
        (k for k in counts if cast.unknown(first_seen[k][1])),
        key=lambda k: (-counts[k], first_seen[k]),
    )
    next_id = (
        CastMember.objects.filter(production=production).aggregate(m=Max("id_number"))["m"] or 0
    ) + 1
    for key in new:
        cast.named[key] = [
            CastMember.objects.create(
                production=production, id_number=next_id, character=first_seen[key][1][:200]
            )
        ]
        report.new_cast.append(f"{next_id}. {first_seen[key][1]}")
        next_id += 1
    return cast
