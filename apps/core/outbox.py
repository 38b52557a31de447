"""The outbox: every outbound message is a row, sent by one task, exactly once per send request.

A row of a model built on `OutboundMessage` is "a message to one recipient" (an invitation, a deal
memo, a purchase order, a reminder, a call sheet to one person). Asking to send writes the request
on the row first (`request_send`: queued, with the time it was asked for); the task is only the
messenger, so a broker that is down never turns a saved request into an error page.

`send_message(label, pk, requested_at)` sends one row in three steps, because an e-mail cannot be
part of a transaction:
1. claim: lock the row; skip it when it is gone, no longer wanted, superseded by a later request,
   sent, or claimed by another task whose lease is live. Otherwise mark it
   "sending" under this task's id (the claim id) with a lease, count the attempt, and let the
   model's hook build the message (it may issue a link's token, saved with the claim).
2. send, outside any transaction.
3. mark it sent, only if the claim is still ours. A failed delivery puts the row back to queued
   with a lease that covers the retry's countdown (or failed for good, with the reason, after the
   last attempt).
The task id is the claim id: a task redelivered after its worker died (acks_late) has the same id
and takes its own claim back; a duplicate task leaves a live claim alone.

`sweep()` (beat, every minute) queues the task again for rows whose task is lost: never picked up
(queued, no attempt, asked for before the threshold: the broker was down or lost its queue), or
abandoned (an attempt was made, but no live lease covers the row any more: the worker died and
its redelivery or its retry is gone with the broker's queue). A row failed for good is left to a
person (resend); a task run for it by hand may still send it. A second task for the same row is
harmless: the claim lets only one of them send.

The kernel imports no app: models are found through Django's app registry, and each model names
the function that builds its message (`outbox_builder`, a dotted path in its own app).
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import ClassVar

from celery import shared_task
from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.module_loading import import_string
from kombu.exceptions import ChannelError

from apps.core.models import SendStatus

log = logging.getLogger(__name__)

RETRYABLE = (smtplib.SMTPException, OSError)
MAX_ATTEMPTS = 5
# One quick reconnect (a pooled connection may predate a Redis restart), then give up: the row is
# queued already and the sweeper will send it.
PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}


def backoff(retries: int) -> int:
    """Seconds before the next attempt: 30 s (OUTBOX_RETRY_SECONDS), doubling, at most 30
    minutes (below the broker's visibility timeout, or a waiting retry is delivered twice)."""
    return min(2**retries * settings.OUTBOX_RETRY_SECONDS, 1800)


def lease() -> timedelta:
    """How long a claim stands before another task may take the row over (a worker died)."""
    return timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)


class OutboundMessage(models.Model):
    """A message to one recipient and how its sending went. Concrete models add who it is to and
    what it belongs to (their production, and the invitation, memo, order or revision itself),
    and set `outbox_builder`.

    A model whose rows are not sent when created (a PO, a deal memo) overrides `send_status` with
    a blank default and `send_requested_at` as nullable: nothing asked yet.
    """

    send_status = models.CharField(
        max_length=10, choices=SendStatus.choices, default=SendStatus.QUEUED
    )
    # Each send request (the first, a resend) stamps its time; a task carries the request it was
    # queued for and skips a row asked for again since.
    send_requested_at = models.DateTimeField(default=timezone.now)
    send_attempts = models.PositiveSmallIntegerField(default=0)
    send_error = models.CharField(max_length=500, blank=True)
    # The claim: which task is sending the row, since when, and until when no other may take it.
    send_claim_id = models.CharField(max_length=64, blank=True)
    send_claimed_at = models.DateTimeField(null=True, blank=True)
    send_lease_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    # Dotted path of `build(row) -> EmailMessage | None`, in the model's own app. Called under
    # the claim's row lock; None means the row is no longer wanted. It may set fields on the row
    # (a link's token hash), listed in `outbox_claim_fields`, which are saved with the claim.
    outbox_builder: ClassVar[str] = ""
    outbox_claim_fields: ClassVar[tuple[str, ...]] = ()
    # Values written when a delivery failed (a link in a message that did not go out opens
    # nothing), and the relations the builder reads.
    outbox_unsent: ClassVar[dict] = {}
    outbox_related: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    @classmethod
    def outbox_pending(cls) -> QuerySet:
        """Rows that may still be wanted (the sweeper looks only at these)."""
        return cls._default_manager.all()

    def outbox_sent(self) -> list[str]:
        """Called under the row lock once the message went out; returns the fields it changed."""
        return []

    def request_send(self) -> None:
        """A new send request (the first or a resend): the caller saves the row, then
        `queue_after_commit(row)`. A task queued for an earlier request becomes a no-op."""
        self.send_status = SendStatus.QUEUED
        self.send_requested_at = timezone.now()
        self.send_attempts = 0
        self.send_error = ""
        self.send_claim_id = ""
        self.send_claimed_at = None
        self.send_lease_until = None


OUTBOX_FIELDS = [
    "send_status",
    "send_requested_at",
    "send_attempts",
    "send_error",
    "send_claim_id",
    "send_claimed_at",
    "send_lease_until",
]


def outbound_models() -> list[type[OutboundMessage]]:
    return [
        model
        for model in apps.get_models()
        if issubclass(model, OutboundMessage) and not model._meta.abstract
    ]


# --- Handing work to the broker -------------------------------------------------------------------


def dispatch(task, *args) -> bool:
    """Queue `task(*args)` now; False (logged, never raised) when the broker cannot take it."""
    try:
        # ignore_result: nobody reads these results, and a result backend on the same dead Redis
        # would otherwise be retried for ~20 s before the publish is even tried.
        task.apply_async(args, ignore_result=True, retry_policy=PUBLISH_RETRY_POLICY)
    except Exception as exc:  # kombu's OperationalError, OSError, redis errors: all mean "later"
        log.warning("%s%s not queued, left waiting for the sweeper: %s", task.name, args, exc)
        return False
    return True


def dispatch_after_commit(task, *args) -> None:
    """Queue `task(*args)` once the current transaction has committed (the row it reads exists)."""
    transaction.on_commit(lambda: dispatch(task, *args))


def dispatch_named_after_commit(task_path: str, *args) -> None:
    """`dispatch_after_commit` for the task at the dotted path `task_path`, looked up at commit.
    A services module queues its app's task this way: the tasks module imports the services (a
    task is a thin wrapper around them), so the services must not import the tasks back."""
    transaction.on_commit(lambda: dispatch(import_string(task_path), *args))


def send_args(row: OutboundMessage) -> tuple[str, int, str]:
    return (row._meta.label_lower, row.pk, row.send_requested_at.isoformat())


def queue(row: OutboundMessage) -> bool:
    """Queue the send task for the row's current request now."""
    return dispatch(send_message, *send_args(row))


def queue_after_commit(row: OutboundMessage) -> None:
    """Queue the send task for the row's current request once the transaction has committed."""
    args = send_args(row)
    transaction.on_commit(lambda: dispatch(send_message, *args))


# --- Sending one row: claim, send, mark ---------------------------------------------------------


@dataclass
class Claim:
    """A row claimed by a task, and the message to send for it."""

    row: OutboundMessage
    message: EmailMessage


def claim(model: type[OutboundMessage], pk: int, requested_at: str, claim_id: str) -> Claim | str:
    """Claim the row for the task `claim_id` and build its message; a string saying why when
    there is nothing to send."""
    now = timezone.now()
    with transaction.atomic():
        row = (
            # Lock the row only: PostgreSQL cannot lock the nullable side of a join.
            model._default_manager.select_for_update(of=("self",))
            .select_related(*model.outbox_related)
            .filter(pk=pk)
            .first()
        )
        if row is None:
            return "skipped: gone"
        if row.send_requested_at is None or row.send_requested_at > datetime.fromisoformat(
            requested_at
        ):
            return "skipped: superseded"
        if row.send_status == SendStatus.SENT:
            return "skipped: already sent"
        if not row.send_status:
            return "skipped: not asked for"
        if (
            row.send_status == SendStatus.SENDING
            and row.send_claim_id != claim_id
            and row.send_lease_until is not None
            and row.send_lease_until > now
        ):
            return "skipped: claimed by another task"
        message = import_string(model.outbox_builder)(row)
        if message is None:
            return "skipped: no longer wanted"
        row.send_status = SendStatus.SENDING
        row.send_claim_id = claim_id
        row.send_claimed_at = now
        row.send_lease_until = now + lease()
        row.send_attempts += 1
        fields = ["send_status", "send_claim_id", "send_claimed_at", "send_lease_until"]
        fields += ["send_attempts", *model.outbox_claim_fields]
        # An update, not save(): no signal, no history entry for a claim.
        model._default_manager.filter(pk=pk).update(**{f: getattr(row, f) for f in fields})
    return Claim(row, message)


def _ours(model: type[OutboundMessage], pk: int, claim_id: str) -> QuerySet:
    return model._default_manager.filter(
        pk=pk, send_claim_id=claim_id, send_status=SendStatus.SENDING
    )


def mark_sent(model: type[OutboundMessage], pk: int, claim_id: str) -> bool:
    """Record the delivery, if the claim is still ours (a resend or a takeover makes it not)."""
    with transaction.atomic():
        row = _ours(model, pk, claim_id).select_for_update(of=("self",)).first()
        if row is None:
            return False
        row.send_status = SendStatus.SENT
        row.sent_at = timezone.now()
        row.send_error = ""
        row.send_lease_until = None
        changed = row.outbox_sent()
        row.save(
            update_fields=["send_status", "sent_at", "send_error", "send_lease_until", *changed]
        )
    return True


def mark_failed(
    model: type[OutboundMessage], pk: int, claim_id: str, *, reason: str, retry_in: int | None
) -> None:
    """A failed delivery: queued again, its lease covering the retry's countdown (`retry_in`
    seconds), or failed for good (`retry_in` None) with the reason."""
    values = {"send_error": reason[:500], **model.outbox_unsent}
    if retry_in is None:
        values.update(send_status=SendStatus.FAILED, send_lease_until=None)
    else:
        until = timezone.now() + timedelta(seconds=retry_in) + lease()
        values.update(send_status=SendStatus.QUEUED, send_lease_until=until)
    _ours(model, pk, claim_id).update(**values)


@shared_task(
    name="apps.core.outbox.send_message", bind=True, max_retries=MAX_ATTEMPTS - 1, acks_late=True
)
def send_message(self, label: str, pk: int, requested_at: str) -> str:
    """Send row `pk` of model `label` once for the request made at `requested_at`. Safe to run
    twice; a failed delivery is retried with backoff, and shown as failed after the last one."""
    model = apps.get_model(label)
    claim_id = self.request.id or "eager"
    claimed = claim(model, pk, requested_at, claim_id)
    if isinstance(claimed, str):
        return claimed
    try:
        claimed.message.send()
    except RETRYABLE as exc:
        reason = f"{type(exc).__name__}: {exc}"
        final = self.request.retries >= self.max_retries
        countdown = None if final else backoff(self.request.retries)
        mark_failed(model, pk, claim_id, reason=reason, retry_in=countdown)
        log.warning("%s %s: delivery failed (%s)", label, pk, reason)
        if final:
            return "failed"
        raise self.retry(countdown=countdown) from exc
    mark_sent(model, pk, claim_id)
    return "sent"


# --- The sweeper ----------------------------------------------------------------------------------


def waiting_cutoff() -> datetime:
    return timezone.now() - timedelta(seconds=settings.OUTBOX_REDISPATCH_AFTER_SECONDS)


def lost(model: type[OutboundMessage], *, cutoff: datetime, now: datetime) -> QuerySet:
    """Rows whose task is lost: never picked up (asked for before `cutoff`), or attempted and no
    longer covered by a live lease (a claim abandoned mid-send, a retry gone with the queue)."""
    never_picked_up = Q(
        send_status=SendStatus.QUEUED, send_attempts=0, send_requested_at__lt=cutoff
    )
    unfinished = Q(send_status__in=[SendStatus.QUEUED, SendStatus.SENDING], send_attempts__gt=0)
    no_live_lease = Q(send_lease_until__isnull=True) | Q(send_lease_until__lte=now)
    abandoned = unfinished & no_live_lease
    return model.outbox_pending().filter(never_picked_up | abandoned)


def _queue_is_empty() -> bool:
    """Rows still waiting while messages sit in the queue are behind a busy worker, not lost."""
    from producer_desk.celery import app

    with app.connection_for_write() as connection:
        try:
            declared = connection.default_channel.queue_declare(
                queue=app.conf.task_default_queue, passive=True
            )
        except ChannelError:  # no such queue: on Redis, that is what an empty queue looks like
            return True
    return declared.message_count == 0


def sweep() -> int:
    """Queue again the sends whose task is lost (see `lost`). Returns how many were queued."""
    from producer_desk.celery import app

    if not app.conf.task_always_eager and not _queue_is_empty():
        return 0
    cutoff, now = waiting_cutoff(), timezone.now()
    count = 0
    for model in sorted(outbound_models(), key=lambda m: m._meta.label_lower):
        label = model._meta.label_lower
        rows = lost(model, cutoff=cutoff, now=now).values_list("pk", "send_requested_at")
        for pk, requested in rows:
            if dispatch(send_message, label, pk, requested.isoformat()):
                count += 1
                log.info("outbox: queued again %s %s", label, pk)
    return count
