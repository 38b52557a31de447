"""Replace one `## Heading` section of docs/benchmarks.md, leaving every other section as it is."""

from __future__ import annotations

from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def replace_section(text: str, heading: str, section: str) -> str:
    """`text` with the section that starts at `heading` replaced by `section` (appended if absent).

    A section ends where the next `## ` heading or `<!-- ` marker line begins, so a neighbour's
    begin marker (the schedules and call sheets benchmarks fence theirs) is never swallowed.
    """
    start = text.find(heading + "\n")
    if start == -1:
        return text.rstrip("\n") + "\n\n" + section.rstrip("\n") + "\n"
    ends = [i for i in (text.find("\n## ", start + 1), text.find("\n<!-- ", start + 1)) if i != -1]
    end = min(ends) if ends else -1
    rest = "" if end == -1 else "\n" + text[end:].lstrip("\n")
    return text[:start] + section.rstrip("\n") + "\n" + rest


def write_section(section: str, heading: str = "## Budgets", path: Path = BENCHMARKS) -> None:
    text = path.read_text() if path.exists() else "# Benchmarks\n\n"
    path.write_text(replace_section(text, heading, section))
