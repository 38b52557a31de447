"""Fixtures for the failure drills: a Redis of their own, the Celery app pointed at it, and an
SMTP server on loopback that can hold a conversation open (so a batch is in flight)."""

from __future__ import annotations

import asyncio
import threading
import uuid
from contextlib import contextmanager

import pytest

from tests.callsheets.conftest import SmtpSink
from tests.processes import ThrowawayRedis, free_port, xdist_worker


@pytest.fixture
def redis(tmp_path):
    directory = tmp_path / "redis"
    directory.mkdir()
    server = ThrowawayRedis(directory)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def _app_using(broker_url: str, queue: str):
    """This process publishes to `broker_url`, queue `queue`, for real (not in-process)."""
    from producer_desk.celery import app

    keys = ("broker_url", "task_always_eager", "task_default_queue")
    saved = {key: app.conf[key] for key in keys}

    def forget_connections() -> None:
        if app._pool is not None:
            app._pool.force_close_all()
        app._pool = None
        app.amqp._producer_pool = None

    app.conf.update(broker_url=broker_url, task_always_eager=False, task_default_queue=queue)
    forget_connections()
    try:
        yield app
    finally:
        app.conf.update(saved)
        forget_connections()


@pytest.fixture
def queue():
    return f"drill-{xdist_worker()}-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def celery_on_redis(transactional_db, redis, queue, monkeypatch):
    """This process and the workers it starts (they inherit the environment) use `redis`. Celery
    reads CELERY_BROKER_URL from the environment before its configuration, so both change."""
    monkeypatch.setenv("CELERY_BROKER_URL", redis.url)
    monkeypatch.setenv("CELERY_RESULT_BACKEND", redis.url)
    with _app_using(redis.url, queue) as app:
        assert app.connection_for_write().as_uri().endswith(f":{redis.port}/0")
        yield app


class StallableSmtp(SmtpSink):
    """An SmtpSink that, once `stall_after` messages are in, holds the next conversation at RCPT
    (before any of the message is sent) until released: a send in flight, not yet delivered."""

    stall_after: int | None = None
    stalled: threading.Event

    def worker_env(self) -> dict:
        return {"EMAIL_HOST": self.host, "EMAIL_PORT": str(self.port), "EMAIL_USE_TLS": "false",
                "EMAIL_USE_SSL": "false", "EMAIL_TIMEOUT": "60"}  # fmt: skip


@pytest.fixture
def smtp():
    from aiosmtpd.controller import Controller

    sink = StallableSmtp("127.0.0.1", free_port())
    sink.stalled = threading.Event()

    class Handler:
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            if sink.stall_after is not None and len(sink.messages) >= sink.stall_after:
                sink.stalled.set()
                await asyncio.sleep(3600)  # the client is killed meanwhile; stop() cancels this
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
