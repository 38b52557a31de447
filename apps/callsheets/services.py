"""Writes with rules for call sheets: start a draft, edit it, publish a revision, send it to each
person once, resend to the unconfirmed, and confirm from the e-mailed link.

Each recipient row is sent by the outbox (apps/core/outbox.py): claimed, sent, marked sent only
if the claim is still ours. A re-run skips rows already sent; a claim left behind by a worker that
died is taken over by the redelivered task (same claim id) or, after the lease, by any task.
"""

from __future__ import annotations

import secrets
from datetime import time

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
from apps.core import outbox
from apps.core.errors import DomainError
from apps.core.locking import save_if_unchanged
from apps.productions.services import hash_token
from apps.schedules.models import ShootDay

NOT_A_SHOOT_DAY = "Only a shoot day has a call sheet."
NOTHING_CHANGED = (
    "Nothing has changed since revision {number}: publishing it again would send everyone the same "
    "sheet and ask them to confirm again. To remind the people who have not confirmed, use "
    '"Re-send to the unconfirmed" on revision {number}.'
)
NOTHING_TO_RESEND = "Everyone has confirmed or is being sent the call sheet already."
LINK_INVALID = "This confirmation link is not valid."
LINK_EXPIRED = "This call sheet's day is over: the link no longer works."
LINK_SUPERSEDED = (
    "A newer call sheet was sent for this day: confirm from the link in the latest e-mail."
)

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
    last = call_sheet.revisions.order_by("-number").first()
    sheet = queries.sheet_data(call_sheet)
    if last is not None and last.sheet.to_json() == sheet.to_json():
        raise CallSheetError(NOTHING_CHANGED.format(number=last.number))
    revision = Revision.objects.create(
        production_id=call_sheet.production_id,
        call_sheet=call_sheet,
        number=(last.number if last else 0) + 1,
        data=sheet.to_json(),
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
    for recipient in crew + cast:
        recipient.send_requested_at = revision.published_at
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
        .exclude(send_status=RecipientStatus.SENDING)
    )
    if not rows:
        raise CallSheetError(NOTHING_TO_RESEND)
    for row in rows:
        row.send_round += 1
        row.request_send()
    Recipient.objects.bulk_update(rows, ["send_round", *outbox.OUTBOX_FIELDS])
    _queue_distribution(revision)
    return len(rows)


def _queue_distribution(revision: Revision) -> None:
    outbox.dispatch_named_after_commit("apps.callsheets.tasks.distribute_revision", revision.pk)


def recipient_issue_token(recipient: Recipient) -> str:
    """A new random token for the confirmation link; only its hash is kept. Called when the
    outbox claims the row, so each e-mail carries its own link."""
    token = secrets.token_urlsafe(32)
    recipient.token_hash = hash_token(token)
    return token


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
