"""Load test: Locust against the production stack, and its numbers into docs/benchmarks.md.

    python bench/load_test.py [--size small|large] [--users 20] [--spawn-rate 5] [--duration 60s]
                              [--slug night-ferry] [--workers N] [--no-write]

Refreshes a PostgreSQL database of its own (dropped and created again), migrates it, seeds the
demo (`seed_demo --size`), collects static files, then starts gunicorn with
producer_desk/gunicorn_conf.py and a Celery worker on Redis, all on loopback with DEBUG off, and
runs bench/locustfile.py headless for the duration. Locust's CSV statistics become the "Load test"
section of docs/benchmarks.md: per page and for the floor (the signed-in profile page), requests,
p50, p95, p95 as a ratio to the floor's p50, requests/s and failures. Whatever it started it
stops, on success or failure.

LOAD_TEST_DATABASE_URL and LOAD_TEST_BROKER_URL choose the database and the Redis database; the
database's name must contain "bench" or "loadtest", since it is dropped.
LOAD_TEST_FRAGMENT_CACHE_URL (default redis://127.0.0.1:6379/13) is the workers' shared cache of
kept pages, FRAGMENT_CACHE_URL as in production; it is emptied before the run.
Not a test: the numbers depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import runpy
import secrets
import shlex
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.docs_section import write_section  # noqa: E402

PY = sys.executable
HEADING = "## Load test"
FLOOR = "floor: /accounts/profile/"
LIMIT = 10  # no page's p95 above 10x the floor's p50 (issue 15)
DEFAULT_DB = "postgres://root@127.0.0.1:5432/producer_desk_loadtest"
DEFAULT_BROKER = "redis://127.0.0.1:6379/12"
DEFAULT_FRAGMENTS = "redis://127.0.0.1:6379/13"  # the kept pages, shared by the workers

# Printed as JSON by `manage.py shell`: the production to hit and what it holds.
PICK_PRODUCTION = """
import json
from django.db.models import Count
from apps.productions.models import Production
from apps.budgets.models import DetailLine
from apps.schedules.models import Scene
from apps.crew.models import Engagement
from apps.vendors.models import PurchaseOrder
from apps.callsheets.models import CallSheet
slug = {slug!r} or (
    Production.objects.filter(memberships__user__email={email!r})
    .annotate(n=Count("scenes", distinct=True)).order_by("-n", "slug")
    .values_list("slug", flat=True).first()
)
p = Production.objects.get(slug=slug)
print(json.dumps({{"slug": slug,
    "budget lines": DetailLine.objects.filter(budget_version__production=p).count(),
    "scenes": Scene.objects.filter(production=p).count(),
    "crew": Engagement.objects.filter(production=p).count(),
    "POs": PurchaseOrder.objects.filter(production=p).count(),
    "call sheets": CallSheet.objects.filter(production=p).count()}}))
"""


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", choices=["small", "large"], default="small")
    parser.add_argument("--users", type=int, default=20, help="Locust users (one is the floor)")
    parser.add_argument("--spawn-rate", type=float, default=5, help="users started per second")
    parser.add_argument("--duration", default="60s", help="Locust's --run-time: 30s, 2m…")
    parser.add_argument("--slug", default="", help="the production (default: the AP's largest)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn_conf)")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--no-write", action="store_true", help="print the section only")
    args = parser.parse_args(argv)
    if args.users < 2:
        parser.error("--users must be at least 2: one AP and the floor")
    return args


class Stack:
    """The processes of one run and their environment; `stop()` ends every one it started."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.work = Path(tempfile.mkdtemp(prefix="pd-loadtest-"))
        self.base = f"http://127.0.0.1:{args.port}"
        self.database_url = os.environ.get("LOAD_TEST_DATABASE_URL", DEFAULT_DB)
        self.database = urlsplit(self.database_url).path.lstrip("/")
        if "bench" not in self.database and "loadtest" not in self.database:
            sys.exit(f"refusing to drop {self.database!r}: its name has no 'bench' or 'loadtest'")
        workers = args.workers or os.environ.get("GUNICORN_WORKERS")
        self.env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "CELERY_BROKER_URL": os.environ.get("LOAD_TEST_BROKER_URL", DEFAULT_BROKER),
            "FRAGMENT_CACHE_URL": os.environ.get("LOAD_TEST_FRAGMENT_CACHE_URL", DEFAULT_FRAGMENTS),
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PRODUCER_DESK_VAR_DIR": str(self.work / "var"),
            "STATIC_ROOT": str(self.work / "static"),
            "SITE_URL": self.base,
            "GUNICORN_BIND": f"127.0.0.1:{args.port}",
            **({"GUNICORN_WORKERS": str(workers)} if workers else {}),
            # Every virtual user signs in as the demo AP from 127.0.0.1: the sign-in limits, meant
            # for one person at one address, would otherwise turn the ramp-up into 429s.
            "RATELIMIT_LOGIN": "10000/m",
            "RATELIMIT_LOGIN_USER": "10000/m",
        }
        self.env.pop("DJANGO_DEBUG", None)
        self.processes: list[subprocess.Popen] = []

    def gunicorn_setting(self, name: str):
        """What producer_desk/gunicorn_conf.py makes of this run's environment."""
        saved = dict(os.environ)
        os.environ.update(self.env)
        try:
            return runpy.run_path(str(ROOT / "producer_desk" / "gunicorn_conf.py"))[name]
        finally:
            os.environ.clear()
            os.environ.update(saved)

    def run(self, *command: str, timeout: int = 900) -> str:
        print("$", shlex.join(command), flush=True)
        result = subprocess.run(
            command, cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=timeout
        )
        if result.returncode:
            raise RuntimeError(f"{shlex.join(command)} failed:\n{result.stdout}{result.stderr}")
        return result.stdout

    def manage(self, *args: str) -> str:
        return self.run(PY, "manage.py", *args)

    def start(self, *command: str, log: str) -> None:
        print("$", shlex.join(command), f"> {self.work / log}", flush=True)
        handle = (self.work / log).open("w")
        self.processes.append(
            subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=handle, stderr=subprocess.STDOUT
            )
        )

    def wait_for(self, what: str, ready, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(p.poll() is not None for p in self.processes):
                raise RuntimeError(f"a process died before {what}; logs in {self.work}")
            if ready():
                return
            time.sleep(0.5)
        raise RuntimeError(f"no {what} after {timeout:.0f} s; logs in {self.work}")

    def worker_log(self) -> str:
        return (self.work / "worker.log").read_text()

    def tasks_done(self) -> int:
        return self.worker_log().count(" succeeded in ")

    def forget_kept_pages(self) -> None:
        """Empties the workers' shared cache of kept pages (pages of an earlier run's database)."""
        import redis

        redis.Redis.from_url(self.env["FRAGMENT_CACHE_URL"]).flushdb()

    def queue_empty(self) -> bool:
        """Nothing waiting in the queue and nothing taken but unacknowledged (acks_late)."""
        import redis

        broker = redis.Redis.from_url(self.env["CELERY_BROKER_URL"])
        queue = self.env.get("CELERY_QUEUE", "producer_desk")
        return broker.llen(queue) == 0 and broker.hlen("unacked") == 0

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(self.base + "/healthz", timeout=5) as response:  # noqa: S310
                return response.status == 200
        except OSError:
            return False

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    # A plain `kill` should still stop gunicorn and the worker: make SIGTERM unwind the finally.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    stack = Stack(args)
    try:
        return run(args, argv, stack)
    finally:
        stack.stop()
        print(f"processes stopped; logs in {stack.work}")


def run(args: argparse.Namespace, argv: list[str], stack: Stack) -> int:
    host = ["-h", "127.0.0.1", "-U", "root"]
    stack.run("dropdb", *host, "--if-exists", stack.database)
    stack.run("createdb", *host, stack.database)
    # A task an earlier run left in this broker database would reach this run's worker.
    stack.run(PY, "-m", "celery", "-A", "producer_desk", "purge", "-f")
    stack.forget_kept_pages()
    stack.manage("migrate", "--no-input")
    stack.manage("createcachetable")
    stack.manage("seed_demo", "--size", args.size)
    stack.manage("collectstatic", "--no-input")
    email = os.environ.get("LOAD_TEST_EMAIL", "ap@demo.producerdesk.test")
    data = json.loads(
        stack.manage(
            "shell", "--no-imports", "-c", PICK_PRODUCTION.format(slug=args.slug, email=email)
        )
        .strip()
        .splitlines()[-1]
    )
    print("production:", data)

    cores, workers = os.cpu_count(), stack.gunicorn_setting("workers")
    gunicorn = ("-m", "gunicorn", "-c", "producer_desk/gunicorn_conf.py", "producer_desk.wsgi")
    stack.start(PY, *gunicorn, log="gunicorn.log")
    worker = ("-m", "celery", "-A", "producer_desk", "worker", "-l", "INFO", "-c", str(cores))
    stack.start(PY, *worker, log="worker.log")
    stack.wait_for("answer from gunicorn", stack.healthy)
    stack.wait_for("ready Celery worker", lambda: "ready." in stack.worker_log())
    # The seed queued e-mails (call sheets, deal memos, POs); let the worker send them first.
    stack.wait_for("empty task queue", stack.queue_empty, timeout=300)
    tasks_before = stack.tasks_done()

    # Seeding and migrating just kept the cores busy: let the 1-minute load average settle (up to
    # two minutes) so that "busy" below means other work on the machine, not this run's setup.
    settle_until = time.monotonic() + 120
    while os.getloadavg()[0] > 0.5 * (os.cpu_count() or 1) and time.monotonic() < settle_until:
        time.sleep(5)
    busy = os.getloadavg()[0] > 0.5 * (os.cpu_count() or 1)
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    csv_prefix = stack.work / "locust"
    locust = [
        PY, "-m", "locust", "-f", "bench/locustfile.py", "--headless", "--only-summary",
        "-u", str(args.users), "-r", str(args.spawn_rate), "-t", args.duration,
        "--host", stack.base, "--csv", str(csv_prefix), "--stop-timeout", "10",
    ]  # fmt: skip
    print("$", shlex.join(locust), flush=True)
    locust_env = {**stack.env, "LOAD_TEST_SLUG": data["slug"]}
    result = subprocess.run(locust, cwd=ROOT, env=locust_env)  # exits 1 when a request failed
    tasks_run = stack.tasks_done() - tasks_before

    rows = read_stats(Path(f"{csv_prefix}_stats.csv"))
    failures = read_csv(Path(f"{csv_prefix}_failures.csv"))
    exceptions = read_csv(Path(f"{csv_prefix}_exceptions.csv"))
    command = shlex.join(["python", "bench/load_test.py", *argv])
    section = render(
        rows,
        failures,
        exceptions,
        context={
            "command": command,
            "size": args.size,
            "data": data,
            "cores": cores,
            "workers": workers,
            "threads": stack.gunicorn_setting("threads"),
            "users": args.users,
            "spawn_rate": args.spawn_rate,
            "duration": args.duration,
            "load": load,
            "tasks_run": tasks_run,
            "busy": busy,
            "locust_exit": result.returncode,
        },
    )
    print(section)
    if not args.no_write:
        write_section(section, HEADING)
    return 0 if rows and result.returncode in (0, 1) else 1


def read_csv(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def read_stats(path: Path) -> list[dict]:
    """Locust's per-name rows: the pages (busiest first), the setup requests, the floor, and
    Locust's aggregate of everything last."""
    rows = read_csv(path)

    def order(row: dict) -> tuple:
        name = row["Name"]
        group = 3 if name == "Aggregated" else 2 if name == FLOOR else name.startswith("setup:")
        return (group, -int(row["Request Count"]), name)

    return sorted(rows, key=order)


def render(rows: list[dict], failures: list[dict], exceptions: list[dict], context: dict) -> str:
    c = context
    held = ", ".join(f"{what} {n:,}" for what, n in c["data"].items() if what != "slug")
    lines = [
        HEADING,
        "",
        f"`{c['command']}` on {date.today().isoformat()}: {platform.python_implementation()} "
        f"{platform.python_version()}, {c['cores']} cores; gunicorn with {c['workers']} sync "
        f"workers × {c['threads']} thread (producer_desk/gunicorn_conf.py), PostgreSQL and Redis "
        f"on loopback, a Celery worker (`-c {c['cores']}`; tasks it ran during the run: "
        f"{c['tasks_run']}), DEBUG off. "
        f"Demo `--size {c['size']}` (/p/{c['data']['slug']}/: {held}). {c['users']} Locust users "
        f"({c['users'] - 1} APs thinking 1–3 s between clicks, 1 floor user, signed in, asking "
        f"the profile page every 0.5 s), started at {c['spawn_rate']:g}/s, for "
        f"{c['duration']}; Locust ran on the same machine. Load average before the run: "
        f"{c['load']}.",
        "",
        *(
            [
                "**The machine was busy before the run started (other work on its cores): these "
                "numbers show the load test works, not what the app can do. Re-run on a quiet "
                "machine before comparing.**",
                "",
            ]
            if c.get("busy")
            else []
        ),
        "| page | requests | p50 ms | p95 ms | p95 / floor p50 | requests/s | failures |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    floor = next((float(r["50%"]) for r in rows if r["Name"] == FLOOR), 0.0)
    over = []
    for row in rows:
        name = {
            "Aggregated": "**all requests** (setup and floor included)",
            FLOOR: "**floor**: the profile page, signed in",
        }
        ratio = float(row["95%"]) / floor if floor else 0.0
        page = not row["Name"].startswith("setup:") and row["Name"] not in name
        if page and ratio > LIMIT:
            over.append(f"{row['Name']} ({ratio:.0f}x)")
        lines.append(
            f"| {name.get(row['Name'], row['Name'])} | {int(row['Request Count']):,} "
            f"| {row['50%']} | {row['95%']} | {f'{ratio:.1f}x' if floor else '–'} "
            f"| {float(row['Requests/s']):.2f} | {int(row['Failure Count']):,} |"
        )
    lines += [
        "",
        f"Floor p50: {floor:g} ms. "
        + (
            f"Pages whose p95 is above {LIMIT}x the floor's p50: {', '.join(over)}."
            if over
            else f"Every page's p95 is within {LIMIT}x the floor's p50."
        )
        + " (The setup requests, sign-in and the pages read once to find the others, are not "
        "pages an AP waits on and are left out of the verdict.)",
    ]
    if c.get("locust_exit", 0) not in (0, 1):
        lines += ["", f"**Locust exited with {c['locust_exit']}: a user died (see its output).**"]
    if failures or exceptions:
        lines += ["", "Failures and errors seen:", ""]
        lines += [
            f"- {f['Method']} {f['Name']}: {f['Error']} (×{f['Occurrences']})" for f in failures
        ]
        lines += [f"- in a task: {e['Message']} (×{e['Count']})" for e in exceptions]
    lines += [
        "",
        "Edits (a budget line added then deleted, a strip moved and moved back, a line added to "
        "a draft PO then removed) go through the pages' own forms with their CSRF tokens and undo "
        "themselves. The floor is the trivial signed-in page of the same stack (the profile, the "
        "page bench/page_bench.py measures every page against): a page's p50 minus the "
        "floor's is what the page itself costs. Any "
        "answer other than 2xx/3xx counts as a failure. See bench/README.md.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
