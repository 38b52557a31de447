"""Final Draft (.fdx) reader.

An .fdx file is XML: ``<FinalDraft><Content>`` holds one ``<Paragraph Type=...>``
per element, its text split into ``<Text>`` style runs. Uploaded files are
untrusted, so the XML is read with expat directly and any DOCTYPE or ENTITY
declaration is refused before it can be expanded (no billion-laughs, no
external entities).
"""

import xml.etree.ElementTree as ET  # TreeBuilder only; expat refuses DTDs  # nosec B405
from xml.parsers import expat

from .model import Column, Element, Kind, ScriptImportError

_KINDS = {
    "Scene Heading": Kind.HEADING,
    "Action": Kind.ACTION,
    "General": Kind.ACTION,
    "Character": Kind.CHARACTER,
    "Dialogue": Kind.DIALOGUE,
    "Parenthetical": Kind.PARENTHETICAL,
    "Transition": Kind.TRANSITION,
    "Shot": Kind.SHOT,
    "Lyrics": Kind.LYRIC,
}
_RESAVE = "Open it in Final Draft, save it again as .fdx and upload that copy."


class _DeclarationRefusedError(Exception):
    """Raised from inside expat when the document declares a DTD or entities."""


def parse_fdx(data: bytes) -> tuple[str, list[Element], list[str]]:
    """Return the title-page title ("" if none), the elements and any warnings."""
    root = _parse_xml(data)
    if root.tag != "FinalDraft":
        raise ScriptImportError(
            f"This .fdx file is not a Final Draft script (it starts with <{root.tag}>)."
        )
    content = root.find("Content")
    if content is None:
        raise ScriptImportError(f"This Final Draft file has no script content. {_RESAVE}")
    elements: list[Element] = []
    unknown: list[str] = []
    for child in content:
        dual = child if child.tag == "DualDialogue" else child.find("DualDialogue")
        if dual is not None:
            _add_dual(dual, elements, unknown)
        elif child.tag == "Paragraph":
            _add(child, Column.FULL, elements, unknown)
    warnings = [f"Final Draft paragraphs of type '{kind}' were read as action." for kind in unknown]
    return _title(root), elements, warnings


def _parse_xml(data: bytes) -> ET.Element:
    """Build an ElementTree with expat, refusing DOCTYPE and ENTITY declarations."""
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate()
    parser.buffer_text = True

    def refuse(*_args: object) -> None:
        raise _DeclarationRefusedError

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(data, True)
        return builder.close()
    except _DeclarationRefusedError:
        raise ScriptImportError(
            "This Final Draft file contains a DOCTYPE or ENTITY declaration, which Final Draft "
            f"never writes; it was refused for safety. {_RESAVE}"
        ) from None
    except expat.ExpatError as error:
        raise ScriptImportError(
            f"This Final Draft file is damaged and cannot be read ({error}). {_RESAVE}"
        ) from None


def _text(paragraph: ET.Element) -> str:
    """Join the paragraph's text runs; tabs become spaces."""
    return "".join(run.text or "" for run in paragraph.findall("Text")).expandtabs(4)


def _add(
    paragraph: ET.Element, column: Column, elements: list[Element], unknown: list[str]
) -> None:
    """Append one paragraph as an element; empty paragraphs take no space."""
    paragraph_type = paragraph.get("Type", "General")
    kind = _KINDS.get(paragraph_type)
    if kind is None:
        kind = Kind.ACTION
        if paragraph_type not in unknown:
            unknown.append(paragraph_type)
    if kind is Kind.ACTION and paragraph.get("Alignment") == "Center":
        kind = Kind.CENTERED
    text = _text(paragraph).strip()
    if not text:
        return
    if kind is Kind.HEADING:
        elements.append(Element(kind, text, number=paragraph.get("Number", "").strip()))
    else:
        elements.append(Element(kind, text, column=column))


def _add_dual(dual: ET.Element, elements: list[Element], unknown: list[str]) -> None:
    """The first speech of a DualDialogue block is the left column, the second the right."""
    cues = 0
    for paragraph in dual.findall("Paragraph"):
        if paragraph.get("Type") == "Character":
            cues += 1
        column = Column.LEFT if cues <= 1 else Column.RIGHT
        _add(paragraph, column, elements, unknown)


def _title(root: ET.Element) -> str:
    """The first non-empty line of the title page, which is where Final Draft puts the title."""
    title_page = root.find("TitlePage/Content")
    if title_page is None:
        return ""
    for paragraph in title_page.iter("Paragraph"):
        text = " ".join(_text(paragraph).split())
        if text:
            return text
    return ""
