"""Every GET page of the large demo production, timed against the floor.

As the demo AP (or, for the few pages the AP may not open, the demo role that may), through Django's
test client (server time: URL resolving, middleware, view, template; no network, no server), each
page of /p/night-ferry-large/ is asked `--runs` times (median), each of its runs right after a run
of the floor: the trivial signed-in profile page, /accounts/profile/. The ratio of the page's median
to that floor's median is its cost in "floors", which compares across machines and loads better
than milliseconds. A first, untimed visit counts the page's queries and its size.

The pages are the ones tests/test_query_budget.py walks (its `pages()` and `objects()`: every
production URL with real ids from the large demo, exports included). Documents (PDF, CSV, XLSX,
ICS) are timed too and marked as such; one whose first visit takes longer than `--slow` seconds
is timed by that visit alone (as is every page with `--runs 1`, a smoke run).

Run:
    python bench/page_bench.py                       # builds the large demo in a temp SQLite file
    python bench/page_bench.py --database /tmp/large.db --page dashboard --runs 15 --no-write

`--database` reuses a database (a SQLite file path or a DATABASE_URL); the large demo is seeded
into it if it is not there yet. The table goes to the "Pages" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import gc
import io
import logging
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOOR = "/accounts/profile/"
HEADING = "## Pages"
DOCUMENT_TYPES = ("application/pdf", "text/csv", "application/vnd", "text/calendar")


@dataclass
class Row:
    name: str
    url: str
    document: bool
    status: int
    queries: int
    size: int
    runs: int
    median_ms: float
    floor_ms: float

    @property
    def ratio(self) -> float:
        return self.median_ms / self.floor_ms


def _timed(client, url: str) -> tuple[float, object]:
    start = time.perf_counter()
    response = client.get(url)
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)
    return (time.perf_counter() - start) * 1000, response


def measure(production, runs: int, page_filter: str = "", slow: float = 3.0, out=sys.stdout):
    """One Row per GET page of `production` whose URL name or URL contains `page_filter`."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from apps.productions.capabilities import Role
    from apps.productions.models import Membership
    from tests.test_query_budget import objects, pages

    users = {m.role: m.user for m in Membership.objects.filter(production=production)}
    clients: dict[str, Client] = {}

    def client_for(role: str) -> Client:
        if role not in clients:
            clients[role] = Client()
            clients[role].force_login(users[role])
        return clients[role]

    floor = client_for(Role.ASSOCIATE_PRODUCER)
    assert floor.get(FLOOR).status_code == 200
    rows = []
    for name, url, expected, role in pages(objects(production)):
        if expected == {405} or (page_filter and page_filter not in f"{name} {url}"):
            continue  # a POST-only action answers GET with 405: no page to time
        client = client_for(role)
        with CaptureQueriesContext(connection) as queries:
            first_ms, response = _timed(client, url)
        if response.status_code not in expected:
            raise SystemExit(f"{url} ({name}): status {response.status_code}, not {expected}")
        count = len(queries)  # now: the next request empties the log
        kind = response.get("Content-Type", "")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        times, floors = [first_ms], [_timed(floor, FLOOR)[0]]
        if runs > 1 and first_ms <= slow * 1000:
            times, floors = [], []
            gc.collect()
            for _ in range(runs):
                floors.append(_timed(floor, FLOOR)[0])
                times.append(_timed(client, url)[0])
        row = Row(
            name=name,
            url=url,
            document=kind.startswith(DOCUMENT_TYPES),
            status=response.status_code,
            queries=count,
            size=len(body),
            runs=len(times),
            median_ms=statistics.median(times),
            floor_ms=statistics.median(floors),
        )
        rows.append(row)
        print(
            f"{row.ratio:7.1f}x {row.median_ms:9.1f} ms (floor {row.floor_ms:4.1f}) "
            f"{row.queries:3d} q  {url}",
            file=out,
        )
    return rows


def measure_panels(production, runs: int, out=sys.stdout) -> list[tuple[str, float, float, int]]:
    """(panel, median ms, floor median ms, queries) for each dashboard panel's context function
    as the AP: what each app's panel adds to the dashboard, so one app's share (the budget's
    cost report, say) can be told from the rest."""
    from django.db import connection
    from django.test import Client, RequestFactory
    from django.test.utils import CaptureQueriesContext

    from apps.core import registry
    from apps.productions.capabilities import Role
    from apps.productions.models import Membership

    membership = Membership.objects.select_related("user").get(
        production=production, role=Role.ASSOCIATE_PRODUCER
    )
    request = RequestFactory().get("/")
    request.user, request.production, request.membership = membership.user, production, membership
    floor = Client()
    floor.force_login(membership.user)
    found = []
    for key, panel in registry.panels().items():
        with CaptureQueriesContext(connection) as queries:
            panel.context(request)
        count = len(queries)
        times, floors = [], []
        for _ in range(max(runs, 1)):
            floors.append(_timed(floor, FLOOR)[0])
            start = time.perf_counter()
            panel.context(request)
            times.append((time.perf_counter() - start) * 1000)
        found.append((key, statistics.median(times), statistics.median(floors), count))
        print(f"panel {key}: {found[-1][1]:.1f} ms, {count} q", file=out)
    return found


def section(rows: list[Row], slug: str, runs: int, database: str, loads: tuple, panels=()) -> str:
    floor = statistics.median(row.floor_ms for row in rows) if rows else 0.0
    ordered = sorted(rows, key=lambda row: row.ratio, reverse=True)
    lines = [
        HEADING,
        "",
        f"`python bench/page_bench.py` on {date.today().isoformat()}: CPython "
        f"{platform.python_version()}, {database}, {os.cpu_count()} CPUs, load average "
        f"{loads[0][0]:.2f} before and {loads[1][0]:.2f} after. Every GET page of the large demo "
        f"(/p/{slug}/, {len(rows)} URLs, exports included; POST-only actions, which "
        "answer a GET with 405, left out) as the AP through Django's "
        f"test client (server time, no network): median of {runs} runs, each run after one of the "
        f"floor, the signed-in profile page (median {floor:.1f} ms). The ratio is the page's "
        "median over the median of its own floor runs. Documents whose first visit took longer "
        "than the `--slow` limit were timed once (runs = 1). Sorted by ratio, worst first; see "
        "bench/README.md.",
        "",
        "| page | URL | kind | median ms | × floor | queries | KB | runs |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in ordered:
        kind = "document" if row.document else "page"
        lines.append(
            f"| {row.name} | `{row.url}` | {kind} | {row.median_ms:.1f} | {row.ratio:.1f} | "
            f"{row.queries} | {row.size / 1024:.1f} | {row.runs} |"
        )
    if panels:
        lines += [
            "",
            "The dashboard's panels, each app's context function alone (no template), as the AP, "
            "same runs and floor:",
            "",
            "| panel | median ms | × floor | queries |",
            "| --- | ---: | ---: | ---: |",
            *(
                f"| {key} | {ms:.1f} | {ms / floor_ms:.1f} | {count} |"
                for key, ms, floor_ms, count in panels
            ),
        ]
    return "\n".join(lines) + "\n"


def _use_database(database: str | None) -> None:
    """Point the settings at the database: a new temp SQLite file (its files in a media folder
    beside it), or the one given, whose files are where its seed put them (MEDIA_ROOT as set)."""
    if database is None:
        folder = Path(tempfile.mkdtemp(prefix="page-bench-"))
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'large.sqlite3'}"
        os.environ["MEDIA_ROOT"] = str(folder / "media")
    elif "://" in database:
        os.environ["DATABASE_URL"] = database
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(database).resolve()}"


def _prepare():
    """The large demo, seeded and completed if this database does not hold it yet."""
    from django.core.management import call_command

    from apps.productions.management.commands.seed_demo import LARGE_SLUG
    from apps.productions.models import Production
    from apps.schedules.services import settings_for
    from tests.test_query_budget import FEED_TOKEN, complete_demo

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    production = Production.objects.filter(slug=LARGE_SLUG).first()
    if production is None:
        print("Seeding the large demo (a minute or two)...", flush=True)
        call_command("seed_demo", size="large", stdout=io.StringIO())
        production = Production.objects.get(slug=LARGE_SLUG)
    if settings_for(production).ical_token != FEED_TOKEN:
        complete_demo(production)
    return production


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--page", default="", help="only URL names or URLs containing this")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per page (median)")
    parser.add_argument("--slow", type=float, default=3.0, help="seconds; slower: timed once")
    parser.add_argument("--no-write", action="store_true", help="print, leave docs alone")
    parser.add_argument("--database", help="SQLite file or DATABASE_URL to reuse (else a temp)")
    return parser.parse_args(argv)


def run(production, args: argparse.Namespace, out=sys.stdout) -> str:
    """Measure, print the section, and write it unless --no-write (or --page: only part)."""
    from django.db import connection

    from bench.docs_section import write_section

    before = os.getloadavg()
    rows = measure(production, args.runs, args.page, args.slow, out=out)
    panels = [] if args.page else measure_panels(production, args.runs, out=out)
    loads = (before, os.getloadavg())
    text = section(rows, production.slug, args.runs, connection.vendor, loads, panels)
    print("\n" + text, file=out)
    if not args.no_write:
        if args.page:
            raise SystemExit("--page measures part of the production: not written (--no-write)")
        write_section(text, HEADING)
    return text


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    _use_database(args.database)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "producer_desk.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import setup_test_environment

    setup_test_environment()  # 'testserver' allowed, e-mail kept in memory
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    logging.getLogger("django.request").setLevel(logging.ERROR)
    run(_prepare(), args)


if __name__ == "__main__":
    main()
