"""No token or password reaches a log: Django's handler, gunicorn's access log, the worker's."""

from __future__ import annotations

import inspect
import io
import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse

from producer_desk.redaction import REDACTED, RedactingGunicornLogger, RedactTokens

pytestmark = pytest.mark.django_db

TOKEN = "Sekr3t-T0ken_abcdefghijklmnopqrstuvwxyz0123"
PASSWORD = "Hunter2-never-in-a-log"
TOKEN_PATHS = [
    reverse("invitation_accept", kwargs={"token": TOKEN}),
    reverse("deal_memo_accept", kwargs={"token": TOKEN}),
    reverse("callsheet_confirm", kwargs={"token": TOKEN}),
    reverse("start_pack", kwargs={"token": TOKEN}),
    reverse("timecard_link", kwargs={"token": TOKEN}),
    reverse("memo_amendment_accept", kwargs={"token": TOKEN}),
    reverse("audition_answer", kwargs={"token": TOKEN}),
    reverse("casting_submit", kwargs={"token": TOKEN}),
    reverse("screening_rsvp", kwargs={"token": TOKEN}),
    reverse("casting_offer_accept", kwargs={"token": TOKEN}),
    reverse("casting_offer_amendment_accept", kwargs={"token": TOKEN}),
    reverse("schedule_ical", kwargs={"token": TOKEN}),
    reverse("accounts:password_reset_confirm", kwargs={"uidb64": "MQ", "token": TOKEN}),
]


@pytest.fixture
def console():
    """What Django's configured console handler (settings.LOGGING) writes, in a buffer."""
    handlers = [
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, RedactTokens) for f in h.filters)
    ]
    assert handlers, "settings.LOGGING's console handler has no RedactTokens filter"
    buffer = io.StringIO()
    previous = [h.setStream(buffer) for h in handlers]
    yield buffer
    for handler, stream in zip(handlers, previous, strict=True):
        handler.setStream(stream)


def test_every_tokened_link_of_the_site_is_in_the_list_above():
    """A new public link with a token in its path is redacted too: the list is checked against
    every URL pattern that takes a token (an amendment's link was missing from the pattern)."""
    from django.urls import get_resolver

    from producer_desk.redaction import redact

    def walk(patterns, prefix=""):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if hasattr(entry, "url_patterns"):
                yield from walk(entry.url_patterns, route)
            elif "<str:token>" in route:
                yield entry.name

    names = sorted(set(walk(get_resolver().url_patterns)))
    assert names
    for name in names:
        kwargs = {"token": TOKEN, **({"uidb64": "MQ"} if "reset" in name else {})}
        path = reverse(name, kwargs=kwargs)
        assert path in TOKEN_PATHS, name
        assert TOKEN not in redact(f"GET {path} 404"), name


@pytest.mark.parametrize("path", TOKEN_PATHS)
def test_django_logs_a_tokened_link_without_its_token(client, console, path):
    client.get(path)
    client.post(path, {"action": "accept"})
    client.get(f"{path}?token={TOKEN}")
    output = console.getvalue()
    assert TOKEN not in output
    if "reset" not in path:  # the reset view answers 200; the others 404 and log "Not Found"
        assert f"Not Found: {path.replace(TOKEN, REDACTED)}" in output


def test_a_failed_sign_in_logs_neither_password_nor_more(client, console, caplog, settings):
    settings.AXES_FAILURE_LIMIT = 2
    caplog.set_level(logging.DEBUG)
    for _ in range(3):  # the last one is locked out by axes, which logs a warning
        client.post(
            reverse("accounts:login"), {"username": "ap@example.test", "password": PASSWORD}
        )
    logged = console.getvalue() + "\n".join(r.getMessage() for r in caplog.records)
    assert "AXES: Locking out" in logged  # the failures were logged: the check saw real output
    assert PASSWORD not in logged


def gunicorn_access_line(tmp_path, path: str, query: str = "", referer: str = "-") -> str:
    from gunicorn.config import Config

    cfg = Config()
    cfg.set("accesslog", str(tmp_path / "access.log"))
    logger = RedactingGunicornLogger(cfg)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path + (f"?{query}" if query else ""),
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.7",
        "HTTP_REFERER": referer,
    }
    response = SimpleNamespace(status="404 Not Found", sent=10, headers=[])
    request = SimpleNamespace(headers=[("REFERER", referer)])
    logger.access(response, request, environ, timedelta(milliseconds=5))
    for handler in logger.access_log.handlers:
        handler.flush()
    return (tmp_path / "access.log").read_text()


@pytest.mark.parametrize("path", TOKEN_PATHS)
def test_gunicorns_access_log_redacts_the_token(tmp_path, path):
    line = gunicorn_access_line(
        tmp_path, path, query=f"a=1&token={TOKEN}", referer=f"https://desk.example.org{path}"
    )
    redacted_path = path.replace(TOKEN, REDACTED).replace("/MQ/", f"/{REDACTED}/")
    assert f'"GET {redacted_path}?a=1&token={REDACTED} HTTP/1.1" 404 10' in line
    assert f'"https://desk.example.org{redacted_path}"' in line  # the referer
    assert TOKEN not in line


def test_gunicorn_conf_names_the_redacting_logger():
    from producer_desk import gunicorn_conf

    assert gunicorn_conf.logger_class == "producer_desk.redaction.RedactingGunicornLogger"


def test_the_worker_logs_are_redacted_too():
    from producer_desk.celery import _redact_worker_logs

    logger = logging.getLogger("test.worker.redaction")
    buffer = io.StringIO()
    logger.addHandler(logging.StreamHandler(buffer))
    _redact_worker_logs(logger)
    logger.warning("link %s failed", f"https://desk.example.org{TOKEN_PATHS[0]}")
    assert TOKEN not in buffer.getvalue() and REDACTED in buffer.getvalue()


def test_tasks_take_ids_not_tokens_links_or_bodies():
    """The worker logs each task it receives, and the broker stores its arguments."""
    from producer_desk.celery import app

    app.loader.import_default_modules()
    forbidden = ("token", "link", "url", "body", "html", "password", "secret", "message")
    ours = {name: task for name, task in app.tasks.items() if name.startswith("apps.")}
    assert ours, "no tasks found"
    for name, task in ours.items():
        parameters = inspect.signature(task.run).parameters
        bad = [p for p in parameters if any(word in p for word in forbidden)]
        assert bad == [], f"{name} takes {bad}"
