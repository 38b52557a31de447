"""Drill: a send fails, its task waits out the retry's countdown, and then the worker is SIGKILLed
and Redis restarts empty: the retry is gone with the broker's queue. The row was tried once, is
not sent, and nothing will ever run its task again. Once its lease runs out, the sweeper (beat)
queues it again and a new worker sends it: exactly one e-mail, and more sweeps send nothing.

A real worker and beat, a real Redis of the test's own, a real SMTP server on loopback that
refuses every recipient (451, try again later) until the outage is over.
"""

from __future__ import annotations

import os
import signal
import time

import pytest
from django.urls import reverse

from apps.core.models import SendStatus
from apps.productions.models import Invitation
from tests.callsheets.conftest import SmtpSink
from tests.drills.test_redis_down import start_beat
from tests.processes import free_port, start_worker, wait_for

pytestmark = [pytest.mark.drill, pytest.mark.django_db(transaction=True)]

EMAIL = "new.person@example.test"
# Short enough for a drill, the same rule as in production: a retry due in RETRY seconds, and a
# lease of LEASE seconds after it before the row counts as lost.
TIMINGS = {"OUTBOX_RETRY_SECONDS": "3", "OUTBOX_LEASE_SECONDS": "2"}


class RefusingSmtp(SmtpSink):
    """Refuses every recipient with a temporary error while `refusing`; accepts afterwards."""

    refusing: bool = True
    refused: int = 0

    def worker_env(self) -> dict:
        return {"EMAIL_HOST": self.host, "EMAIL_PORT": str(self.port), "EMAIL_USE_TLS": "false",
                "EMAIL_USE_SSL": "false", "EMAIL_TIMEOUT": "20"}  # fmt: skip


@pytest.fixture
def refusing_smtp():
    from aiosmtpd.controller import Controller

    sink = RefusingSmtp("127.0.0.1", free_port())

    class Handler:
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            if sink.refusing:
                sink.refused += 1
                return "451 4.3.0 Try again later"
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):
            sink.messages.append(envelope)
            return "250 OK"

    controller = Controller(Handler(), hostname=sink.host, port=sink.port)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()


def reconnect(app) -> None:
    """This process's pooled broker connections died with the Redis restart: new ones."""
    from kombu import pools

    pools.reset()  # closes and forgets the pools, kept by kombu per broker URL
    app._pool = None
    app.amqp._producer_pool = None
    app.control.mailbox.__dict__.pop("producer_pool", None)  # a cached_property over the pool


def row() -> Invitation:
    return Invitation.objects.get(email=EMAIL)


def test_a_send_whose_retry_was_lost_with_the_queue_is_sent_again_by_the_sweeper_once(
    production, ap_client, celery_on_redis, redis, queue, refusing_smtp, tmp_path
):
    smtp = refusing_smtp
    first = start_worker(tmp_path, queue=queue, env={**smtp.worker_env(), **TIMINGS}, label="a")
    try:
        url = reverse("productions:members", kwargs={"production_slug": production.slug})
        data = {"email": EMAIL, "role": "coordinator", "department": ""}
        assert ap_client.post(url, data).status_code == 302
        # The first attempt is refused; the task now waits for its retry.
        wait_for(
            lambda: smtp.refused and row().send_attempts == 1
            and row().send_status == SendStatus.QUEUED,
            60,
            "the first attempt failed and its retry was scheduled",
        )  # fmt: skip
        first.kill()
    finally:
        first.stop()
    redis.stop()
    redis.start()  # back, and empty: the retry is gone with the queue
    reconnect(celery_on_redis)

    lost = row()
    assert lost.send_status == SendStatus.QUEUED and lost.send_attempts >= 1
    assert "451" in lost.send_error
    assert smtp.messages == []

    smtp.refusing = False
    env = {**smtp.worker_env(), **TIMINGS, "OUTBOX_REDISPATCH_AFTER_SECONDS": "1"}
    second = start_worker(tmp_path, queue=queue, env=env, label="b")
    beat = start_beat(tmp_path, queue)
    try:
        wait_for(lambda: row().send_status == SendStatus.SENT, 60, "the sweeper sent it again")
        time.sleep(4)  # four more sweeps: nothing goes out twice
    finally:
        os.killpg(beat.pid, signal.SIGTERM)
        beat.wait(timeout=20)
        second.stop()

    assert smtp.recipients() == [EMAIL]  # one e-mail
    sent = row()
    # A new task (the sweeper's), not the lost retry: another claim id, one attempt more.
    assert sent.send_claim_id != lost.send_claim_id
    assert sent.send_attempts == lost.send_attempts + 1
    assert sent.sent_at is not None and sent.send_error == ""
