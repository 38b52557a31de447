"""Holds: an actor's dates held for a role in first or second position until a day.

Expiry is applied lazily: `holds_lapse` runs when a role's offers page is read (and the beat task
`casting.holds_lapse` may run it nightly); a hold past its day lapses, and when the first
position is released or lapses the second is promoted to first.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from apps.casting.errors import CastingError
from apps.casting.models import Actor, Role
from apps.casting.offers.models import Hold, HoldPosition, HoldState
from apps.crew.services.wording import audit

POSITION_TAKEN = "{role} already has a {position} hold ({actor})."
SECOND_NEEDS_FIRST = "A second position hold needs a first: place this one first."
HOLD_PAST = "A hold's expiry must be today or later."
HOLD_NOT_ACTIVE = "This hold is no longer active."
ALREADY_HELD = "{actor} is already held for {role}."


@transaction.atomic
def hold_place(*, role: Role, actor: Actor, position: int, expires_on: date, today: date) -> Hold:
    holds_lapse(role.production, today=today)
    active = Hold.objects.select_for_update().filter(role=role, state=HoldState.ACTIVE)
    if expires_on < today:
        raise CastingError(HOLD_PAST, field="expires_on")
    if active.filter(actor=actor).exists():
        raise CastingError(ALREADY_HELD.format(actor=actor, role=role))
    taken = active.filter(position=position).select_related("actor").first()
    if taken is not None:
        label = HoldPosition(position).label.lower()
        raise CastingError(POSITION_TAKEN.format(role=role, position=label, actor=taken.actor))
    if position == HoldPosition.SECOND and not active.filter(position=HoldPosition.FIRST).exists():
        raise CastingError(SECOND_NEEDS_FIRST)
    hold = Hold(
        production=role.production, role=role, actor=actor, position=position, expires_on=expires_on
    )
    hold._change_reason = audit(
        f"{HoldPosition(position).label.lower()} hold on {actor.name} until {expires_on:%d %b %Y}"
    )
    hold.save()
    return hold


def _end(hold: Hold, state: str, words: str) -> None:
    hold.state = state
    hold._change_reason = audit(words)
    hold.save()
    if hold.position == HoldPosition.FIRST:
        second = Hold.objects.filter(
            role_id=hold.role_id, state=HoldState.ACTIVE, position=HoldPosition.SECOND
        ).first()
        if second is not None:
            second.position = HoldPosition.FIRST
            second._change_reason = audit("promoted to first position")
            second.save()


@transaction.atomic
def hold_release(*, hold: Hold) -> Hold:
    hold = Hold.objects.select_for_update(of=("self",)).select_related("actor").get(pk=hold.pk)
    if hold.state != HoldState.ACTIVE:
        raise CastingError(HOLD_NOT_ACTIVE)
    _end(hold, HoldState.RELEASED, f"released the hold on {hold.actor.name}")
    return hold


@transaction.atomic
def holds_lapse(production, *, today: date) -> int:
    """Lapse every active hold past its day (first positions first, so seconds are promoted)."""
    expired = Hold.objects.select_for_update().filter(
        production=production, state=HoldState.ACTIVE, expires_on__lt=today
    )
    count = 0
    for hold in expired.order_by("position"):
        hold.refresh_from_db()
        if hold.state == HoldState.ACTIVE and hold.expires_on < today:
            _end(hold, HoldState.LAPSED, f"lapsed on {hold.expires_on:%d %b %Y}")
            count += 1
    return count
