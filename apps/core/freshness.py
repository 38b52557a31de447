"""Cached page fragments that are never stale.

A page's costly part (a dashboard panel, the top sheet's table, the cost report's rows, a call
sheet, the stripboard's strips) is rendered once and kept in the `fragments` cache (this
process's memory, or Redis shared by every worker when FRAGMENT_CACHE_URL is set), under a key
made of its own names (which version, which user). Beside it the cache holds the *tables* it
read and the production's *stamps* of those tables when it was rendered: one random number per
table, which the tenant moves after every write to that table in the production. A visit uses the
kept fragment only while the stamps of exactly its tables are unchanged; so a budget line write
moves the budget tables' stamps and leaves the stripboard and the call sheet kept. Nothing is
expired by time alone, and nothing has to know which fragment a write touches.

What counts as a write, and to which table, is decided here, at the database connection, not by
each service: an execute wrapper (Django's `connection.execute_wrappers`) sees every statement
the connection runs, ORM or raw, `save()` or `QuerySet.update()` or `bulk_create()`, and notes
the table of each one that writes (INSERT, UPDATE, DELETE; a write it cannot name, DDL or a
TRUNCATE, counts as a write to every table, `EVERY_TABLE`) other than the bookkeeping ones below.
The same wrapper notes the tables a SELECT reads (its FROM and JOINs): those read while a fragment
renders are what the fragment depends on, with those the request read before any fragment (the
session, the member, the production, what the view loaded and handed to the template). When the
request, task or command that wrote ends, after its transaction has committed, the stamps move:

- a request: `WritesMiddleware` calls the registered `on_writes` hooks with the request and the
  tables (the tenant moves those tables' stamps in that production, or in every production when
  the request named none: a token link, the profile page);
- a Celery task: on `task_postrun`, with no request (every production's stamps);
- a management command or a shell: at process exit.

The order makes it safe: the stamps move only after the data committed, and a visit compares the
stamps it read at its start, so a visit that read old stamps may at worst store new data under
them, which no later visit reads. While a connection has written and not yet moved the stamps
(the rest of the writing request), fragments are rendered fresh and not stored. The template tag
(apps/core/templatetags/fragments.py) keeps a stand-in for the CSRF token, never a session's own.
See docs/benchmarks.md, "What is kept".
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import re
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.core.cache import caches
from django.db import connection, connections
from django.http import HttpRequest, HttpResponse

# Statements that read; anything else (INSERT, UPDATE, DELETE, DDL, TRUNCATE) writes.
_READS = ("SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT", "PRAGMA", "SET", "SHOW")
_READS += ("EXPLAIN", "WITH", "DECLARE", "FETCH", "CLOSE")
# The table a write names, and the tables a read names (quoted or not, PostgreSQL or SQLite).
_WRITTEN = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?\s',
    re.IGNORECASE,
)
_READ = re.compile(r'\b(?:FROM|JOIN)\s+"?([A-Za-z_]\w*)"?', re.IGNORECASE)
# A write whose table is not known (DDL, TRUNCATE): it may have changed anything.
EVERY_TABLE = "*"
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
WriteHook = Callable[[HttpRequest | None, frozenset[str]], None]
_hooks: list[WriteHook] = []


def on_writes(hook: WriteHook) -> WriteHook:
    """Registers what to do when a request (or, with None, a task or command) has written to
    these tables."""
    _hooks.append(hook)
    return hook


def _watch(execute, sql, params, many, context):
    conn = context["connection"]
    head = sql.lstrip()[:10].upper()
    if head.startswith(_READS):
        if head.startswith(("SELECT", "WITH")):
            readers = getattr(conn, "pd_readers", None)
            if readers:  # inside a fragment's render: every enclosing fragment read them
                tables = _READ.findall(sql)
                for reader in readers:
                    reader.update(tables)
            else:
                outside = getattr(conn, "pd_outside", None)
                if outside is None:
                    outside = conn.pd_outside = set()
                outside.update(_READ.findall(sql))
    elif _bookkeeping.match(sql) is None:
        found = _WRITTEN.match(sql)
        written = getattr(conn, "pd_wrote", None) or set()
        written.add(found.group(1) if found else EVERY_TABLE)
        conn.pd_wrote = written
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
    return bool(getattr(conn, "pd_wrote", None))


def written_tables(conn=None) -> frozenset[str]:
    """The tables this connection has written since the stamps last moved."""
    return frozenset(getattr(conn or connection, "pd_wrote", None) or ())


def _in_real_transaction(conn) -> bool:
    """Inside a transaction that has not committed yet (a test case's own wrapping transaction
    does not count: it never commits, and tests must see the stamps move)."""
    return any(not getattr(block, "_from_testcase", False) for block in conn.atomic_blocks)


def settle(request: HttpRequest | None = None) -> None:
    """After a request, task or command: if any connection wrote, move the stamps of the tables
    written, once."""
    written = [
        conn
        for conn in connections.all(initialized_only=True)
        if getattr(conn, "pd_wrote", None) and not _in_real_transaction(conn)
    ]
    if not written:
        return
    tables = frozenset().union(*(conn.pd_wrote for conn in written))
    for hook in _hooks:
        hook(request, tables)
    for conn in written:
        conn.pd_wrote = None  # and the hooks' own writes are the stamps


class WritesMiddleware:
    """Starts each request's note of what it reads outside fragments, and moves the stamps after
    a request that wrote (its transactions have committed by now)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        connection.pd_outside = set()
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


@dataclass(frozen=True)
class Stamps:
    """What a production's kept fragments are checked against: `key` names whose view it is (the
    production, its date today), `member` the member who looks (None in a block kept for every
    member: `for_everyone`), `tables` the stamp of each table as the visit found it at its start
    (a table never written has none)."""

    key: tuple
    tables: Mapping[str, int] = field(default_factory=dict)
    member: object = None

    def of(self, tables: tuple[str, ...]) -> tuple[int, ...]:
        return (self.tables.get(EVERY_TABLE, 0), *(self.tables.get(t, 0) for t in tables))

    def for_everyone(self) -> Stamps:
        """The same stamps for a block that every member sees alike."""
        return replace(self, member=None)


@contextmanager
def reading():
    """The tables read on this connection inside the block (a fragment's render)."""
    watch(connection)
    readers = getattr(connection, "pd_readers", None)
    if readers is None:
        readers = connection.pd_readers = []
    tables: set[str] = set()
    readers.append(tables)
    try:
        yield tables
    finally:
        readers.pop()


def fragment(stamps: Stamps | None, parts: tuple, render: Callable[[], str]) -> str:
    """The fragment named by `parts`: from the cache while the stamps of the tables it read are
    those it was kept at, else rendered and kept with them. Rendered fresh, and not kept, when
    there are no stamps, the cache is off, or this connection has written and not yet moved the
    stamps."""
    if stamps is None or not settings.FRAGMENT_CACHE or wrote():
        return render()
    outside = getattr(connection, "pd_outside", None) or set()
    digest = hashlib.sha256(repr((stamps.key, stamps.member, *parts)).encode()).hexdigest()
    key = f"fragment:{digest}"
    cache = caches["fragments"]
    try:
        kept = cache.get(key)
    except Exception:  # a shared cache out of reach (Redis down): the page is worked out
        logger.warning("fragment cache unreadable", exc_info=True)
        return render()
    if kept is not None:
        tables, at, html = kept
        if stamps.of(tables) == at:
            for reader in getattr(connection, "pd_readers", None) or ():
                reader.update(tables)  # an enclosing fragment depends on them too
            return html
    with reading() as read:
        html = render()
    tables = tuple(sorted(read | outside))
    if not wrote():
        try:
            cache.set(key, (tables, stamps.of(tables), html))
        except Exception:
            logger.warning("fragment not kept", exc_info=True)
    return html
