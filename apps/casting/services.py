"""Every casting write with a rule: roles (by hand and from the schedule's cast), an actor's
unavailable dates, submissions, and the shortlist's ranks and comments.

Actors, agencies and their agents are saved through their forms (no rule beyond the fields').
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Max

from apps.casting.errors import CastingError
from apps.casting.models import (
    Actor,
    Role,
    RoleStatus,
    ShortlistComment,
    ShortlistEntry,
    Submission,
    SubmissionState,
    Unavailability,
)
from apps.productions.models import Production
from apps.schedules.models import CastMember
from apps.schedules.services.cast import cast_mark_unavailable

ROLE_NAME_TAKEN = "There is already a role called {name}."
ALREADY_SUBMITTED = "{actor} is already submitted for {role}."
ALREADY_SHORTLISTED = "{actor} is already on the shortlist for {role}."
OTHER_PRODUCTION = "That is another production's."
COMMENT_EMPTY = "Write the comment."
STATUS_BOOKED = (
    "{actor} is booked for {role} through their accepted offer: void the offer to change the "
    "role's status."
)
STATUS_OFFER_OUT = (
    "An offer is out to {actor} for {role}: void it before setting the role back to {status}."
)
STATUS_BOOKED_BY_HAND = "A role is booked when the actor accepts an offer, not by hand."


def _same_production(production: Production, *objects) -> None:
    if any(obj.production_id != production.pk for obj in objects):
        raise CastingError(OTHER_PRODUCTION)


def _name_free(production: Production, name: str, exclude: int | None = None) -> None:
    taken = Role.objects.filter(production=production, name__iexact=name.strip())
    if taken.exclude(pk=exclude).exists():
        raise CastingError(ROLE_NAME_TAKEN.format(name=name.strip()), field="name")


def role_save(*, role: Role) -> Role:
    """A role added or changed by hand (a form's unsaved instance). Its name is unique in the
    production whatever its case."""
    _name_free(role.production, role.name, role.pk)
    _status_allowed(role)
    role.full_clean()
    role.save()
    return role


def _status_allowed(role: Role) -> None:
    """Offers own "offered" and "booked": a booked role stays booked (voiding its offer unbooks
    it), a role with an offer out is not set back to open or auditioning, and nobody books by
    hand."""
    from apps.casting.offers.models import OfferState

    if role.booked_actor_id:
        if role.status != RoleStatus.BOOKED:
            message = STATUS_BOOKED.format(actor=role.booked_actor, role=role.name)
            raise CastingError(message, field="status")
        return
    if role.status == RoleStatus.BOOKED:
        raise CastingError(STATUS_BOOKED_BY_HAND, field="status")
    if role.pk and role.status in (RoleStatus.OPEN, RoleStatus.AUDITIONING):
        out = role.offers.filter(state=OfferState.SENT).select_related("actor").first()
        if out is not None:
            label = RoleStatus(role.status).label.lower()
            message = STATUS_OFFER_OUT.format(actor=out.actor, role=role.name, status=label)
            raise CastingError(message, field="status")


def roles_from_cast(*, production: Production) -> list[Role]:
    """A role for every part of the schedule's cast that has none yet; run twice, it adds
    nothing. A role added by hand under the part's name becomes that part's role."""
    with transaction.atomic():
        cast = CastMember.objects.filter(production=production, casting_role__isnull=True)
        by_name = {
            role.name.casefold(): role
            for role in Role.objects.select_for_update().filter(
                production=production, cast_member__isnull=True
            )
        }
        made = []
        for member in cast.order_by("id_number"):
            role = by_name.pop(member.character.casefold(), None)
            if role is None:
                role = Role(production=production, name=member.character[:200])
                role.speaking = member.speaking
            role.cast_member = member
            role._change_reason = "from the schedule's cast"
            role.save()
            made.append(role)
    return made


def unavailability_add(*, actor: Actor, start: date, end: date, note: str = "") -> Unavailability:
    """Dates the actor cannot work. The parts they are booked for carry them to the board, where
    each shoot day on them is a conflict."""
    if end < start:
        raise CastingError("The last date is before the first.", field="end")
    with transaction.atomic():
        row = Unavailability.objects.create(
            production_id=actor.production_id, actor=actor, start=start, end=end, note=note
        )
        _tell_the_board(actor, add=set(row.dates()), remove=set())
    return row


def unavailability_remove(*, row: Unavailability) -> None:
    with transaction.atomic():
        actor, dates = row.actor, set(row.dates())
        row.delete()
        still = {day for other in actor.unavailable.all() for day in other.dates()}
        _tell_the_board(actor, add=set(), remove=dates - still)


def _tell_the_board(actor: Actor, *, add: set[date], remove: set[date]) -> None:
    """The schedule's parts this actor is booked for take (or lose) the dates."""
    roles = Role.objects.filter(booked_actor=actor, cast_member__isnull=False)
    for role in roles.select_related("cast_member"):
        cast_mark_unavailable(
            member=role.cast_member,
            add=add,
            remove=remove,
            reason=f"{actor.name}'s unavailable dates (casting)",
        )


def submission_add(
    *, role: Role, actor: Actor, via: str, submitted_by=None, note: str = ""
) -> Submission:
    _same_production(role.production, actor)
    if submitted_by is not None:
        _same_production(role.production, submitted_by)
    if Submission.objects.filter(role=role, actor=actor).exists():
        raise CastingError(ALREADY_SUBMITTED.format(actor=actor, role=role), field="actor")
    return Submission.objects.create(
        production=role.production,
        role=role,
        actor=actor,
        via=via,
        submitted_by=submitted_by,
        note=note,
    )


def submission_pass(*, submission: Submission) -> Submission:
    """Not for this role: taken off the shortlist if it was on it."""
    with transaction.atomic():
        entry = ShortlistEntry.objects.filter(submission=submission).first()
        if entry is not None:
            shortlist_remove(entry=entry)
        submission.state = SubmissionState.PASSED
        submission.save(update_fields=["state"])
    return submission


def shortlist_add(*, role: Role, actor: Actor, user=None) -> ShortlistEntry:
    """On the role's shortlist, last; its submission (if any) marked shortlisted."""
    _same_production(role.production, actor)
    with transaction.atomic():
        Role.objects.select_for_update().get(pk=role.pk)  # one rank at a time per role
        if ShortlistEntry.objects.filter(role=role, actor=actor).exists():
            raise CastingError(ALREADY_SHORTLISTED.format(actor=actor, role=role))
        last = ShortlistEntry.objects.filter(role=role).aggregate(m=Max("rank"))["m"] or 0
        submission = Submission.objects.filter(role=role, actor=actor).first()
        if submission is not None:
            submission.state = SubmissionState.SHORTLISTED
            submission.save(update_fields=["state"])
        return ShortlistEntry.objects.create(
            production=role.production,
            role=role,
            actor=actor,
            submission=submission,
            rank=last + 1,
            added_by=user,
        )


def shortlist_remove(*, entry: ShortlistEntry) -> None:
    with transaction.atomic():
        role = Role.objects.select_for_update().get(pk=entry.role_id)
        Submission.objects.filter(entry=entry).update(state=SubmissionState.SUBMITTED)
        entry.delete()
        _renumber(role, list(role.shortlist.order_by("rank", "pk")))


def shortlist_move(*, entry: ShortlistEntry, rank: int) -> list[ShortlistEntry]:
    """`entry` to `rank` (1 = first choice; beyond the end: last); the others close up."""
    with transaction.atomic():
        role = Role.objects.select_for_update().get(pk=entry.role_id)
        entries = [e for e in role.shortlist.order_by("rank", "pk") if e.pk != entry.pk]
        index = min(max(rank, 1), len(entries) + 1) - 1
        entries.insert(index, entry)
        return _renumber(role, entries)


def shortlist_order(*, role: Role, ids: list[int]) -> list[ShortlistEntry]:
    """The shortlist in the order given (a drag and drop); ids not on it are ignored, entries
    not named keep their order after the named ones."""
    with transaction.atomic():
        role = Role.objects.select_for_update().get(pk=role.pk)
        current = list(role.shortlist.order_by("rank", "pk"))
        by_id = {e.pk: e for e in current}
        named = [by_id[pk] for pk in dict.fromkeys(ids) if pk in by_id]
        rest = [e for e in current if e not in named]
        return _renumber(role, named + rest)


def _renumber(role: Role, entries: list[ShortlistEntry]) -> list[ShortlistEntry]:
    changed = []
    for rank, entry in enumerate(entries, start=1):
        if entry.rank != rank:
            entry.rank = rank
            changed.append(entry)
    for entry in changed:  # few rows; each keeps its history (who moved whom)
        entry.save(update_fields=["rank"])
    return entries


def comment_add(*, entry: ShortlistEntry, author, text: str) -> ShortlistComment:
    if not text.strip():
        raise CastingError(COMMENT_EMPTY, field="text")
    return ShortlistComment.objects.create(
        production_id=entry.production_id, entry=entry, author=author, text=text.strip()
    )
