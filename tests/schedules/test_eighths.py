"""Eighths of a page: display and parsing round-trip."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apps.schedules.importers.eighths import format_eighths, parse_eighths


@pytest.mark.parametrize(
    ("eighths", "shown"),
    [(0, "0"), (1, "1/8"), (4, "4/8"), (7, "7/8"), (8, "1"), (28, "3 4/8"), (800, "100")],
)
def test_format_eighths_keeps_fractions_in_eighths(eighths: int, shown: str) -> None:
    assert format_eighths(eighths) == shown


@pytest.mark.parametrize(
    ("text", "eighths"),
    [("3 4/8", 28), ("4/8", 4), ("3", 24), (" 1 1/8 ", 9), ("0", 0), ("12  7/8", 103)],
)
def test_parse_eighths_reads_whole_and_eighth_forms(text: str, eighths: int) -> None:
    assert parse_eighths(text) == eighths


@pytest.mark.parametrize(
    "text", ["3.5", "1/2", "3 8/8", "0/8", "-1", "", "three", "3 4/8 pages", "½"]
)
def test_parse_eighths_refuses_anything_but_eighths(text: str) -> None:
    with pytest.raises(ValueError, match="eighths"):
        parse_eighths(text)


def test_format_eighths_refuses_negative_lengths() -> None:
    with pytest.raises(ValueError, match="negative"):
        format_eighths(-1)


@given(st.integers(min_value=0, max_value=10**6))
def test_parse_undoes_format_for_every_length(eighths: int) -> None:
    assert parse_eighths(format_eighths(eighths)) == eighths


@given(st.lists(st.integers(min_value=0, max_value=400), max_size=30))
def test_formatted_lengths_add_up_to_the_formatted_total(lengths: list[int]) -> None:
    total = sum(parse_eighths(format_eighths(n)) for n in lengths)
    assert format_eighths(total) == format_eighths(sum(lengths))


@given(st.integers(min_value=0, max_value=10**6))
def test_formatted_fraction_is_always_in_eighths(eighths: int) -> None:
    shown = format_eighths(eighths)
    fraction = shown.split(" ")[-1]
    assert "/" not in fraction or fraction.endswith("/8")
