"""Budget benchmark: a 3,000-line budget with 40 fringes and 30 globals.

    python bench/budget_bench.py            # a fresh SQLite database in a temporary folder
    python bench/budget_bench.py --configured-db   # the database DATABASE_URL points at
                                                   # (creates its own production; leaves it)

Times the import that builds it, the top sheet and cost report pages, one line edit and a
global change, counts their queries, and writes the numbers to docs/benchmarks.md ("Budgets").
Not a test: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.docs_section import write_section  # noqa: E402

LINES, FRINGES, GLOBALS, ACTUALS = 3000, 40, 30, 500
PDF_RUNS = 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--configured-db", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    if not args.configured_db:
        folder = tempfile.mkdtemp(prefix="budget-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "producer_desk.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.STATIC_ROOT = None  # nothing is collected here; whitenoise would warn
    settings.WHITENOISE_USE_FINDERS = True
    call_command("migrate", verbosity=0)
    results, documents = run()
    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    report = render(results, documents, database)
    print(report)
    if not args.no_write:
        write_section(report)


@contextmanager
def measured(results: dict, name: str):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        yield
        elapsed = time.perf_counter() - start
    results[name] = (elapsed, len(queries))


def run() -> tuple[dict, list]:
    from django.test import Client
    from django.urls import reverse

    from apps.accounts.models import User
    from apps.budgets import importers, services
    from apps.budgets.models import DetailLine
    from apps.productions.models import Membership, Production

    rng = random.Random(3000)
    stamp = int(time.time())
    production = Production.objects.create(
        title=f"Bench {stamp}", slug=f"bench-{stamp}", currency="USD", time_zone="UTC"
    )
    user = User.objects.create_user(f"bench-{stamp}@example.test", "bench-password-123")
    Membership.objects.create(user=user, production=production, role="associate_producer")

    globals_rows = ["name,value", "SHOOT_DAYS,25", "SHOOT_WEEKS,5", "PREP_WEEKS,8", "UNITS,1"]
    globals_rows += [f"G_{n:02d},{rng.randint(1, 40)}" for n in range(GLOBALS - 4)]
    fringe_rows = ["code,name,kind,rate,cutoff"]
    for n in range(FRINGES):
        if n % 4 == 3:
            fringe_rows.append(f"F{n:02d},Flat fringe {n},flat,{rng.randint(5, 60)},")
        else:
            cutoff = rng.choice(["", "176100", "50000"])
            fringe_rows.append(f"F{n:02d},Fringe {n},percent,{rng.randint(1, 200) / 10},{cutoff}")
    line_rows = [",".join(importers.LINE_COLUMNS)]
    x_choices = ["SHOOT_DAYS", "SHOOT_WEEKS + 2", "PREP_WEEKS", "G_05 * 2", "1", "3"]
    for n in range(LINES):
        category = 1000 + (n % 30) * 100
        account = category + 1 + (n % 7)
        fringes = ";".join(f"F{rng.randrange(FRINGES):02d}" for _ in range(rng.randint(0, 4)))
        fringes = ";".join(dict.fromkeys(fringes.split(";"))) if fringes else ""
        line_rows.append(
            f"{category},Category {category},{account},Account {account},Line {n},"
            f"{rng.randint(1, 4)} * UNITS,days,{rng.choice(x_choices)},"
            f"{rng.randint(50, 5000)}.{rng.randint(0, 99):02d},{fringes}"
        )

    def upload(name, rows):
        data = io.BytesIO("\n".join(rows).encode())
        data.name = name
        return data

    results: dict = {}
    with measured(results, f"import {LINES:,} lines, {FRINGES} fringes, {GLOBALS} globals"):
        version, plan = importers.import_budget(
            production=production,
            budget_name="Bench",
            version_name="v1",
            lines_file=upload("lines.csv", line_rows),
            fringes_file=upload("fringes.csv", fringe_rows),
            globals_file=upload("globals.csv", globals_rows),
        )
    assert plan.counts["lines"] == LINES, plan.counts
    accounts = list(version.accounts.values_list("number", flat=True))
    start = date(2026, 1, 5)
    for n in range(ACTUALS):
        services.actual_post(
            production=production,
            account_number=rng.choice(accounts),
            amount=Decimal(rng.randint(100, 90000)) / 100,
            date=start + timedelta(days=n % 60),
            payee=f"Payee {n % 40}",
            description="Bench actual",
        )

    client = Client()
    client.force_login(user)
    slug = production.slug
    top_url = reverse("budgets:top_sheet", args=[slug, version.id])
    cost_url = reverse("budgets:cost_report", args=[slug])
    client.get(top_url)  # warm templates and caches once
    with measured(results, "top sheet page"):
        assert client.get(top_url).status_code == 200
    with measured(results, "cost report page"):
        assert client.get(cost_url).status_code == 200
    documents = measure_documents(client, slug, version)
    line = DetailLine.objects.filter(budget_version=version, x_formula="SHOOT_DAYS").first()
    data = {
        f"l{line.id}-{key}": value
        for key, value in {
            "description": line.description + " (edited)",
            "amount_formula": line.amount_formula,
            "units": line.units,
            "x_formula": line.x_formula,
            "rate_formula": "1234.56",
            "currency": line.currency,
            "exchange_rate": "1",
            "version": str(line.version),
        }.items()
    }
    edit_url = reverse("budgets:line_edit", args=[slug, version.id, line.id])
    with measured(results, "one line edit (htmx, with the new totals)"):
        response = client.post(edit_url, data, HTTP_HX_REQUEST="true")
        assert response.status_code == 200 and b"(edited)" in response.content
    used = DetailLine.objects.filter(budget_version=version, uses__contains=" SHOOT_DAYS ").count()
    with measured(results, f"SHOOT_DAYS 25 → 30 (recomputes {used:,} lines)"):
        services.global_set(version=version, name="SHOOT_DAYS", value=Decimal(30))
    used = DetailLine.objects.filter(budget_version=version, uses__contains=" UNITS ").count()
    runs = {}
    for value in range(2, 7):  # five changes; the median of them is reported
        with measured(runs, value):
            services.global_set(version=version, name="UNITS", value=Decimal(value))
    seconds, count = sorted(runs.values())[len(runs) // 2]
    results[f"UNITS 1 → 2 … 6, read by every line (recomputes {used:,} lines; median of 5)"] = (
        seconds,
        count,
    )
    from apps.budgets.totals_check import differences

    assert differences(version) == [], "kept totals differ from the engine"
    return results, documents


def pdf_pages(content: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(content)
        file.flush()
        info = subprocess.run(["pdfinfo", file.name], capture_output=True, text=True).stdout
    return int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])


def measure_documents(client, slug: str, version) -> list[tuple]:
    """Each budget PDF through its view (queries, template and WeasyPrint), as a person waits for
    it: median and worst wall time of PDF_RUNS (the detail once: it is built by the worker), and
    the CPU time of the median run's process."""
    from django.urls import reverse

    documents = [
        ("cost report PDF", reverse("budgets:cost_report_export", args=[slug]), PDF_RUNS),
        ("top sheet PDF", reverse("budgets:top_sheet_export", args=[slug, version.id]), PDF_RUNS),
        (
            f"budget detail PDF ({LINES:,} lines)",
            reverse("budgets:detail_export", args=[slug, version.id]),
            1,
        ),
    ]
    rows = []
    for name, url, runs in documents:
        walls, cpus, content = [], [], b""
        for _ in range(runs):
            wall, cpu = time.perf_counter(), time.process_time()
            response = client.get(url + "?format=pdf")
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
            assert response.status_code == 200, (url, response.status_code)
            content = response.content
        median = statistics.median(walls)
        rows.append((name, median, max(walls), statistics.median(cpus), pdf_pages(content)))
    return rows


def render(results: dict, documents: list, database: str) -> str:
    lines = [
        "## Budgets",
        "",
        f"`python bench/budget_bench.py` on {date.today().isoformat()}: "
        f"{platform.python_implementation()} {platform.python_version()}, {database}, "
        f"{os.cpu_count()} CPUs. A {LINES:,}-line budget "
        f"(30 categories, 210 accounts) with {FRINGES} fringes, {GLOBALS} globals and "
        f"{ACTUALS} actuals.",
        "",
        "| step | seconds | queries |",
        "| --- | ---: | ---: |",
    ]
    lines += [f"| {name} | {secs:.3f} | {count} |" for name, (secs, count) in results.items()]
    lines += [
        "",
        "The top sheet and cost report read the kept totals (apps/budgets/services/totals.py): "
        "a fixed number of queries whatever the number of lines, and no line is read "
        "(tests/budgets/test_query_counts.py pins them). A global change re-evaluates only the "
        "lines whose formulas name it, writes the ones that moved with bulk_update, and brings "
        "the kept totals above them up to date in the same transaction; the run ends with "
        "`check_budget_totals`'s comparison to the engine.",
        "",
        f"PDFs of the same budget, through their views as the AP (median and worst of {PDF_RUNS} "
        "runs, the detail once; CPU is this process's time for the median run):",
        "",
        "| document | pages | median s | worst s | CPU s |",
        "| --- | ---: | ---: | ---: | ---: |",
        *[f"| {n} | {p} | {m:.3f} | {w:.3f} | {c:.3f} |" for n, m, w, c, p in documents],
        "",
        "The cost report prints each row as one line of a monospaced font, its figures in columns "
        "(apps/budgets/printing.py): WeasyPrint's time grows with every table cell it lays out. "
        "Before issue 15 the large demo's cost report PDF took about 4 s (2 s of CPU). The budget "
        "detail, printed the same way (a ledger line a detail line: 20 s of CPU before, 74 "
        "pages), is built by the worker, its progress shown (apps/productions/documents.py); "
        "here tasks run in-process, so its row is the worker's time.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
