"""Cached page fragments that are never stale.

A page's costly part (the dashboard's panels, the top sheet's table, the cost report's rows, a call
sheet) is rendered once and kept in this process's memory (the `fragments` cache), under a key made
of its own names (which version, which user) and the *data stamp* of the production it shows: a
random number that the tenant changes after every write to the production. A write changes the
stamp, so the next visit misses the cache and renders from the database; nothing is ever expired
by time alone, and nothing has to know which fragment a write touches.

What counts as a write is decided here, at the database connection, not by each service: an
execute wrapper (Django's `connection.execute_wrappers`) sees every statement the connection runs,
ORM or raw, `save()` or `QuerySet.update()` or `bulk_create()`, and notes when one writes (anything
but a read) to a table other than the bookkeeping ones below. When the request, task or command
that wrote ends, after its transaction has committed, the stamps move:

- a request: `WritesMiddleware` calls the registered `on_writes` hooks with the request (the tenant
  moves that production's stamp, or every production's when the request named none: a token link,
  the profile page);
- a Celery task: on `task_postrun`, with no request (every production's stamp);
- a management command or a shell: at process exit.

The order makes it safe: the stamp moves only after the data committed, so a visit that read the
old stamp may at worst store new data under it, which no later visit reads. While a connection has
written and not yet moved the stamps (the rest of the writing request), fragments are rendered
fresh and not stored. The template tag (apps/core/templatetags/fragments.py) keeps a stand-in for
the CSRF token, never a session's own. See docs/benchmarks.md, "What is cached".
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import re
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.db import connection, connections
from django.http import HttpRequest, HttpResponse

# Statements that read; anything else (INSERT, UPDATE, DELETE, DDL, TRUNCATE) writes.
_READS = ("SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT", "PRAGMA", "SET", "SHOW")
_READS += ("EXPLAIN", "WITH", "DECLARE", "FETCH", "CLOSE")
# Tables whose writes change nothing a fragment shows: sessions, sign-in throttling, the rate
# limit counters; apps add theirs with `not_data`. (The stamps' own writes are forgotten in
# `settle`.)
_bookkeeping_tables = ["django_session", r"axes_\w+", "producer_desk_ratelimit"]
_bookkeeping = re.compile("")


def not_data(*tables: str) -> None:
    """Writes to these tables (regular expressions of table names) are not writes of data: no
    page shows what they hold, and they move no stamp."""
    global _bookkeeping
    _bookkeeping_tables.extend(tables)
    _bookkeeping = re.compile(
        r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?'
        rf"({'|'.join(_bookkeeping_tables)})\b",
        re.IGNORECASE,
    )


not_data()

logger = logging.getLogger(__name__)
WriteHook = Callable[[HttpRequest | None], None]
_hooks: list[WriteHook] = []


def on_writes(hook: WriteHook) -> WriteHook:
    """Registers what to do when a request (or, with None, a task or command) has written."""
    _hooks.append(hook)
    return hook


def _watch(execute, sql, params, many, context):
    conn = context["connection"]
    if not getattr(conn, "pd_wrote", False):
        head = sql.lstrip()[:10].upper()
        if not head.startswith(_READS) and _bookkeeping.match(sql) is None:
            conn.pd_wrote = True
    return execute(sql, params, many, context)


def watch(conn) -> None:
    """Adds the write watcher to a connection (once)."""
    if _watch not in conn.execute_wrappers:
        conn.execute_wrappers.append(_watch)


def watch_new_connection(sender, connection, **kwargs) -> None:  # connection_created receiver
    watch(connection)


def wrote(conn=None) -> bool:
    """Whether this connection has written since the stamps last moved."""
    conn = conn or connection
    watch(conn)
    return bool(getattr(conn, "pd_wrote", False))


def _in_real_transaction(conn) -> bool:
    """Inside a transaction that has not committed yet (a test case's own wrapping transaction
    does not count: it never commits, and tests must see the stamps move)."""
    return any(not getattr(block, "_from_testcase", False) for block in conn.atomic_blocks)


def settle(request: HttpRequest | None = None) -> None:
    """After a request, task or command: if any connection wrote, move the stamps, once."""
    written = [
        conn
        for conn in connections.all(initialized_only=True)
        if getattr(conn, "pd_wrote", False) and not _in_real_transaction(conn)
    ]
    if not written:
        return
    for hook in _hooks:
        hook(request)
    for conn in written:
        conn.pd_wrote = False  # and the hooks' own writes are the stamps


class WritesMiddleware:
    """Moves the stamps after a request that wrote (its transactions have committed by now)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.get_response(request)
        finally:
            settle(request)


def settle_after_task(**kwargs) -> None:  # celery task_postrun receiver
    settle(None)


def settle_at_exit() -> None:
    try:
        settle(None)
    except Exception:  # the process is ending, and its database may be gone already
        logger.warning("data stamps not moved at exit", exc_info=True)


atexit.register(settle_at_exit)


def fragment(stamp: object, parts: tuple, render: Callable[[], str]) -> str:
    """The fragment named by `parts` at this data stamp: from the cache, or rendered and kept.
    Rendered fresh, and not kept, when there is no stamp, the cache is off, or this connection
    has written and not yet moved the stamps."""
    if stamp is None or not settings.FRAGMENT_CACHE or wrote():
        return render()
    digest = hashlib.sha256(repr((stamp, *parts)).encode()).hexdigest()
    key = f"fragment:{digest}"
    cache = caches["fragments"]
    html = cache.get(key)
    if html is None:
        html = render()
        if not wrote():
            cache.set(key, html)
    return html
