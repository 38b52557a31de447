"""Auditions: the reads behind the pages, each a fixed few queries however many slots."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Avg, Count, Prefetch, Q, QuerySet

from apps.casting.auditions.models import (
    AuditionReview,
    AuditionSession,
    AuditionSides,
    AuditionSlot,
    SlotState,
)
from apps.casting.models import Role
from apps.schedules.models import Scene


def _count(state: str) -> Count:
    return Count("slots", filter=Q(slots__state=state))


def sessions_of(production) -> QuerySet[AuditionSession]:
    """The production's sessions, latest first, with their slots counted by state."""
    return (
        AuditionSession.objects.filter(production=production)
        .select_related("follows")
        .annotate(
            slot_count=Count("slots", filter=~Q(slots__state=SlotState.CANCELLED)),
            planned=_count(SlotState.PLANNED),
            invited=_count(SlotState.INVITED),
            confirmed=_count(SlotState.CONFIRMED),
            declined=_count(SlotState.DECLINED),
        )
    )


def slots_of(session: AuditionSession) -> QuerySet[AuditionSlot]:
    """A session's slots with what their row shows: role, actor, agent and agency, the reviews
    (and who wrote them) and the average rating."""
    reviews = AuditionReview.objects.select_related("reviewer").order_by("updated_at")
    return (
        AuditionSlot.objects.filter(session=session)
        .select_related("session", "role", "actor__agent__agency")
        .prefetch_related(Prefetch("reviews", queryset=reviews))
        .annotate(average=Avg("reviews__rating"))
        .order_by("starts_at", "pk")
    )


@dataclass
class TimeRow:
    """The slots that start at one time (several rooms, or a pair read together)."""

    starts_at: object
    slots: list[AuditionSlot] = field(default_factory=list)


def grid(slots: list[AuditionSlot]) -> list[TimeRow]:
    return [TimeRow(t, list(group)) for t, group in groupby(slots, key=lambda s: s.starts_at)]


def sides_of(session: AuditionSession) -> dict[int, AuditionSides]:
    """The session's sides by role, each with its scene count."""
    found = (
        AuditionSides.objects.filter(session=session)
        .select_related("role")
        .annotate(scene_count=Count("scenes"))
    )
    return {sides.role_id: sides for sides in found}


def roles_with_sides(
    session: AuditionSession, slots: list[AuditionSlot]
) -> list[tuple[Role, AuditionSides | None]]:
    """The roles read in the session, in name order, each with its sides (or None)."""
    roles = sorted({s.role_id: s.role for s in slots}.values(), key=lambda r: r.name.casefold())
    sides = sides_of(session)
    return [(role, sides.get(role.pk)) for role in roles]


def roles_of(production) -> QuerySet[Role]:
    return Role.objects.filter(production=production)


def script_scenes(production) -> QuerySet[Scene]:
    """The scenes sides may be printed from: those of the script that have words."""
    return (
        Scene.objects.filter(production=production, omitted=False)
        .exclude(text="")
        .select_related("set")
        .order_by("sort_key", "number")
    )


def scenes_of_role(role: Role) -> list[int]:
    """The scenes the role's part is in (the schedule's cast): what its sides start from."""
    if role.cast_member_id is None:
        return []
    return list(
        Scene.objects.filter(cast=role.cast_member_id, omitted=False)
        .exclude(text="")
        .values_list("pk", flat=True)
    )
