"""What keeps the PDFs fast, pinned by structure, not by a timer (the numbers are in
docs/benchmarks.md, from bench/callsheet_bench.py and bench/budget_bench.py).

WeasyPrint's time grows with every box it lays out and with whatever it has to fetch: every PDF
template carries its own small stylesheet inline (never Bootstrap, never a linked or imported
sheet, no web fonts, nothing fetched by URL), and the documents people wait for at a real
production's size lay out without grid, flex, CSS columns or automatic table layout.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
BASE = "documents/base.html"

# The documents people wait for on a big production: the call sheet of a 150-person day, the
# budget's reports of 3,000 lines.
FAST_DOCUMENTS = [
    "callsheets/document.html",
    "budgets/cost_report_pdf.html",
    "budgets/top_sheet_pdf.html",
    "budgets/detail_pdf.html",
]

# Handed to WeasyPrint by a view or task, or returned by a builder the worker runs
# (apps/productions/documents.py).
_RENDERED = re.compile(
    r"(?:pdf_response\(|render_pdf\(|production_pdf\(\s*request,|return)\s*\"([\w/]+\.html)\","
)
_NESTED = re.compile(r"{%\s*(?:extends|include)\s+\"([\w/]+\.html)\"")
# A document's own rules, in the base's <style> (templates/documents/base.html).
_STYLE_BLOCK = re.compile(r"{%\s*block\s+\w*style\s*%}(.*?){%\s*endblock", re.S)


def pdf_templates() -> list[str]:
    """Every template a view or task hands to WeasyPrint."""
    names = set()
    for path in (ROOT / "apps").rglob("*.py"):
        names.update(_RENDERED.findall(path.read_text()))
    return sorted(names)


def source(name: str) -> str:
    """The template with everything it extends and includes, as one text."""
    seen, todo, parts = set(), [name], []
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        text = (TEMPLATES / current).read_text()
        parts.append(text)
        todo.extend(_NESTED.findall(text))
    return "\n".join(parts)


def extended(name: str) -> list[str]:
    """The templates `name` extends, nearest first."""
    chain = []
    while match := re.search(r"{%\s*extends\s+\"([\w/]+\.html)\"", (TEMPLATES / name).read_text()):
        name = match.group(1)
        chain.append(name)
    return chain


def stylesheet(name: str) -> str:
    text = source(name)
    parts = re.findall(r"<style[^>]*>(.*?)</style>", text, re.S) + _STYLE_BLOCK.findall(text)
    return "\n".join(parts)


def test_the_pdf_templates_are_found():
    names = pdf_templates()
    assert set(FAST_DOCUMENTS) <= set(names)
    assert {
        "vendors/po_document.html",
        "schedules/strips_pdf.html",
        "schedules/report_pdf.html",
        "schedules/breakdown_sheets.html",
        "crew/memo_document.html",
        "crew/contact_sheet.html",
    } <= set(names)


@pytest.mark.parametrize("name", pdf_templates())
def test_every_pdf_is_laid_out_on_the_one_document_base(name):
    """The page size, the running letterhead, "page N of M", and tables that repeat their header
    and keep a row whole come from templates/documents/base.html, for every PDF."""
    assert BASE in extended(name), f"{name} does not extend {BASE}"
    assert "<style" not in (TEMPLATES / name).read_text(), f"{name} has a stylesheet of its own"


def test_the_base_prints_the_letterhead_and_keeps_table_rows_whole():
    base = (TEMPLATES / BASE).read_text()
    css = re.sub(r"/\*.*?\*/", "", base, flags=re.S)
    assert re.search(r"size:\s*{{\s*letterhead\.paper", css)
    assert 'content: "page " counter(page) " of " counter(pages)' in css
    assert re.search(r"thead\s*{\s*display:\s*table-header-group", css)
    assert re.search(r"tr\s*{\s*break-inside:\s*avoid", css)
    # The letterhead is strings in the page's margin boxes, each value written as a CSS string
    # (apps/core/templatetags/documents.py), not an element laid out again on every page.
    for box in ("@top-left", "@top-center", "@top-right"):
        rule = css.split(box, 1)[1].split("}", 1)[0]
        assert "content:" not in rule or "|css_string" in rule, box
    assert "running(" not in css and "element(" not in css


@pytest.mark.parametrize("name", pdf_templates())
def test_a_pdf_carries_its_own_small_stylesheet_and_fetches_nothing(name):
    text = source(name)
    css = stylesheet(name)
    assert css, f"{name} has no inline stylesheet"
    assert not re.search(r"<link\b", text, re.I), f"{name} links a stylesheet"
    assert "{% static" not in text and "bootstrap" not in text.lower(), name
    assert not re.search(r"@import|@font-face|url\(", css), f"{name} fetches from its CSS"
    assert len(css) < 6000, f"{name}: the print stylesheet grew to {len(css)} characters"


@pytest.mark.parametrize("name", FAST_DOCUMENTS)
def test_the_big_documents_avoid_what_weasyprint_lays_out_slowly(name):
    css = re.sub(r"/\*.*?\*/", "", stylesheet(name), flags=re.S)
    assert not re.search(r"display\s*:\s*(inline-)?(grid|flex)", css), name
    assert not re.search(r"(^|[\s;{])columns\s*:|column-count", css), name
    assert re.search(r"table\s*{[^}]*table-layout\s*:\s*fixed", css), name


def test_the_call_sheet_prints_the_crew_as_lines_not_a_table_per_department():
    from django.template.loader import render_to_string

    from apps.callsheets.sheet import CrewDepartment, CrewRow, Sheet

    crew = [
        CrewDepartment(
            f"Department {d}", [CrewRow(name=f"Crew {d}{i}", call="07:00") for i in range(5)]
        )
        for d in range(3)
    ]
    sheet = Sheet(production="Bench", crew=crew)
    printed = render_to_string("callsheets/document.html", {"sheet": sheet, "for_pdf": True})
    page = render_to_string("callsheets/_sheet.html", {"sheet": sheet})
    crew_printed = printed.split('data-testid="crew"')[1].split("Locations")[0]
    assert "<table" not in crew_printed and crew_printed.count('class="cs-person"') == 15
    assert "<table" in page.split('data-testid="crew"')[1].split("Locations")[0]
