"""A shoot day with scenes, cast, a location, crew and a day player; and a real SMTP server on
loopback that the app's SMTP backend delivers to."""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from datetime import date, timedelta
from email import message_from_bytes, policy

import pytest

from tests.callsheets.factories import shoot_day_with_crew


@pytest.fixture
def production(production):
    """The shared production with a first shoot day well in the future (links still valid)."""
    production.first_shoot_day = date.today() + timedelta(days=40)
    production.company_name = "Harbour Light Pictures"
    production.save()
    return production


@pytest.fixture
def day(production):
    return shoot_day_with_crew(production, crew=3)


@dataclass
class SmtpSink:
    host: str
    port: int
    messages: list = field(default_factory=list)

    def bodies(self) -> list[str]:
        return [m.content.decode("utf-8", "replace") for m in self.messages]

    def parsed(self) -> list:
        return [message_from_bytes(m.content, policy=policy.default) for m in self.messages]

    def recipients(self) -> list[str]:
        return [to for m in self.messages for to in m.rcpt_tos]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """aiosmtpd on a free loopback port; EMAIL_BACKEND points the app's SMTP backend at it."""
    from aiosmtpd.controller import Controller

    sink = SmtpSink("127.0.0.1", _free_port())

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            sink.messages.append(envelope)
            return "250 OK"

    controller = Controller(Handler(), hostname=sink.host, port=sink.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = sink.host
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    try:
        yield sink
    finally:
        controller.stop()
