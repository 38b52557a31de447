"""Cast by hand: add a part (speaking or not), put it on a scene or take it off, merge one into
others, drop one. Renumbering is `cast_set_id` (services/scenes.py), which swaps two IDs.

A merge or a drop is written in the audit log as the reason of the removed part's last version.
Nothing outside the schedule goes with a part: one that call sheets use is kept and the action is
refused (a published call sheet's recipients are a record of who was sent what).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Max

from apps.productions.models import Production
from apps.schedules.models import CastMember, Scene
from apps.schedules.services.common import (
    ScheduleError,
    audit_words,
    settings_for,
    uses_elsewhere,
    with_names,
)

CAST_NAME_TAKEN = "The cast already has {existing}."
CAST_ID_TAKEN = "Cast ID {number} is {existing}'s."
CAST_NAME_EMPTY = "Name the part."
MERGE_NEEDS_TARGET = "Choose the cast member(s) {member} becomes."
MERGE_INTO_ITSELF = "{member} cannot be merged into itself."
MERGE_ACROSS_PRODUCTIONS = "Cast members of another production cannot be merged."
CAST_USED_ELSEWHERE = "{member} is used on call sheets ({uses}); it is kept."


def _taken(production, character: str, *, exclude=None) -> CastMember | None:
    found = CastMember.objects.filter(production=production, character__iexact=character)
    if exclude is not None:
        found = found.exclude(pk=exclude.pk)
    return found.first()


def cast_create(
    *,
    production: Production,
    character: str,
    actor: str = "",
    speaking: bool = True,
    id_number: int | None = None,
    email: str = "",
    phone: str = "",
) -> CastMember:
    """A part added by hand; without an ID it takes the next one free."""
    character = character.strip()[:200]
    if not character:
        raise ScheduleError(CAST_NAME_EMPTY, field="character")
    with transaction.atomic():
        existing = _taken(production, character)
        if existing is not None:
            raise ScheduleError(CAST_NAME_TAKEN.format(existing=existing), field="character")
        if id_number is None:
            top = CastMember.objects.filter(production=production).aggregate(m=Max("id_number"))
            id_number = (top["m"] or 0) + 1
        holder = CastMember.objects.filter(production=production, id_number=id_number).first()
        if holder is not None:
            raise ScheduleError(
                CAST_ID_TAKEN.format(number=id_number, existing=holder.character),
                field="id_number",
            )
        return CastMember.objects.create(
            production=production,
            id_number=id_number,
            character=character,
            actor=actor.strip(),
            speaking=speaking,
            email=email,
            phone=phone,
        )


def cast_set_actor(
    *,
    member: CastMember,
    actor: str,
    email: str,
    add_dates=(),
    drop_dates=(),
    reason: str,
) -> CastMember:
    """Who plays the part (their name and the address their call sheet goes to), as casting's
    booking says, and the dates they cannot work (added, or taken back): the stripboard, the Day
    Out of Days and the call sheets read them from here. `reason` is the audit log's words."""
    with transaction.atomic():
        member = CastMember.objects.select_for_update().get(pk=member.pk)
        dates = (set(member.unavailable_dates) - {d.isoformat() for d in drop_dates}) | {
            d.isoformat() for d in add_dates
        }
        member.actor = actor.strip()[:200]
        member.email = email
        member.unavailable_dates = sorted(dates)
        member._change_reason = audit_words(reason)
        member.save()
        return member


def cast_add_to_scene(*, scene: Scene, character: str) -> CastMember:
    """Put a part on a scene from its breakdown sheet: the part of that exact name, or a new one.
    A name that differs from an existing part only by case is refused, as elements are."""
    character = character.strip()
    with transaction.atomic():
        member = CastMember.objects.filter(production=scene.production_id, character=character)
        found = member.first()
        if found is None:
            found = cast_create(production=scene.production, character=character)
        scene.cast.add(found)
    return found


def cast_remove_from_scene(*, scene: Scene, member: CastMember) -> None:
    scene.cast.remove(member)


def cast_merge(*, member: CastMember, into: list[CastMember]) -> list[CastMember]:
    """Fold `member` into the part(s) in `into`: each of them is in every scene (and on every
    travel day) `member` was in, then `member` is deleted. "EDWARD AND WILL" goes into both
    EDWARD and WILL; "JOHN'S VOICE" into JOHN."""
    targets = list({t.pk: t for t in into}.values())
    if not targets:
        raise ScheduleError(MERGE_NEEDS_TARGET.format(member=member), field="into")
    if any(t.pk == member.pk for t in targets):
        raise ScheduleError(MERGE_INTO_ITSELF.format(member=member), field="into")
    if any(t.production_id != member.production_id for t in targets):
        raise ScheduleError(MERGE_ACROSS_PRODUCTIONS, field="into")
    with transaction.atomic():
        locked = list(
            CastMember.objects.select_for_update()
            .filter(pk__in=[member.pk, *(t.pk for t in targets)])
            .order_by("pk")
        )
        member = next(m for m in locked if m.pk == member.pk)
        targets = sorted((m for m in locked if m.pk != member.pk), key=lambda m: m.id_number)
        if not targets:
            raise ScheduleError(MERGE_NEEDS_TARGET.format(member=member), field="into")
        _refuse_if_used_elsewhere(member)
        scene_ids = list(member.scenes.values_list("pk", flat=True))
        day_ids = list(member.travel_days.values_list("pk", flat=True))
        for target in targets:
            target.scenes.add(*scene_ids)
            target.travel_days.add(*day_ids)
            target.aliases = with_names(target.aliases, [member.character, *member.aliases])
            target._change_reason = audit_words(
                f"took the {len(scene_ids)} scene(s) of {member} in a merge"
            )
            target.save(update_fields=["aliases"])
        names = ", ".join(str(t) for t in targets)
        member._change_reason = audit_words(f"merged into {names}; {len(scene_ids)} scene(s) moved")
        member.delete()
    return targets


def cast_delete(*, member: CastMember) -> int:
    """Drop a part: it leaves every scene and travel day and is deleted. Returns how many scenes
    it was in."""
    with transaction.atomic():
        member = CastMember.objects.select_for_update().get(pk=member.pk)
        _refuse_if_used_elsewhere(member)
        scenes = member.scenes.count()
        schedule = settings_for(member.production)
        schedule.dropped_cues = with_names(
            schedule.dropped_cues, [member.character, *member.aliases]
        )
        schedule.save(update_fields=["dropped_cues"])
        member._change_reason = audit_words(f"dropped from {scenes} scene(s)")
        member.delete()
    return scenes


def _refuse_if_used_elsewhere(member: CastMember) -> None:
    uses = uses_elsewhere(member)
    if uses:
        raise ScheduleError(CAST_USED_ELSEWHERE.format(member=member, uses=uses))


def cast_mark_unavailable(
    *, member: CastMember, add: set[date], remove: set[date], reason: str
) -> CastMember:
    """Dates the part's actor cannot work, told by another app (casting: the booked actor's
    unavailable dates): `add` joins the part's unavailable dates, `remove` leaves them; the
    board shows each as a conflict. Recorded in the part's history with `reason`."""
    with transaction.atomic():
        member = CastMember.objects.select_for_update().get(pk=member.pk)
        dates = (member.unavailable() | add) - remove
        kept = sorted(day.isoformat() for day in dates)
        if kept != sorted(member.unavailable_dates):
            member.unavailable_dates = kept
            member._change_reason = audit_words(reason)
            member.save(update_fields=["unavailable_dates"])
    return member
