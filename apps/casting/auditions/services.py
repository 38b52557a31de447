"""Auditions: every write with a rule. Sessions and their slots, the invitations (queued through
the kernel's outbox: one e-mail per send request, however often a task runs), the actor's or
agent's answer through the link, callbacks, sides, and the reviewers' ratings and notes."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.casting.auditions.models import (
    AuditionReview,
    AuditionSession,
    AuditionSides,
    AuditionSlot,
    SendTo,
    SlotState,
)
from apps.casting.errors import CastingError
from apps.casting.models import Actor, Role
from apps.core import outbox
from apps.productions.services import hash_token

PLACE_NEEDED = "Say where the session is held, or make it a self-tape session."
NOT_THIS_PRODUCTION = "That role or actor is not in this production."
SLOT_TAKEN = "{actor} already has a slot for {role} in this session."
SLOT_CLOSED = "This slot was {state}: add a new slot instead."
NO_ADDRESS = "{actor} has no e-mail address, and no agent with one: the invitation cannot be sent."
NOTHING_TO_INVITE = "Every slot of this session has been invited already."
RATING_RANGE = "A rating is from 1 to 5."
NOTHING_TO_CALL_BACK = "Choose at least one actor whose audition is still on."
NOT_IN_SCRIPT = "Choose scenes of this production's script."
LINK_INVALID = "This link is not valid. It may have been replaced by a newer invitation."
LINK_CANCELLED = "This audition has been cancelled. The production office will be in touch."
LINK_EXPIRED = "This audition date has passed; the link no longer works."
LINK_USED = (
    "This invitation has been answered already ({state}). To change it, write to the office."
)
ANSWER_NEEDED = "Choose Confirm or Decline."
AUDIT_LENGTH = 100


def audit(words: str) -> str:
    """Words for the audit log's reason column: one line, cut to what history keeps."""
    words = " ".join(words.split())
    return words if len(words) <= AUDIT_LENGTH else words[: AUDIT_LENGTH - 1] + "…"


def one_line(text: str) -> str:
    return " ".join(str(text).split())


# --- Sessions -----------------------------------------------------------------------------------


def _check_place(self_tape: bool, place: str) -> str:
    place = place.strip()
    if not self_tape and not place:
        raise CastingError(PLACE_NEEDED, field="place")
    return place


@transaction.atomic
def session_create(
    *,
    production,
    user=None,
    title: str,
    date: date,
    self_tape: bool = False,
    place: str = "",
    notes: str = "",
    follows: AuditionSession | None = None,
) -> AuditionSession:
    place = _check_place(self_tape, place)
    return AuditionSession.objects.create(
        production=production,
        title=one_line(title),
        date=date,
        self_tape=self_tape,
        place=place,
        notes=notes,
        follows=follows,
        created_by=user,
    )


@transaction.atomic
def session_update(
    *, session: AuditionSession, title: str, date: date, self_tape: bool, place: str, notes: str
) -> AuditionSession:
    session = AuditionSession.objects.select_for_update().get(pk=session.pk)
    session.place = _check_place(self_tape, place)
    session.title, session.date, session.self_tape, session.notes = (
        one_line(title), date, self_tape, notes
    )  # fmt: skip
    session.save()
    return session


# --- Slots --------------------------------------------------------------------------------------


def _same_production(session: AuditionSession, *objects) -> None:
    if any(obj.production_id != session.production_id for obj in objects):
        raise CastingError(NOT_THIS_PRODUCTION)


@transaction.atomic
def slot_add(
    *,
    session: AuditionSession,
    role: Role,
    actor: Actor,
    starts_at: time,
    minutes: int = 15,
    send_to: str = SendTo.AGENT,
) -> AuditionSlot:
    _same_production(session, role, actor)
    if AuditionSlot.objects.filter(session=session, role=role, actor=actor).exists():
        raise CastingError(SLOT_TAKEN.format(actor=actor.name, role=role.name))
    try:
        with transaction.atomic():
            return _new_slot(session, role.pk, actor.pk, starts_at, minutes, send_to)
    except IntegrityError as exc:  # the same slot added twice at once
        raise CastingError(SLOT_TAKEN.format(actor=actor.name, role=role.name)) from exc


def _new_slot(session, role_id: int, actor_id: int, starts_at, minutes: int, send_to: str):
    return AuditionSlot.objects.create(
        production=session.production,
        session=session,
        role_id=role_id,
        actor_id=actor_id,
        starts_at=starts_at,
        minutes=minutes,
        send_to=send_to,
    )


def _locked(slot: AuditionSlot) -> AuditionSlot:
    return (
        AuditionSlot.objects.select_for_update(of=("self",))
        .select_related("session", "role", "actor__agent")
        .get(pk=slot.pk)
    )


@transaction.atomic
def slot_update(*, slot: AuditionSlot, starts_at: time, minutes: int, send_to: str) -> AuditionSlot:
    """Change a slot's time, length or who is written to. An invited or confirmed actor whose
    time moves is sent a new invitation (the old link stops working) and is asked again."""
    slot = _locked(slot)
    if not slot.is_open:
        raise CastingError(SLOT_CLOSED.format(state=slot.get_state_display().lower()))
    before = (slot.starts_at, slot.minutes)
    slot.starts_at, slot.minutes, slot.send_to = starts_at, minutes, send_to
    moved = before != (starts_at, minutes)
    if moved and slot.state in (SlotState.INVITED, SlotState.CONFIRMED):
        slot._change_reason = audit(
            f"moved from {before[0]:%H:%M} ({before[1]} min) to {starts_at:%H:%M} "
            f"({minutes} min); invitation sent again"
        )
        _request_invitation(slot)
        return slot
    slot.save()
    return slot


@transaction.atomic
def slot_cancel(*, slot: AuditionSlot) -> AuditionSlot:
    slot = _locked(slot)
    if slot.state == SlotState.CANCELLED:
        return slot
    slot.state = SlotState.CANCELLED
    slot.token_hash = ""  # the link stops working
    slot._change_reason = audit(f"cancelled {slot.actor.name}'s audition for {slot.role.name}")
    slot.save()
    return slot


# --- Invitations --------------------------------------------------------------------------------


def recipient_of(slot: AuditionSlot) -> tuple[str, str]:
    """Who the invitation goes to: the agent when asked and they have an e-mail address,
    otherwise the actor."""
    actor = slot.actor
    agent = actor.agent
    if slot.send_to == SendTo.AGENT and agent is not None and agent.email:
        return agent.name, agent.email
    if actor.email:
        return actor.name, actor.email
    raise CastingError(NO_ADDRESS.format(actor=actor.name))


def _request_invitation(slot: AuditionSlot) -> None:
    """Ask for the invitation to be sent (the first time, again after a move, a resend): the row
    remembers the request; the outbox's one task sends it once for this request."""
    slot.recipient_name, slot.recipient_email = recipient_of(slot)
    slot.state = SlotState.INVITED
    slot.answered_at = None
    slot.token_hash = ""  # an earlier link stops working; the task issues the new one
    if not getattr(slot, "_change_reason", ""):
        slot._change_reason = audit(f"invitation to {slot.recipient_email}")
    slot.request_send()
    slot.save()
    outbox.queue_after_commit(slot)


@transaction.atomic
def invitations_send(*, session: AuditionSession) -> tuple[list[AuditionSlot], list[str]]:
    """Invite every slot not invited yet. Asking twice invites nobody twice: only slots still
    planned are taken, under their row locks. Returns the slots invited and why others were not."""
    planned = list(
        AuditionSlot.objects.select_for_update(of=("self",))
        .select_related("session", "role", "actor__agent")
        .filter(session=session, state=SlotState.PLANNED)
    )
    if not planned:
        raise CastingError(NOTHING_TO_INVITE)
    invited, problems = [], []
    for slot in planned:
        try:
            _request_invitation(slot)
        except CastingError as exc:
            problems.append(exc.message)
        else:
            invited.append(slot)
    return invited, problems


@transaction.atomic
def slot_invite(*, slot: AuditionSlot) -> AuditionSlot:
    """Invite one slot, or send its invitation again (a new link; the old one stops working)."""
    slot = _locked(slot)
    if not slot.is_open:
        raise CastingError(SLOT_CLOSED.format(state=slot.get_state_display().lower()))
    if slot.state != SlotState.PLANNED:
        slot._change_reason = audit(f"invitation sent again to {recipient_of(slot)[1]}")
    _request_invitation(slot)
    return slot


def issue_token(slot: AuditionSlot) -> str:
    """A new random token for the link; only its hash is kept. Called by the sending task."""
    token = secrets.token_urlsafe(32)
    slot.token_hash = hash_token(token)
    return token


def slot_for_token(token: str) -> AuditionSlot:
    """The slot behind a link, or CastingError saying why it cannot be used."""
    slot = (
        AuditionSlot.objects.select_related("production", "session", "role", "actor")
        .filter(token_hash=hash_token(token))
        .exclude(token_hash="")
        .first()
    )
    if slot is None:
        raise CastingError(LINK_INVALID)
    if slot.state == SlotState.CANCELLED:
        raise CastingError(LINK_CANCELLED)
    if slot.production.today() > slot.session.date:
        raise CastingError(LINK_EXPIRED)
    return slot


@transaction.atomic
def slot_answer(*, token: str, confirm: bool) -> AuditionSlot:
    """The actor or agent confirms or declines through their link, once."""
    slot = _locked(slot_for_token(token))
    if slot.state != SlotState.INVITED:
        raise CastingError(LINK_USED.format(state=slot.get_state_display().lower()))
    slot.state = SlotState.CONFIRMED if confirm else SlotState.DECLINED
    slot.answered_at = timezone.now()
    answer = "confirmed" if confirm else "declined"
    who = slot.recipient_name or slot.actor.name
    slot._change_reason = audit(
        f"{answer} by {who} through the invitation link: {slot.actor.name} for {slot.role.name}"
    )
    slot.save()
    return slot


# --- Callbacks ----------------------------------------------------------------------------------


@transaction.atomic
def callback_create(
    *,
    session: AuditionSession,
    slots: Iterable[AuditionSlot],
    user=None,
    title: str,
    date: date,
    self_tape: bool = False,
    place: str = "",
    notes: str = "",
    starts_at: time,
    minutes: int = 15,
) -> AuditionSession:
    """A further session calling back these actors, each for the same role, one after another
    from `starts_at`; the sides of their roles come along. Nobody is invited yet."""
    chosen = list(
        session.slots.filter(pk__in=[s.pk for s in slots])
        .exclude(state__in=[SlotState.DECLINED, SlotState.CANCELLED])
        .order_by("starts_at", "pk")
    )
    if not chosen:
        raise CastingError(NOTHING_TO_CALL_BACK)
    callback = session_create(
        production=session.production,
        user=user,
        title=title,
        date=date,
        self_tape=self_tape,
        place=place,
        notes=notes,
        follows=session,
    )
    start = datetime.combine(date, starts_at)
    for n, slot in enumerate(chosen):
        at = (start + timedelta(minutes=minutes * n)).time()
        _new_slot(callback, slot.role_id, slot.actor_id, at, minutes, slot.send_to)
    roles = {slot.role_id for slot in chosen}
    for sides in session.sides.filter(role_id__in=roles).prefetch_related("scenes"):
        copy = AuditionSides.objects.create(
            production=session.production, session=callback, role_id=sides.role_id
        )
        copy.scenes.set(sides.scenes.all())
    return callback


# --- Sides and reviews --------------------------------------------------------------------------


@transaction.atomic
def sides_save(*, session: AuditionSession, role: Role, scenes: Iterable) -> AuditionSides:
    scenes = list(scenes)
    _same_production(session, role, *scenes)
    sides, _ = AuditionSides.objects.get_or_create(
        production=session.production, session=session, role=role
    )
    sides.scenes.set(scenes)
    sides.save(update_fields=["updated_at"])
    return sides


@transaction.atomic
def review_save(*, slot: AuditionSlot, reviewer, rating: int | None, note: str) -> AuditionReview:
    """The reviewer's own rating and note on an audition (one each; saving again replaces it)."""
    if rating is not None and not 1 <= rating <= 5:
        raise CastingError(RATING_RANGE, field="rating")
    review, _ = AuditionReview.objects.select_for_update().get_or_create(
        production=slot.production, slot=slot, reviewer=reviewer
    )
    review.rating, review.note = rating, note.strip()
    review.save()
    return review
