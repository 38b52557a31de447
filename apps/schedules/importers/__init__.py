"""Screenplay importer: a script file in, a list of scenes with page lengths out.

Pure Python and standard library only, so it can be called from a view, a
Celery task or a test alike. ``parse_script`` either returns a complete
``ParsedScript`` or raises ``ScriptImportError`` with a message for the producer.
"""

import hashlib
import re
from collections.abc import Sequence
from fractions import Fraction
from pathlib import PurePath

from .decode import decode_text
from .fdx import parse_fdx
from .fountain import light_of, parse_fountain, split_heading
from .model import Element, Kind, ParsedScene, ParsedScript, ScriptImportError
from .pagination import layout, lines_to_eighths

__all__ = ["ParsedScene", "ParsedScript", "ScriptImportError", "parse_script"]

FOUNTAIN_SUFFIXES = frozenset({".fountain", ".txt"})
FDX_SUFFIXES = frozenset({".fdx"})
SYNOPSIS_LENGTH = 200

_EXTENSION_RE = re.compile(r"\([^)]*\)?")
_LEADING_NUMBER_RE = re.compile(r"^[0-9]+")


def parse_script(data: bytes, filename: str, *, max_bytes: int | None = None) -> ParsedScript:
    """Parse a Fountain (.fountain, .txt) or Final Draft (.fdx) file into scenes. Every step is
    linear in the file's size; `max_bytes` bounds the size."""
    if max_bytes is not None and len(data) > max_bytes:
        raise ScriptImportError(
            f"This file is {len(data) / 1_000_000:.1f} MB; a script may be at most "
            f"{max_bytes / 1_000_000:.1f} MB. A feature script is about 0.2 MB of Fountain or "
            "2 MB of Final Draft."
        )
    suffix = PurePath(filename).suffix.lower()
    if suffix not in FOUNTAIN_SUFFIXES | FDX_SUFFIXES:
        raise ScriptImportError(
            f"Producer Desk cannot read '{PurePath(filename).name}': scripts must be Fountain "
            "(.fountain or .txt) or Final Draft (.fdx) files."
        )
    if not data.strip():
        raise ScriptImportError("This file is empty.")
    warnings: list[str] = []
    if suffix in FDX_SUFFIXES:
        title, elements, warnings = parse_fdx(data)
    else:
        text, encoding = decode_text(data)
        if not text.strip():
            raise ScriptImportError("This file is empty.")
        if encoding in ("cp1252", "latin-1"):
            warnings.append(
                "The file is not UTF-8; it was read as Western European text "
                f"({encoding}). Check accented names."
            )
        title, elements = parse_fountain(text)
    return build_script(title or PurePath(filename).stem, elements, warnings)


def build_script(title: str, elements: Sequence[Element], warnings: list[str]) -> ParsedScript:
    """Cut the elements into scenes at each heading and measure them with the page model."""
    heading_at = [index for index, element in enumerate(elements) if element.kind is Kind.HEADING]
    if not heading_at:
        raise ScriptImportError(
            "This file has no scene headings (lines starting INT. or EXT.), so it cannot be "
            "split into scenes. Check that it is a screenplay and that each scene starts with "
            "a heading such as 'INT. KITCHEN - NIGHT'."
        )
    page_layout = layout(elements)
    headings = [split_heading(elements[index].text) for index in heading_at]
    explicit = [
        elements[index].number or heading.number
        for index, heading in zip(heading_at, headings, strict=True)
    ]
    numbers = _number_scenes(explicit, warnings)
    ends = [*heading_at[1:], len(elements)]
    scenes: list[ParsedScene] = []
    light = ""
    for position, (start, end) in enumerate(zip(heading_at, ends, strict=True)):
        heading, number = headings[position], numbers[position]
        first_line = 0 if position == 0 else page_layout.starts[start]
        last_line = page_layout.starts[end] if end < len(elements) else page_layout.end
        body = elements[start + 1 : end]
        if not heading.int_ext:
            warnings.append(
                f"Scene {number} ({heading.heading}) does not say INT. or EXT.; set it by hand."
            )
        light = light_of(heading.time_of_day) or light
        scenes.append(
            ParsedScene(
                number=number,
                int_ext=heading.int_ext,
                set_name=heading.set_name,
                time_of_day=heading.time_of_day,
                eighths=lines_to_eighths(last_line - first_line),
                synopsis=_synopsis(body),
                characters=_speaking_characters(body),
                heading=heading.heading,
                content_hash=_content_hash(heading.heading, body),
                text=scene_text(body),
                numbered=bool(explicit[position]),
                light=light,
            )
        )
    total = sum(scene.eighths for scene in scenes)
    return ParsedScript(
        title=title,
        scenes=scenes,
        total_eighths=total,
        page_count=Fraction(total, 8),
        warnings=warnings,
    )


def _number_scenes(explicit: list[str], warnings: list[str]) -> list[str]:
    """Keep the writer's scene numbers; number the rest sequentially, skipping any taken.

    An unnumbered scene gets one more than the number of the scene before it
    (its leading digits, so 12A is followed by 13), or the next free number.
    """
    taken = set(explicit) - {""}
    seen: set[str] = set()
    numbers: list[str] = []
    counter = 0
    for number in explicit:
        if number:
            if number in seen:
                warnings.append(f"Scene number {number} is used more than once.")
            leading = _LEADING_NUMBER_RE.match(number)
            if leading:
                counter = int(leading.group())
        else:
            counter += 1
            while str(counter) in taken:
                counter += 1
            number = str(counter)
            taken.add(number)
        seen.add(number)
        numbers.append(number)
    return numbers


def _character_name(cue: str) -> str:
    """The character behind a cue: ``BOB (V.O.)`` and ``BOB (CONT'D)`` are both ``BOB``."""
    return " ".join(_EXTENSION_RE.sub(" ", cue).split())


def _speaking_characters(body: Sequence[Element]) -> list[str]:
    """Cues followed by at least one line of dialogue, deduplicated in order of first appearance."""
    names: dict[str, str] = {}
    for index, element in enumerate(body):
        if element.kind is not Kind.CHARACTER:
            continue
        name = _character_name(element.text)
        if name and name.casefold() not in names and _has_dialogue(body, index):
            names[name.casefold()] = name
    return list(names.values())


def _has_dialogue(body: Sequence[Element], cue_index: int) -> bool:
    """Whether the speech under a cue contains a spoken line, not only parentheticals."""
    column = body[cue_index].column
    for element in body[cue_index + 1 :]:
        if element.kind not in (Kind.DIALOGUE, Kind.PARENTHETICAL) or element.column != column:
            return False
        if element.kind is Kind.DIALOGUE and element.text.strip():
            return True
    return False


def _synopsis(body: Sequence[Element]) -> str:
    """The scene's first action paragraph on one line, cut to 200 characters at a word."""
    action = next((element.text for element in body if element.kind is Kind.ACTION), "")
    text = " ".join(action.split())
    if len(text) <= SYNOPSIS_LENGTH:
        return text
    cut = text[: SYNOPSIS_LENGTH - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"


def scene_text(body: Sequence[Element]) -> str:
    """The scene's printed words, one element per line, whitespace collapsed within each."""
    return "\n".join(
        " ".join(element.text.split())
        for element in body
        if element.kind is not Kind.PAGE_BREAK and element.text.strip()
    )


def _content_hash(heading: str, body: Sequence[Element]) -> str:
    """SHA-256 of the scene's heading and elements, whitespace collapsed.

    The scene number and the layout (dual dialogue, page breaks) are left out,
    so renumbering or reflowing a scene does not make it look rewritten.
    """
    parts = [f"heading:{heading}"]
    parts += [
        f"{element.kind.value}:{' '.join(element.text.split())}"
        for element in body
        if element.kind is not Kind.PAGE_BREAK
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()
