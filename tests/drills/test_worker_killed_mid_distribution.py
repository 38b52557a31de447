"""Drill: the worker is SIGKILLed in the middle of a call sheet's distribution. After a new worker
starts, everybody has exactly one e-mail and nobody a second: the task that died mid-send comes
back from Redis (acks_late, visibility timeout) under its own id and takes its own claim back.

A real worker process, a real Redis of the test's own, a real SMTP server on loopback that holds
one conversation open at RCPT, so the kill lands while a message is in flight but not delivered.
"""

from __future__ import annotations

import time

import pytest

from apps.callsheets import services
from apps.callsheets.models import Recipient, RecipientStatus
from tests.callsheets.factories import shoot_day_with_crew
from tests.processes import start_worker, wait_for

pytestmark = [pytest.mark.drill, pytest.mark.django_db(transaction=True)]

# The second worker gives a task whose worker vanished back to the queue after this long.
VISIBILITY_TIMEOUT = "2"


def statuses(revision) -> dict[str, str]:
    return dict(Recipient.objects.filter(revision=revision).values_list("email", "send_status"))


def test_a_worker_killed_mid_batch_leaves_everyone_with_exactly_one_call_sheet(
    production, celery_on_redis, queue, smtp, tmp_path
):
    day = shoot_day_with_crew(production, crew=4)
    smtp.stall_after = 1  # the first e-mail goes out, the second hangs mid-conversation
    first = start_worker(tmp_path, queue=queue, env=smtp.worker_env(), concurrency=1, label="a")
    try:
        revision = services.callsheet_publish(call_sheet=services.callsheet_start(shoot_day=day))
        everyone = sorted(statuses(revision))
        assert len(everyone) >= 5
        assert smtp.stalled.wait(60), "the batch never reached its second e-mail"
        first.kill()
    finally:
        first.stop()

    in_flight = Recipient.objects.get(revision=revision, send_status=RecipientStatus.SENDING)
    assert len(smtp.messages) == 1
    assert list(statuses(revision).values()).count(RecipientStatus.SENT) == 1
    assert smtp.recipients() != [in_flight.email]

    smtp.stall_after = None
    second = start_worker(
        tmp_path,
        queue=queue,
        env={
            **smtp.worker_env(),
            "CELERY_VISIBILITY_TIMEOUT": VISIBILITY_TIMEOUT,
            "CELERY_UNACKED_RESTORE_SECONDS": "1",
        },  # fmt: skip
        concurrency=1,
        label="b",
    )
    try:
        wait_for(
            lambda: set(statuses(revision).values()) == {RecipientStatus.SENT},
            60,
            f"everyone was sent the call sheet (now {statuses(revision)})",
        )
        time.sleep(3)  # long enough for another redelivery, had one been left behind
    finally:
        second.stop()

    assert sorted(smtp.recipients()) == everyone  # one message each, nobody twice
    redelivered = Recipient.objects.get(pk=in_flight.pk)
    # The same task (same claim id) finished the row it had claimed: a redelivery, not a
    # second task from a sweep or a resend. Two attempts, one message.
    assert redelivered.send_claim_id == in_flight.send_claim_id
    assert redelivered.send_attempts == 2
    assert redelivered.sent_at is not None
