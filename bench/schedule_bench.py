"""Schedules benchmark: a 300-scene, 60-day board. Times and query counts for the stripboard page,
one drag-and-drop move, and Day Out of Days; written to the "Schedules" section of
docs/benchmarks.md.

Run: python bench/schedule_bench.py   (uses a throwaway SQLite database under a temp folder,
unless DATABASE_URL is set, in which case that database is used and the bench production is
removed afterwards.)
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="schedule-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP}/bench.sqlite3")
os.environ.setdefault("PRODUCER_DESK_VAR_DIR", TMP)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "producer_desk.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

SCENES, DAYS, CAST, SETS, RUNS = 300, 60, 40, 30, 5
START, END = "<!-- schedules-bench:start -->", "<!-- schedules-bench:end -->"


def build():
    from apps.accounts.models import User
    from apps.productions.models import Membership, Production
    from apps.schedules import services
    from apps.schedules.models import (
        BreakdownElement,
        CastMember,
        Location,
        Scene,
        Set,
        ShootDay,
    )

    Production.objects.filter(slug="schedule-bench").delete()
    production = Production.objects.create(
        title="Schedule bench", slug="schedule-bench", prep_start=date(2030, 1, 7),
        first_shoot_day=date(2030, 3, 4), wrap_date=date(2030, 6, 28),
    )  # fmt: skip
    user, _ = User.objects.get_or_create(email="bench@example.test", defaults={"full_name": "B"})
    Membership.objects.create(user=user, production=production, role="associate_producer")
    services.days_append(production=production, count=DAYS)
    days = list(ShootDay.objects.filter(production=production).order_by("position"))
    cast = CastMember.objects.bulk_create(
        CastMember(production=production, id_number=n + 1, character=f"PART {n + 1}")
        for n in range(CAST)
    )
    locations = Location.objects.bulk_create(
        Location(production=production, name=f"Location {n}") for n in range(10)
    )
    sets = Set.objects.bulk_create(
        Set(production=production, name=f"SET {n}", location=locations[n % 10]) for n in range(SETS)
    )
    elements = BreakdownElement.objects.bulk_create(
        BreakdownElement(production=production, category="props", name=f"Prop {n}")
        for n in range(50)
    )
    scenes = []
    for n in range(SCENES):
        scene = Scene(
            production=production, number=str(n + 1), set=sets[n % SETS], int_ext="INT",
            time_of_day="DAY" if n % 2 else "NIGHT", eighths=3 + n % 9,
            shoot_day=None if n % 10 == 0 else days[n % DAYS], board_position=n,
        )  # fmt: skip
        scene.sort_key = f"{n + 1:06d}"
        scenes.append(scene)
    scenes = Scene.objects.bulk_create(scenes)
    Scene.cast.through.objects.bulk_create(
        Scene.cast.through(scene_id=s.pk, castmember_id=cast[(i + k) % CAST].pk)
        for i, s in enumerate(scenes)
        for k in range(4)
    )
    Scene.elements.through.objects.bulk_create(
        Scene.elements.through(scene_id=s.pk, breakdownelement_id=elements[i % 50].pk)
        for i, s in enumerate(scenes)
    )
    return production, user, days, scenes


def measure(fn):
    times, queries = [], 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            fn()
            times.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
    return statistics.median(times), max(times), queries


def main() -> None:
    setup_test_environment()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0)
    from apps.schedules.queries import dood

    production, user, days, scenes = build()
    client = Client()
    client.force_login(user)
    board_url = reverse("schedules:board", kwargs={"production_slug": production.slug})
    move_url = reverse("schedules:move", kwargs={"production_slug": production.slug})
    strips_url = reverse("schedules:strips_pdf", kwargs={"production_slug": production.slug})
    state = {"flip": 0}

    def render_board():
        assert client.get(board_url).status_code == 200

    def render_strips():
        assert client.get(strips_url)["Content-Type"] == "application/pdf"

    def one_move():
        # Move scene 2 back and forth between two days, as a drag would.
        state["flip"] ^= 1
        response = client.post(
            move_url,
            {"scene": scenes[1].pk, "day": days[state["flip"] * 5].pk, "position": 0},
            HTTP_ACCEPT="application/json",
        )
        assert response.status_code == 200

    results = [
        ("Stripboard page (GET)", *measure(render_board)),
        ("One move (POST, JSON day headers back)", *measure(one_move)),
        ("Day Out of Days (query builder)", *measure(lambda: dood(production))),
        ("Printed strips, the PDF of every strip (GET)", *measure(render_strips)),
    ]
    production.delete()
    lines = [
        START,
        "## Schedules",
        "",
        f"{SCENES} scenes, {DAYS} shoot days, {CAST} cast, {SETS} sets; median and worst of "
        f"{RUNS} runs; {connection.vendor}, Python {platform.python_version()}, "
        f"{date.today().isoformat()}. Run `python bench/schedule_bench.py`.",
        "",
        "| what | median ms | worst ms | queries |",
        "| --- | ---: | ---: | ---: |",
        *(f"| {name} | {median:.1f} | {worst:.1f} | {q} |" for name, median, worst, q in results),
        "",
        "The query counts do not grow with scenes or days (pinned by "
        "tests/schedules/test_query_counts.py). The printed strips are built by the worker, "
        "their progress shown (apps/productions/documents.py); tasks run in-process here, so "
        "the row is the worker's time.",
        END,
    ]
    section = "\n".join(lines)
    print(section)
    path = ROOT / "docs" / "benchmarks.md"
    path.parent.mkdir(exist_ok=True)
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        text = before + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text)


if __name__ == "__main__":
    main()
