"""Handing outbound work to the worker without ever failing the request that asked for it.

Every send request (invitation, deal memo, purchase order, call sheet) is first written to its
row as "queued"; the task is only the messenger. So a broker that is down must not turn a saved
request into an error page or a long hang: `dispatch_after_commit` tries once, quickly, and on
failure leaves the row queued. The page shows it as waiting for the mail worker, and
`redispatch_waiting` (run by beat every minute through tasks.py) queues the task again once the
broker is back.
A second task for the same row is harmless: each send task locks or claims its row and skips
what was already sent.

Apps tell this module how to find their waiting rows with `@waiting_work`, from their tasks.py
(which the worker and beat import), so `productions` still imports no domain app.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules, import_string
from kombu.exceptions import ChannelError

log = logging.getLogger(__name__)

# One quick reconnect (a pooled connection may predate a Redis restart), then give up: the row is
# queued already and the sweeper will send it.
PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}

Finder = Callable[[datetime], Iterable[tuple]]
_finders: dict[str, Finder] = {}


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


def waiting_work(name: str) -> Callable[[Finder], Finder]:
    """Register `finder(cutoff)`: yields (task, *args) for rows queued before `cutoff` that no
    task has picked up yet."""

    def register(finder: Finder) -> Finder:
        _finders[name] = finder
        return finder

    return register


def waiting_requests(task, queryset, cutoff: datetime) -> Iterable[tuple]:
    """The finder for rows with the usual send-request fields (send_status, send_attempts,
    send_requested_at), whose task takes (pk, requested_at)."""
    from apps.core.models import SendStatus

    rows = queryset.filter(
        send_status=SendStatus.QUEUED, send_attempts=0, send_requested_at__lt=cutoff
    ).values_list("pk", "send_requested_at")
    for pk, requested in rows:
        yield task, pk, requested.isoformat()


def waiting_cutoff() -> datetime:
    return timezone.now() - timedelta(seconds=settings.OUTBOX_REDISPATCH_AFTER_SECONDS)


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


def redispatch_waiting() -> int:
    """Queue again the sends whose task never reached a worker (the broker was down when they
    were asked for, or lost its queue in a restart). Returns how many were queued."""
    from producer_desk.celery import app

    autodiscover_modules("tasks")  # every app's finders, in whichever process runs this
    if not app.conf.task_always_eager and not _queue_is_empty():
        return 0
    cutoff = waiting_cutoff()
    count = 0
    for name, finder in sorted(_finders.items()):
        for task, *args in finder(cutoff):
            if dispatch(task, *args):
                count += 1
                log.info("%s: queued again %s%s", name, task.name, tuple(args))
    return count
