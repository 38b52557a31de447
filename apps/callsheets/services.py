"""Writes with rules for call sheets: start a draft, edit it, publish a revision, send it to each
person once, resend to the unconfirmed, and confirm from the e-mailed link.

Sending is split in three steps because an e-mail cannot be part of a transaction: claim the
recipient row (status "sending", an attempt id, a fresh token), send, then mark it sent only if
the claim is still ours. A re-run skips rows already sent; a claim left behind by a worker that
died is taken over by the redelivered task (same attempt id) or, after LEASE, by any task.
"""

from __future__ import annotations

import secrets
from datetime import time, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.callsheets import queries
from apps.callsheets.models import (
    CallSheet,
    CastCall,
    CrewCallTime,
    Recipient,
    RecipientStatus,
    Revision,
)
from apps.callsheets.sheet import SCHEMA_VERSION
from apps.core.dispatch import dispatch_named_after_commit
from apps.core.errors import DomainError
from apps.core.locking import save_if_unchanged
from apps.productions.services import hash_token
from apps.schedules.models import ShootDay

NOT_A_SHOOT_DAY = "Only a shoot day has a call sheet."
NOTHING_TO_RESEND = "Everyone has confirmed or is being sent the call sheet already."
LINK_INVALID = "This confirmation link is not valid."
LINK_EXPIRED = "This call sheet's day is over: the link no longer works."
LINK_SUPERSEDED = (
    "A newer call sheet was sent for this day: confirm from the link in the latest e-mail."
)
# How long a claim stands before another task may take the row over (a worker died mid-send).
LEASE = timedelta(minutes=10)

EDITABLE_FIELDS = [
    "general_call",
    "shooting_call",
    "breakfast",
    "lunch",
    "weather",
    "background",
    "safety_notes",
    "notes",
]


class CallSheetError(DomainError):
    """A call sheet rule refused the action."""


# --- Drafts -------------------------------------------------------------------------------------


def callsheet_start(*, shoot_day: ShootDay) -> CallSheet:
    """The day's call sheet, made on first use with the general call from the schedule."""
    if not shoot_day.is_shoot:
        raise CallSheetError(NOT_A_SHOOT_DAY)
    try:
        with transaction.atomic():
            call_sheet, _ = CallSheet.objects.get_or_create(
                shoot_day=shoot_day,
                defaults={"production_id": shoot_day.production_id},
            )
    except IntegrityError:  # a second click raced this one
        call_sheet = CallSheet.objects.get(shoot_day=shoot_day)
    return call_sheet


@transaction.atomic
def callsheet_update(
    *,
    call_sheet: CallSheet,
    expected_version: int,
    fields: dict,
    cast_times: dict[int, dict[str, time | None]] | None = None,
    crew_calls: dict[int, time | None] | None = None,
) -> CallSheet:
    """Save the draft's own fields (refused if someone saved since `expected_version`), the cast's
    times (cast member pk -> pickup/hair_makeup/on_set) and per-person calls (person pk -> time,
    None to go back to the general call)."""
    for name in EDITABLE_FIELDS:
        if name in fields:
            setattr(call_sheet, name, fields[name])
    call_sheet.full_clean(exclude=["production", "shoot_day"])
    save_if_unchanged(call_sheet, expected_version=expected_version, what="call sheet")
    for cast_member_id, times in (cast_times or {}).items():
        if any(times.values()):
            CastCall.objects.update_or_create(
                call_sheet=call_sheet, cast_member_id=cast_member_id, defaults=times
            )
        else:
            CastCall.objects.filter(call_sheet=call_sheet, cast_member_id=cast_member_id).delete()
    for person_id, value in (crew_calls or {}).items():
        if value is None:
            CrewCallTime.objects.filter(call_sheet=call_sheet, person_id=person_id).delete()
        else:
            CrewCallTime.objects.update_or_create(
                call_sheet=call_sheet, person_id=person_id, defaults={"call_time": value}
            )
    return call_sheet


# --- Publishing and distribution ----------------------------------------------------------------


@transaction.atomic
def callsheet_publish(*, call_sheet: CallSheet, user=None) -> Revision:
    """Freeze the sheet as the next numbered revision, address it to everyone working the day
    (crew, and the cast in its scenes who have an e-mail; one row each, unique) and queue the
    e-mails once the transaction commits."""
    # The lock makes two publishes in a race number their revisions one after the other.
    call_sheet = (
        CallSheet.objects.select_for_update(of=("self",))
        .select_related("production", "shoot_day")
        .get(pk=call_sheet.pk)
    )
    last = call_sheet.revisions.order_by("-number").values_list("number", flat=True).first()
    revision = Revision.objects.create(
        production_id=call_sheet.production_id,
        call_sheet=call_sheet,
        number=(last or 0) + 1,
        data=queries.sheet_data(call_sheet).to_json(),
        schema_version=SCHEMA_VERSION,
        published_at=timezone.now(),
        published_by=user,
    )
    crew = [
        Recipient(
            production_id=call_sheet.production_id,
            revision=revision,
            person=row["person"],
            name=row["person"].name,
            email=row["person"].email,
            role=row["role"],
            department=row["department"],
            call_time=row["call_time"],
        )
        for row in queries.recipients_for_day(call_sheet)
        if row["person"].email
    ]
    cast = [
        Recipient(production_id=call_sheet.production_id, revision=revision, **row)
        for row in queries.cast_recipients(revision.sheet)
    ]
    Recipient.objects.bulk_create(crew + cast)
    _queue_distribution(revision)
    return revision


@transaction.atomic
def recipients_resend(*, revision: Revision) -> int:
    """A new e-mail (and a new link) to everyone who has not confirmed and is not being sent one
    right now. Returns how many. Rows still queued are included (their task may be lost, or
    waiting out a retry's backoff): the new round makes any older task for them a no-op."""
    rows = list(
        Recipient.objects.select_for_update()
        .filter(revision=revision, confirmed_at__isnull=True)
        .exclude(status=RecipientStatus.SENDING)
    )
    if not rows:
        raise CallSheetError(NOTHING_TO_RESEND)
    for row in rows:
        row.send_round += 1
        row.status = RecipientStatus.QUEUED
        row.error = ""
        row.attempts = 0
        row.attempt_id = ""
    Recipient.objects.bulk_update(rows, ["send_round", "status", "error", "attempts", "attempt_id"])
    _queue_distribution(revision)
    return len(rows)


def _queue_distribution(revision: Revision) -> None:
    dispatch_named_after_commit("apps.callsheets.tasks.distribute_revision", revision.pk)


def recipient_claim(*, recipient_id: int, send_round: int, attempt_id: str) -> str | None:
    """Claim the row for this attempt and issue its link's token; None when there is nothing to
    send (gone, superseded by a resend, already sent, failed for good, or another live claim)."""
    with transaction.atomic():
        recipient = Recipient.objects.select_for_update().filter(pk=recipient_id).first()
        if recipient is None or recipient.send_round != send_round:
            return None
        if recipient.status in (RecipientStatus.SENT, RecipientStatus.FAILED):
            return None
        if (
            recipient.status == RecipientStatus.SENDING
            and recipient.attempt_id != attempt_id
            and recipient.claimed_at > timezone.now() - LEASE
        ):
            return None
        token = secrets.token_urlsafe(32)
        recipient.status = RecipientStatus.SENDING
        recipient.attempt_id = attempt_id
        recipient.claimed_at = timezone.now()
        recipient.attempts += 1
        recipient.token_hash = hash_token(token)
        recipient.save(
            update_fields=["status", "attempt_id", "claimed_at", "attempts", "token_hash"]
        )
        return token


def recipient_mark_sent(*, recipient_id: int, attempt_id: str) -> bool:
    return bool(
        Recipient.objects.filter(
            pk=recipient_id, attempt_id=attempt_id, status=RecipientStatus.SENDING
        ).update(status=RecipientStatus.SENT, sent_at=timezone.now(), error="")
    )


def recipient_mark_failed(*, recipient_id: int, attempt_id: str, reason: str, final: bool) -> None:
    """A failed delivery: queued again for the retry, or failed for good with the reason. The
    token is dropped: the link it made was never delivered."""
    Recipient.objects.filter(
        pk=recipient_id, attempt_id=attempt_id, status=RecipientStatus.SENDING
    ).update(
        status=RecipientStatus.FAILED if final else RecipientStatus.QUEUED,
        error=reason[:500],
        token_hash="",
    )


# --- Confirmation -------------------------------------------------------------------------------


def recipient_for_token(token: str) -> Recipient:
    """The recipient behind a link, or CallSheetError saying why it cannot be used."""
    recipient = (
        Recipient.objects.select_related(
            "revision__call_sheet__shoot_day", "revision__call_sheet__production"
        )
        .filter(token_hash=hash_token(token))
        .exclude(token_hash="")
        .first()
    )
    if recipient is None:
        raise CallSheetError(LINK_INVALID)
    call_sheet = recipient.revision.call_sheet
    if call_sheet.production.today() > call_sheet.shoot_day.date:
        raise CallSheetError(LINK_EXPIRED)
    latest = call_sheet.revisions.order_by("-number").values_list("pk", flat=True).first()
    if latest != recipient.revision_id:
        raise CallSheetError(LINK_SUPERSEDED)
    return recipient


@transaction.atomic
def recipient_confirm(*, token: str) -> Recipient:
    recipient = recipient_for_token(token)
    # Lock: two clicks record the first time only.
    recipient = Recipient.objects.select_for_update().get(pk=recipient.pk)
    if recipient.confirmed_at is None:
        recipient.confirmed_at = timezone.now()
        recipient.save(update_fields=["confirmed_at"])
    return recipient
