"""Final Draft (.fdx) import: paragraphs, dual dialogue, parity with Fountain, hostile XML."""

from pathlib import Path

import pytest

from apps.schedules.importers import ParsedScript, ScriptImportError, parse_script
from apps.schedules.importers.fdx import parse_fdx
from apps.schedules.importers.model import Column, Element, Kind

FIXTURES = Path(__file__).parent / "fixtures"


def _parse(name: str) -> ParsedScript:
    return parse_script((FIXTURES / name).read_bytes(), name)


def _fdx(paragraphs: str) -> bytes:
    return f'<?xml version="1.0"?><FinalDraft><Content>{paragraphs}</Content></FinalDraft>'.encode()


@pytest.fixture(scope="module")
def sample() -> ParsedScript:
    return _parse("sample.fdx")


@pytest.fixture(scope="module")
def sample_elements() -> list[Element]:
    return parse_fdx((FIXTURES / "sample.fdx").read_bytes())[1]


def test_title_comes_from_the_first_title_page_line(sample: ParsedScript) -> None:
    assert sample.title == "RETURN TO SENDER"


def test_scene_numbers_come_from_the_number_attribute(sample: ParsedScript) -> None:
    assert [scene.number for scene in sample.scenes] == ["1", "2A", "3"]


def test_headings_are_normalised_like_fountain(sample: ParsedScript) -> None:
    parts = [(s.int_ext, s.set_name, s.time_of_day) for s in sample.scenes]
    assert parts == [
        ("INT", "SORTING OFFICE", "NIGHT"),
        ("EXT", "HENDRY HOUSE", "DAWN"),
        ("INT", "HENDRY HOUSE - HALL", "CONTINUOUS"),
    ]


def test_split_text_runs_are_joined(sample_elements: list[Element]) -> None:
    texts = [element.text for element in sample_elements]
    assert "EXT. HENDRY HOUSE \u2013 DAWN" in texts
    assert "I heard that." in texts
    assert any("a tube marked FRAGILE - MAPS in three languages" in text for text in texts)


def test_paragraph_types_map_to_elements(sample_elements: list[Element]) -> None:
    kinds = {(element.kind, element.text) for element in sample_elements}
    assert (Kind.TRANSITION, "CUT TO:") in kinds
    assert (Kind.SHOT, "CLOSE ON THE LETTERBOX") in kinds
    assert (Kind.PARENTHETICAL, "(to the scanner)") in kinds
    assert (
        Kind.ACTION,
        "A tall, narrow house with every curtain drawn. The doorbell has been taped over.",
    ) in kinds


def test_dual_dialogue_wrapper_gives_left_and_right_speeches(
    sample_elements: list[Element],
) -> None:
    dual = [(element.text, element.column) for element in sample_elements if element.column]
    assert dual == [
        ("MAYA", Column.LEFT),
        ("Hello?", Column.LEFT),
        ("GORDON", Column.RIGHT),
        ("(at the same time)", Column.RIGHT),
        ("Anyone home?", Column.RIGHT),
    ]


def test_speaking_characters_drop_extensions(sample: ParsedScript) -> None:
    assert sample.scenes[0].characters == ["MAYA", "GORDON"]
    assert sample.scenes[1].characters == ["MAYA", "GORDON"]


def test_fdx_and_its_fountain_twin_give_the_same_scenes(sample: ParsedScript) -> None:
    fountain = _parse("sample.fountain")
    assert sample.total_eighths == fountain.total_eighths
    for from_fdx, from_fountain in zip(sample.scenes, fountain.scenes, strict=True):
        assert from_fdx.eighths == from_fountain.eighths
        assert from_fdx.characters == from_fountain.characters
        assert from_fdx.synopsis == from_fountain.synopsis
        assert from_fdx.heading == from_fountain.heading
    # Fountain has no Shot element, so only the scenes without one hash alike.
    assert sample.scenes[0].content_hash == fountain.scenes[0].content_hash
    assert sample.scenes[2].content_hash == fountain.scenes[2].content_hash


def test_a_long_fdx_scene_is_measured_with_the_page_model(sample: ParsedScript) -> None:
    # FADE IN: and the sorting office take 40 printed lines: 40 / 6.875 = 5.8, so 6/8.
    assert sample.scenes[0].eighths == 6


def test_unknown_paragraph_types_are_read_as_action_with_a_warning() -> None:
    data = _fdx(
        '<Paragraph Type="Scene Heading"><Text>INT. A - DAY</Text></Paragraph>'
        '<Paragraph Type="Cast List"><Text>ANN, BOB</Text></Paragraph>'
    )
    script = parse_script(data, "a.fdx")
    assert script.scenes[0].synopsis == "ANN, BOB"
    assert script.warnings == ["Final Draft paragraphs of type 'Cast List' were read as action."]


def test_heading_without_int_ext_is_flagged() -> None:
    data = _fdx('<Paragraph Type="Scene Heading"><Text>MONTAGE</Text></Paragraph>')
    script = parse_script(data, "a.fdx")
    assert script.scenes[0].int_ext == ""
    assert "does not say INT. or EXT." in script.warnings[0]


def test_utf16_fdx_is_read() -> None:
    text = (FIXTURES / "sample.fdx").read_text("utf-8").replace('encoding="UTF-8"', "")
    assert parse_script(text.encode("utf-16"), "sample.fdx") == _parse("sample.fdx")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("malformed.fdx", "This Final Draft file is damaged and cannot be read"),
        ("billion_laughs.fdx", "contains a DOCTYPE or ENTITY declaration"),
        ("no_headings.fdx", "This file has no scene headings (lines starting INT. or EXT.)"),
    ],
)
def test_bad_fdx_files_raise_a_message_for_the_producer(name: str, message: str) -> None:
    with pytest.raises(ScriptImportError) as error:
        _parse(name)
    assert message in str(error.value)


def test_external_entities_are_refused() -> None:
    data = (
        b'<?xml version="1.0"?><!DOCTYPE FinalDraft SYSTEM "file:///etc/passwd">'
        b"<FinalDraft><Content/></FinalDraft>"
    )
    with pytest.raises(ScriptImportError, match="DOCTYPE or ENTITY"):
        parse_script(data, "evil.fdx")


def test_undeclared_entity_is_a_damaged_file() -> None:
    with pytest.raises(ScriptImportError, match="damaged"):
        parse_script(_fdx("<Paragraph><Text>&bogus;</Text></Paragraph>"), "x.fdx")


def test_other_xml_is_not_a_final_draft_script() -> None:
    with pytest.raises(ScriptImportError, match="not a Final Draft script"):
        parse_script(b"<html><body>INT. A - DAY</body></html>", "page.fdx")


def test_empty_fdx_is_empty() -> None:
    with pytest.raises(ScriptImportError, match="empty"):
        parse_script(b"", "x.fdx")
