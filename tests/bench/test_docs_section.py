"""bench/docs_section.py replaces one section of docs/benchmarks.md and keeps the others."""

from __future__ import annotations

from bench.docs_section import replace_section, write_section

DOC = """# Benchmarks

## Budgets

old budgets

<!-- schedules-bench:start -->
## Schedules

schedules
<!-- schedules-bench:end -->

## Load test

old load test
"""


def test_it_replaces_only_its_own_section_and_keeps_a_neighbours_marker():
    text = replace_section(DOC, "## Budgets", "## Budgets\n\nnew budgets\n")

    assert "new budgets" in text and "old budgets" not in text
    assert "<!-- schedules-bench:start -->\n## Schedules\n\nschedules\n" in text
    assert text.endswith("## Load test\n\nold load test\n")


def test_it_replaces_the_last_section_to_the_end():
    text = replace_section(DOC, "## Load test", "## Load test\n\nnew\n")

    assert text.endswith("<!-- schedules-bench:end -->\n\n## Load test\n\nnew\n")
    assert "old load test" not in text


def test_it_appends_a_section_that_is_not_there_yet(tmp_path):
    path = tmp_path / "benchmarks.md"
    path.write_text("# Benchmarks\n\n## Budgets\n\nb\n")

    write_section("## Load test\n\nnew\n", "## Load test", path)
    write_section("## Load test\n\nnewer\n", "## Load test", path)

    assert path.read_text() == "# Benchmarks\n\n## Budgets\n\nb\n\n## Load test\n\nnewer\n"
