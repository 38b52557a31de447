"""The revision report of a draft: scene by scene, what applying it would do.

`plan_for` reads the production's scenes, matches the draft's scenes to them by content
(apps/schedules/revisions.py), numbers the new ones, and says for each what changes: heading,
length, day/night, set, cast, and the words. Nothing is written; `services/script.py` applies a
plan only if making it again gives the same digest.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field

from apps.productions.models import Production
from apps.schedules import revisions
from apps.schedules.importers import ParsedScene, ParsedScript
from apps.schedules.importers.eighths import format_eighths
from apps.schedules.importers.fountain import split_heading
from apps.schedules.models import (
    CastMember,
    IntExt,
    Scene,
    Script,
    Set,
)
from apps.schedules.services.common import settings_for


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
    # Scenes imported before texts were kept compare by synopsis, and so does the draft then.
    by_text = not known or any(s.text for s in known)
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
                text=item.text if by_text else item.synopsis,
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
    # A split scene keeps the length the AP gave it. A scene whose words are the same keeps its
    # length too: a scene inserted above it moves the page breaks, and the laid-out page would
    # count the foot of a page it now ends on (a length change with no change in the scene).
    if (scene.content_hash or not scene.text) and scene.content_hash != item.content_hash:
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
