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

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from apps.productions.models import Production
from apps.schedules import revisions
from apps.schedules.importers import ParsedScene, ParsedScript, parse_script
from apps.schedules.importers.eighths import format_eighths
from apps.schedules.importers.fountain import split_heading
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
from apps.schedules.services.common import ScheduleError, lock_board, settings_for

PLAN_STALE = (
    "The schedule changed since this revision report was made (someone edited, omitted or "
    "imported scenes). Nothing was applied: check the new report below, then apply it."
)
NOT_PENDING = "This draft was already {status}; upload it again to make a new report."


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    """One scene in the revision report."""

    kind: str  # added, changed, unchanged, restored, omitted
    number: str  # the scene's number once the draft is applied
    old_number: str = ""
    scene: Scene | None = None
    parsed: ParsedScene | None = None
    score: float = 1.0
    changes: list[Change] = field(default_factory=list)
    cast_added: list[str] = field(default_factory=list)
    cast_removed: list[str] = field(default_factory=list)
    text_diff: list[tuple[str, str]] = field(default_factory=list)
    day_label: str = ""  # where the scene is on the board now

    @property
    def renumbered(self) -> bool:
        return bool(self.old_number) and self.old_number != self.number

    @property
    def heading(self) -> str:
        if self.parsed is not None:
            return self.parsed.heading
        return self.scene.heading or str(self.scene) if self.scene else ""


@dataclass
class RevisionPlan:
    script: Script
    entries: list[Entry]
    renames: dict[int, str]  # scenes outside the draft whose number the draft takes
    new_cast: list[str]
    warnings: list[str]
    digest: str = ""

    def of_kind(self, kind: str) -> list[Entry]:
        return [e for e in self.entries if e.kind == kind]

    def summary(self) -> str:
        counts = Counter(e.kind for e in self.entries)
        parts = [
            f"{counts['added']} to add",
            f"{counts['changed']} changed",
            f"{counts['unchanged']} unchanged",
            f"{counts['omitted']} to omit",
        ]
        if counts["restored"]:
            parts.append(f"{counts['restored']} restored")
        renumbered = sum(1 for e in self.entries if e.renumbered) + len(self.renames)
        if renumbered:
            parts.append(f"{renumbered} renumbered")
        return ", ".join(parts)

    def omitted_words(self, entry: Entry) -> str:
        words = (
            f"Scene {entry.number} ({entry.heading}) is not in this draft: it stays, marked "
            "OMITTED, with its breakdown"
        )
        if entry.day_label:
            words += f", and leaves the board (was on {entry.day_label})"
        return words + "."


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


# --- The plan -----------------------------------------------------------------------------------


def _is_known(scene: Scene) -> bool:
    """Scenes that came from a draft take part in matching; scenes added by hand (and the parts
    of a split made before texts were kept) are never touched by a draft."""
    return bool(scene.content_hash or scene.text)


def plan_for(script: Script, parsed: ParsedScript) -> RevisionPlan:
    production = script.production
    existing = list(
        Scene.objects.filter(production=production)
        .select_related("set", "shoot_day")
        .prefetch_related("cast")
        .order_by("sort_key", "number")
    )
    known = [s for s in existing if _is_known(s)]
    matched = revisions.match(
        [
            revisions.Known(
                key=s.pk,
                order=order,
                heading=s.heading,
                text=s.text or s.synopsis,
                characters=tuple(s.speaking or [c.character for c in s.cast.all()]),
                content_hash=s.content_hash,
            )
            for order, s in enumerate(known)
        ],
        [
            revisions.Drafted(
                heading=item.heading,
                text=item.text if any(s.text for s in known) or not known else item.synopsis,
                characters=tuple(item.characters),
                content_hash=item.content_hash,
            )
            for item in parsed.scenes
        ],
    )
    by_pk = {s.pk: s for s in existing}
    warnings = list(parsed.warnings)
    cast = CastNames.of(production)
    sets = SetNames.of(production)
    numbers = _numbers(script, parsed, matched, by_pk, existing, warnings)
    entries: list[Entry] = []
    for index, item in enumerate(parsed.scenes):
        found = matched.get(index)
        scene = by_pk[found[0]] if found else None
        entry = Entry(kind="added", number=numbers[index], parsed=item)
        if scene is not None:
            entry.scene, entry.score, entry.old_number = scene, found[1], scene.number
            entry.day_label = _day_label(scene)
            _compare(entry, scene, item, cast, sets)
            if scene.omitted:
                entry.kind = "restored"
            elif entry.changes or entry.cast_added or entry.cast_removed or entry.text_diff:
                entry.kind = "changed"
            else:
                entry.kind = "unchanged"
        entries.append(entry)
    kept = {e.scene.pk for e in entries if e.scene is not None}
    for scene in known:
        if scene.pk not in kept and not scene.omitted:
            entries.append(
                Entry(
                    kind="omitted",
                    number=scene.number,
                    old_number=scene.number,
                    scene=scene,
                    day_label=_day_label(scene),
                )
            )
    taken_by_draft = set(numbers)
    renames: dict[int, str] = {}
    if not script.lock_numbers:
        # An unlocked draft numbers its scenes itself; a scene outside it (omitted, or added by
        # hand) whose number the draft now gives to another scene takes a free variant.
        in_draft = kept
        taken = set(taken_by_draft) | {s.number for s in existing if s.pk not in in_draft}
        for scene in existing:
            if scene.pk not in in_draft and scene.number in taken_by_draft:
                taken.discard(scene.number)
                renames[scene.pk] = revisions.free_variant(scene.number, taken | taken_by_draft)
                taken.add(renames[scene.pk])
        for entry in entries:
            if entry.kind == "omitted" and entry.scene.pk in renames:
                entry.number = renames[entry.scene.pk]
    new_cast = []
    for item in parsed.scenes:
        for name in item.characters:
            if cast.unknown(name):
                cast.named[name.casefold()] = []
                new_cast.append(name)
    plan = RevisionPlan(script, entries, renames, new_cast, warnings)
    plan.digest = _digest(plan)
    return plan


def _numbers(script, parsed, matched, by_pk, existing, warnings) -> list[str]:
    """The number each draft scene will carry."""
    locked = script.lock_numbers and any(_is_known(s) for s in existing)
    taken: set[str] = set()
    numbers: list[str] = []
    if not locked:
        for item in parsed.scenes:
            number = item.number
            if number in taken:
                previous = numbers[-1] if numbers else ""
                fresh = revisions.next_number(previous, taken | {i.number for i in parsed.scenes})
                warnings.append(
                    f"Scene number {number} is used more than once in the draft; "
                    f"the second one is {fresh} here."
                )
                number = fresh
            taken.add(number)
            numbers.append(number)
        return numbers
    taken = {s.number for s in existing}
    fixed = {
        index: by_pk[key].number for index, (key, _) in matched.items()
    }  # matched scenes keep their numbers
    for index, item in enumerate(parsed.scenes):
        if index in fixed:
            numbers.append(fixed[index])
            continue
        if item.numbered and item.number not in taken:
            number = item.number
        elif numbers:
            number = revisions.next_number(numbers[-1], taken)
        else:
            following = next((fixed[i] for i in sorted(fixed) if i > index), "1")
            number = revisions.number_before(following, taken)
        taken.add(number)
        numbers.append(number)
    return numbers


def _day_label(scene: Scene) -> str:
    day = scene.shoot_day
    if day is None or scene.omitted:
        return ""
    return f"Day {day.day_number}, {day.date:%a %d %b}" if day.day_number else str(day)


def _compare(
    entry: Entry, scene: Scene, item: ParsedScene, cast: CastNames, sets: SetNames
) -> None:
    """What the draft changes in a matched scene, field by field, in the words the report uses."""
    pairs = [
        ("Heading", scene.heading, item.heading),
        ("INT/EXT", scene.int_ext, item.int_ext if item.int_ext in IntExt.values else ""),
        ("Set", scene.set.name, sets.target(scene, item)),
        ("Time of day", scene.time_of_day, item.time_of_day[:30]),
        ("Day/night", scene.day_night, item.light),
    ]
    if scene.content_hash or not scene.text:  # a split scene keeps the length the AP gave it
        pairs.append(("Length", format_eighths(scene.eighths), format_eighths(item.eighths)))
    for label, old, new in pairs:
        if old != new:
            entry.changes.append(Change(label, old or "—", new or "—"))
    if scene.text and scene.text != item.text:
        entry.text_diff = revisions.word_diff(scene.text, item.text)
    elif not scene.text and scene.content_hash != item.content_hash:
        entry.changes.append(Change("Text", "(not kept by an earlier import)", "revised"))
    cast_now = {c.character.casefold() for c in scene.cast.all()}
    before = cast.parts(scene.speaking)
    after = cast.parts(item.characters)
    entry.cast_added = [name for key, name in after.items() if key not in cast_now]
    entry.cast_removed = [
        name for key, name in before.items() if key not in after and key in cast_now
    ]


@dataclass
class CastNames:
    """How a draft's speaking names become cast members: a part's own name first, then the cues
    merged into a part (one cue may stand for two parts), and cues dropped from the cast stay
    out. A name none of these knows is a new part."""

    named: dict[str, list[CastMember]]
    dropped: set[str]

    @classmethod
    def of(cls, production: Production) -> CastNames:
        members = list(CastMember.objects.filter(production=production))
        named: dict[str, list[CastMember]] = {}
        for member in members:
            for alias in member.aliases:
                named.setdefault(alias.casefold(), []).append(member)
        for member in members:
            named[member.character.casefold()] = [member]
        dropped = {n.casefold() for n in settings_for(production).dropped_cues} - set(named)
        return cls(named, dropped)

    def unknown(self, name: str) -> bool:
        key = name.casefold()
        return key not in self.named and key not in self.dropped

    def parts(self, names) -> dict[str, str]:
        """casefolded part name -> part name, for the speaking names given (new names as is)."""
        found: dict[str, str] = {}
        for name in names:
            key = name.casefold()
            if key in self.dropped:
                continue
            members = self.named.get(key)
            if members:
                for member in members:
                    found[member.character.casefold()] = member.character
            else:
                found[key] = name
        return found

    def members(self, names) -> list[CastMember]:
        return list(
            {m.pk: m for name in names for m in self.named.get(name.casefold(), [])}.values()
        )


def _set_name(item: ParsedScene) -> str:
    return (item.set_name or item.heading or "UNKNOWN SET")[:200]


@dataclass
class SetNames:
    """Which set a draft's scene goes to. A set name or a name a set had (renamed, or merged into
    it) finds that set; a revised scene whose heading names the same set as its last draft did
    stays on the set it is on (the AP's choice); anything else is a new set of that name."""

    by_name: dict[str, Set]

    @classmethod
    def of(cls, production: Production) -> SetNames:
        found = list(Set.objects.filter(production=production))
        by_name = {alias: s for s in found for alias in s.aliases}
        by_name |= {s.name: s for s in found}
        return cls(by_name)

    def target(self, scene: Scene | None, item: ParsedScene) -> str:
        wanted = _set_name(item)
        if wanted in self.by_name:
            return self.by_name[wanted].name
        if scene is not None and scene.heading:
            before = split_heading(scene.heading)
            if (before.set_name or before.heading or "UNKNOWN SET")[:200] == wanted:
                return scene.set.name
        return wanted


def _digest(plan: RevisionPlan) -> str:
    """A fingerprint of what applying would do: the apply step recomputes it and refuses a
    difference, so a report is never applied to a schedule that moved under it."""
    shape = [
        [
            e.kind,
            e.number,
            e.scene.pk if e.scene else None,
            [[c.label, c.old, c.new] for c in e.changes],
            e.cast_added,
            e.cast_removed,
            e.text_diff,
        ]
        for e in plan.entries
    ]
    shape.append(sorted(plan.renames.items()))
    shape.append(plan.new_cast)
    return hashlib.sha256(json.dumps(shape, default=str).encode()).hexdigest()[:32]


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
            scene._change_reason = f"omitted: not in the {colour} draft"[:100]
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
            scene._change_reason = f"added by the {colour} draft"[:100]
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
        scene._change_reason = (
            f"restored by the {colour} draft"
            if entry.kind == "restored"
            else f"revised by the {colour} draft: {what}"
        )[:100]
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
