"""bench/page_bench.py cannot rot: it runs here on the small demo, once per page (--runs 1
--no-write), through the same walk as tests/test_query_budget.py. Not a timing test: it checks
that every page is visited, answers as expected and lands in the table, and that --no-write leaves
docs/benchmarks.md alone."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from apps.productions.models import Production
from bench import page_bench
from bench.docs_section import BENCHMARKS
from tests.test_query_budget import complete_demo, objects, pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_demo(settings, tmp_path, monkeypatch):
    """The small demo, completed as the query-budget walk needs it; WeasyPrint's layout stubbed
    (the bench times it, this test does not)."""
    import weasyprint

    class HTML:
        def __init__(self, string: str, **kwargs) -> None:
            assert "</html>" in string

        def write_pdf(self) -> bytes:
            return b"%PDF-1.4 stub"

    monkeypatch.setattr(weasyprint, "HTML", HTML)
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", "--size", "small", stdout=io.StringIO())
    production = Production.objects.get(slug="night-ferry")
    complete_demo(production)
    return production


def test_the_bench_times_every_get_page_once_and_writes_nothing_when_told(small_demo):
    before = BENCHMARKS.read_text()
    out = io.StringIO()

    text = page_bench.run(small_demo, page_bench.parse_args(["--runs", "1", "--no-write"]), out)

    walked = {url for _, url, expected, _ in pages(objects(small_demo)) if expected != {405}}
    rows = [line for line in text.splitlines() if line.startswith("| ") and "`" in line]
    assert {line.split("`")[1] for line in rows} == walked
    assert all(line.endswith("| 1 |") for line in rows)  # one run each
    assert any("| document |" in line and "format=pdf" in line for line in rows)
    ratios = [float(line.split(" | ")[4]) for line in rows]
    assert ratios == sorted(ratios, reverse=True)
    assert text.startswith(page_bench.HEADING)
    panels = {line.split(" | ")[0][2:] for line in text.splitlines() if line.count("|") == 5}
    assert {"budget", "schedule", "crew", "purchasing", "callsheet"} <= panels
    assert BENCHMARKS.read_text() == before

    filtered = page_bench.parse_args(["--runs", "1", "--no-write", "--page", "dashboard"])
    text = page_bench.run(small_demo, filtered, io.StringIO())
    assert [line.split("`")[1] for line in text.splitlines() if "`/p/" in line] == [
        "/p/night-ferry/"
    ]
