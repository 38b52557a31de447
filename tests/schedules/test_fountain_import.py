"""Fountain import: headings, elements, encodings and the errors a producer sees."""

import re
from pathlib import Path

import pytest

from apps.schedules.importers import ParsedScene, ParsedScript, ScriptImportError, parse_script
from apps.schedules.importers.fountain import parse_fountain, split_heading
from apps.schedules.importers.model import Column, Kind

FIXTURES = Path(__file__).parent / "fixtures"


def _parse(name: str) -> ParsedScript:
    return parse_script((FIXTURES / name).read_bytes(), name)


def _scene(script: ParsedScript, heading_start: str) -> ParsedScene:
    return next(scene for scene in script.scenes if scene.heading.startswith(heading_start))


@pytest.fixture(scope="module")
def headings() -> ParsedScript:
    return _parse("headings.fountain")


@pytest.fixture(scope="module")
def elements() -> ParsedScript:
    return _parse("elements.fountain")


# Scene headings -------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "int_ext", "set_name", "time_of_day"),
    [
        ("INT. KITCHEN - NIGHT", "INT", "KITCHEN", "NIGHT"),
        ("EXT. ROOFTOP -- DAY", "EXT", "ROOFTOP", "DAY"),
        ("INT. HALL \u2013 DAY", "INT", "HALL", "DAY"),
        ("EXT. BEACH, DUSK", "EXT", "BEACH", "DUSK"),
        ("INT KITCHEN - DAY", "INT", "KITCHEN", "DAY"),
        ("I/E CAR - DAY", "INT/EXT", "CAR", "DAY"),
        ("INT./EXT. CAR - MOVING - NIGHT", "INT/EXT", "CAR - MOVING", "NIGHT"),
        ("EST. CITY - DAY", "EXT", "CITY", "DAY"),
        ("INT. GARAGE", "INT", "GARAGE", ""),
        ("INT. CELLAR - NIGHT", "INT", "CELLAR", "NIGHT"),
        ("EXT. LANE - MOMENTS LATER", "EXT", "LANE", "MOMENTS LATER"),
    ],
)
def test_heading_variants_split_into_int_ext_set_and_time(
    headings: ParsedScript, heading: str, int_ext: str, set_name: str, time_of_day: str
) -> None:
    scene = _scene(headings, heading)
    assert (scene.int_ext, scene.set_name, scene.time_of_day) == (int_ext, set_name, time_of_day)


def test_en_dash_heading_keeps_time_of_day(headings: ParsedScript) -> None:
    assert _scene(headings, "INT. HALL").time_of_day == "DAY"


def test_lower_case_heading_is_recognised_and_upper_cased(headings: ParsedScript) -> None:
    scene = _scene(headings, "INT. CELLAR")
    assert scene.heading == "INT. CELLAR - NIGHT"
    assert scene.synopsis == "Somebody wrote this heading in lower case."


def test_forced_heading_has_no_int_ext_and_is_flagged(headings: ParsedScript) -> None:
    scene = _scene(headings, "FLASHBACK")
    assert (scene.int_ext, scene.set_name, scene.time_of_day) == ("", "FLASHBACK - 1985", "")
    assert any("FLASHBACK - 1985" in warning for warning in headings.warnings)


def test_explicit_scene_number_is_kept_and_left_out_of_the_heading(headings: ParsedScript) -> None:
    scene = _scene(headings, "INT. HOUSE")
    assert scene.number == "12A"
    assert scene.heading == "INT. HOUSE - DAY"


def test_unnumbered_scenes_are_numbered_in_order(headings: ParsedScript) -> None:
    numbers = [scene.number for scene in headings.scenes]
    assert numbers == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "12A", "13", "14", "15"]


def test_generated_numbers_never_clash_with_explicit_ones() -> None:
    script = _parse("dead_air.fountain")
    numbers = [scene.number for scene in script.scenes]
    assert len(numbers) == len(set(numbers))
    # The unnumbered INTERCUT scene follows #11#, but 12 to 15 are taken further on.
    assert _scene(script, "INT. RADIO STATION - STUDIO B - INTERCUT").number == "16"


def test_repeated_scene_number_is_warned_about() -> None:
    script = parse_script(b"INT. A - DAY #4#\n\nOne.\n\nINT. B - DAY #4#\n\nTwo.\n", "x.fountain")
    assert [scene.number for scene in script.scenes] == ["4", "4"]
    assert script.warnings == ["Scene number 4 is used more than once."]


def test_heading_followed_directly_by_action_still_starts_a_scene() -> None:
    script = parse_script(b"INT. A - DAY\nBob sits.\n", "x.fountain")
    assert script.scenes[0].synopsis == "Bob sits."


def test_action_starting_like_a_heading_in_lower_case_is_not_a_heading() -> None:
    script = parse_script(b"INT. A - DAY\n\nEst. 1890, the shop sign says.\nBob enters.\n", "x.txt")
    assert len(script.scenes) == 1


def test_split_heading_strips_the_forcing_dot_and_number() -> None:
    assert split_heading(".montage - summer #7#") == (
        "",
        "MONTAGE - SUMMER",
        "",
        "7",
        "MONTAGE - SUMMER",
    )


# Title page and elements ----------------------------------------------------


def test_title_page_gives_the_title_and_is_not_a_scene(elements: ParsedScript) -> None:
    assert elements.title == "The Kettle"
    assert [scene.heading for scene in elements.scenes] == [
        "INT. KITCHEN - NIGHT",
        "INT. HALLWAY - CONTINUOUS",
        "EXT. GARDEN - DAY",
    ]


def test_title_falls_back_to_the_file_name_without_a_title_page(headings: ParsedScript) -> None:
    assert headings.title == "headings"


def test_speaking_characters_drop_extensions_and_keep_first_appearance_order(
    elements: ParsedScript,
) -> None:
    # BOB (V.O.) and BOB (CONT'D) are one BOB; the dual-dialogue BOB ^ too; DELIVERY DRIVER
    # only shrugs (a parenthetical, no dialogue), so is not a speaking character.
    assert elements.scenes[0].characters == ["BOB", "ALICE", "McCLANE"]


def test_synopsis_is_the_first_action_with_emphasis_stripped(elements: ParsedScript) -> None:
    assert elements.scenes[0].synopsis == (
        "Steam rises from a battered kettle while nobody watches it."
    )


def test_synopsis_is_trimmed_to_two_hundred_characters() -> None:
    action = " ".join(["word"] * 100)
    script = parse_script(f"INT. A - DAY\n\n{action}\n".encode(), "x.fountain")
    synopsis = script.scenes[0].synopsis
    assert len(synopsis) <= 200
    assert synopsis.endswith("word…")


def test_notes_and_boneyard_are_removed_even_over_several_lines(elements: ParsedScript) -> None:
    text = (FIXTURES / "elements.fountain").read_text()
    _, parsed = parse_fountain(text)
    joined = "\n".join(element.text for element in parsed)
    assert "note" not in joined
    assert "DELETED" not in joined
    assert "GHOST" not in joined
    assert "GHOST" not in elements.scenes[0].characters
    assert elements.scenes[1].synopsis == "Alice walks out past the coats."


def test_dual_dialogue_marks_both_speeches() -> None:
    _, parsed = parse_fountain((FIXTURES / "elements.fountain").read_text())
    columns = [(element.text, element.column) for element in parsed if element.column]
    assert columns == [
        ("ALICE", Column.LEFT),
        ("No.", Column.LEFT),
        ("BOB", Column.RIGHT),
        ("Now?", Column.RIGHT),
    ]


def test_element_kinds_cover_the_fountain_syntax() -> None:
    _, parsed = parse_fountain((FIXTURES / "elements.fountain").read_text())
    kinds = [(element.kind, element.text) for element in parsed]
    assert (Kind.CHARACTER, "McCLANE") in kinds
    assert (Kind.PARENTHETICAL, "(whispering)") in kinds
    assert (Kind.TRANSITION, "CUT TO:") in kinds
    assert (Kind.TRANSITION, "FADE TO BLACK.") in kinds
    assert (Kind.CENTERED, "THE END") in kinds
    assert (Kind.LYRIC, "A kettle song,\nsung off key.") in kinds
    assert (Kind.PAGE_BREAK, "") in kinds
    # Sections (#) and synopses (=) never become elements.
    assert not any("Part one" in text or "introduced" in text for _, text in kinds)


# Encodings and line endings -------------------------------------------------


def test_bom_and_crlf_give_the_same_scenes_as_plain_lf(elements: ParsedScript) -> None:
    assert _parse("elements_bom_crlf.fountain") == elements


def test_lone_cr_line_endings_are_understood() -> None:
    data = (FIXTURES / "elements.fountain").read_bytes().replace(b"\n", b"\r")
    assert parse_script(data, "elements.fountain").scenes == _parse("elements.fountain").scenes


def test_latin1_file_is_read_with_its_accents() -> None:
    script = _parse("cafe_latin1.fountain")
    scene = script.scenes[0]
    assert scene.set_name == "CAFÉ"
    assert scene.characters == ["JOSÉ"]
    assert "not UTF-8" in script.warnings[0]


def test_utf8_accents_need_no_warning() -> None:
    script = parse_script("INT. CAFÉ - DAY\n\nZoë waits.\n".encode(), "x.fountain")
    assert script.scenes[0].set_name == "CAFÉ"
    assert script.warnings == []


# Content hash ---------------------------------------------------------------


def test_content_hash_ignores_number_and_spacing_but_not_words() -> None:
    base = parse_script(b"INT. A - DAY\n\nBob sits.\n", "x.fountain").scenes[0]
    renumbered = parse_script(b"INT. A - DAY #9#\n\n\nBob   sits.\n", "x.fountain").scenes[0]
    edited = parse_script(b"INT. A - DAY\n\nBob stands.\n", "x.fountain").scenes[0]
    assert base.content_hash == renumbered.content_hash
    assert base.content_hash != edited.content_hash


# Errors ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.fountain", "This file is empty."),
        ("binary.fountain", "binary file"),
        ("no_headings.fountain", "no scene headings (lines starting INT. or EXT.)"),
    ],
)
def test_unreadable_files_raise_a_message_for_the_producer(name: str, message: str) -> None:
    with pytest.raises(ScriptImportError, match=re.escape(message)):
        _parse(name)


def test_unknown_extension_is_refused_by_name() -> None:
    with pytest.raises(ScriptImportError, match=r"'draft\.docx'.*Fountain.*Final Draft"):
        parse_script(b"INT. A - DAY\n", "draft.docx")


def test_whitespace_only_file_is_empty() -> None:
    with pytest.raises(ScriptImportError, match="empty"):
        parse_script(b"\xef\xbb\xbf \r\n\r\n", "x.fountain")
