"""The page model: wrapping, spacing, page breaks, eighths, and accuracy against a renderer."""

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apps.schedules.importers import ParsedScript, parse_script
from apps.schedules.importers.fountain import parse_fountain
from apps.schedules.importers.model import Column, Element, Kind
from apps.schedules.importers.pagination import (
    LINES_PER_PAGE,
    WIDTHS,
    layout,
    lines_to_eighths,
    wrap,
)

FIXTURES = Path(__file__).parent / "fixtures"

# Reference lengths from screenplain 0.12.0 (reportlab 5.1.0), a Fountain-to-PDF renderer:
#   screenplain --format pdf tests/schedules/fixtures/last_ferry.fountain last_ferry.pdf
#   pdfinfo last_ferry.pdf                      -> Pages: 13 (a title page + 12 script pages)
#   pdftotext -bbox -f 13 -l 13 last_ferry.pdf -  -> last text line is line 51 of the page
# and the same for dead_air.fountain: 12 pages (title + 11), line 35 on the last page.
# A reference length is (script pages - 1) + lines on the last page / 55.
REFERENCE_SCRIPT_PAGES = {"last_ferry.fountain": 12, "dead_air.fountain": 11}
REFERENCE_LENGTH = {
    "last_ferry.fountain": 11 + Fraction(51, 55),
    "dead_air.fountain": 10 + Fraction(35, 55),
}


def _parse(name: str) -> ParsedScript:
    return parse_script((FIXTURES / name).read_bytes(), name)


def _elements(name: str) -> list[Element]:
    return parse_fountain((FIXTURES / name).read_text("utf-8"))[1]


@pytest.mark.parametrize("name", sorted(REFERENCE_LENGTH))
def test_page_count_is_within_ten_percent_of_the_renderer(name: str) -> None:
    reference = REFERENCE_LENGTH[name]
    assert abs(_parse(name).page_count - reference) <= reference / 10


@pytest.mark.parametrize("name", sorted(REFERENCE_SCRIPT_PAGES))
def test_laid_out_pages_are_within_ten_percent_of_the_renderer(name: str) -> None:
    reference = REFERENCE_SCRIPT_PAGES[name]
    assert abs(layout(_elements(name)).pages - reference) <= reference / 10


@pytest.mark.parametrize("name", sorted(REFERENCE_LENGTH))
def test_long_fixtures_are_at_least_eight_pages(name: str) -> None:
    assert _parse(name).page_count >= 8


@pytest.mark.parametrize("name", sorted(REFERENCE_LENGTH))
def test_total_eighths_is_the_sum_of_scene_eighths(name: str) -> None:
    script = _parse(name)
    assert script.total_eighths == sum(scene.eighths for scene in script.scenes)
    assert script.page_count == Fraction(script.total_eighths, 8)


def test_a_line_of_exactly_the_width_takes_one_line() -> None:
    assert wrap("x" * 61, WIDTHS[Kind.ACTION]) == 1
    assert wrap("x" * 61 + " y", WIDTHS[Kind.ACTION]) == 2


def test_words_wrap_whole_at_the_width() -> None:
    # 34 + 1 + 4 = 39 characters: "word" does not fit on a 35-wide dialogue line.
    assert wrap("a" * 34 + " word", WIDTHS[Kind.DIALOGUE]) == 2
    assert wrap("a" * 30 + " word", WIDTHS[Kind.DIALOGUE]) == 1


def test_a_word_longer_than_the_line_is_cut() -> None:
    assert wrap("x" * 130, 61) == 3
    assert wrap("x" * 122, 61) == 2


def test_hard_line_breaks_and_empty_lines_each_take_a_line() -> None:
    assert wrap("one\n\nthree", 61) == 3


@pytest.mark.parametrize(
    ("lines", "eighths"), [(0, 1), (1, 1), (10, 1), (11, 2), (27, 4), (55, 8), (110, 16)]
)
def test_lines_round_to_the_nearest_eighth_with_a_minimum_of_one(lines: int, eighths: int) -> None:
    assert lines_to_eighths(lines) == eighths


def test_blank_lines_separate_elements_and_collapse_after_a_heading() -> None:
    elements = [
        Element(Kind.HEADING, "INT. A - DAY"),
        Element(Kind.ACTION, "Action."),
        Element(Kind.CHARACTER, "BOB"),
        Element(Kind.DIALOGUE, "Hi."),
        Element(Kind.TRANSITION, "CUT TO:"),
        Element(Kind.HEADING, "INT. B - DAY"),
    ]
    # heading, blank, action, blank, cue, line, blank, transition, blank, heading
    assert layout(elements).starts == [0, 2, 4, 5, 7, 9]


def test_a_heading_at_the_foot_of_a_page_moves_with_its_action() -> None:
    filler = Element(Kind.ACTION, "\n".join(["line"] * 50))
    elements = [
        filler,
        Element(Kind.HEADING, "INT. B - DAY"),
        Element(Kind.ACTION, "\n".join(["more"] * 4)),
    ]
    starts = layout(elements).starts
    # 50 lines + blank + heading + blank + 4 lines = 57: both go to page two, without a blank.
    assert starts[1:] == [LINES_PER_PAGE, LINES_PER_PAGE + 2]


def test_action_splits_across_pages_but_not_leaving_one_line_behind() -> None:
    first = Element(Kind.ACTION, "\n".join(["line"] * 52))
    splits = layout([first, Element(Kind.ACTION, "\n".join(["x"] * 10))])
    assert splits.starts[1] == 53
    assert splits.end == 53 + 10

    first = Element(Kind.ACTION, "\n".join(["line"] * 53))
    moves = layout([first, Element(Kind.ACTION, "\n".join(["x"] * 10))])
    assert moves.starts[1] == LINES_PER_PAGE
    assert moves.end == LINES_PER_PAGE + 10


def test_page_break_starts_a_new_page() -> None:
    elements = [
        Element(Kind.HEADING, "INT. A - DAY"),
        Element(Kind.PAGE_BREAK, ""),
        Element(Kind.HEADING, "INT. B - DAY"),
    ]
    result = layout(elements)
    assert result.starts[2] == LINES_PER_PAGE
    assert result.pages == 2


def test_dual_dialogue_is_as_tall_as_its_taller_side() -> None:
    elements = [
        Element(Kind.CHARACTER, "ANN", column=Column.LEFT),
        Element(Kind.DIALOGUE, "Hi.", column=Column.LEFT),
        Element(Kind.CHARACTER, "BOB", column=Column.RIGHT),
        Element(Kind.DIALOGUE, "Well hello there, how lovely.", column=Column.RIGHT),
        Element(Kind.ACTION, "They part."),
    ]
    # The right side is cue + 2 wrapped lines at 20 characters; then a blank before the action.
    assert layout(elements).starts[-1] == 3 + 1


def test_fountain_page_break_gives_the_rest_of_the_page_to_the_scene_above() -> None:
    script = _parse("elements.fountain")
    hallway = script.scenes[1]
    assert hallway.set_name == "HALLWAY"
    assert hallway.eighths >= 4


_kinds = st.sampled_from([kind for kind in Kind if kind is not Kind.PAGE_BREAK])
_element = st.builds(Element, _kinds, st.text(alphabet="ab \n", max_size=300))


@given(st.lists(_element, max_size=40))
def test_elements_never_start_before_the_one_above(elements: list[Element]) -> None:
    result = layout(elements)
    assert result.starts == sorted(result.starts)
    assert all(start <= result.end for start in result.starts)
    assert (result.pages - 1) * LINES_PER_PAGE <= result.end <= result.pages * LINES_PER_PAGE
