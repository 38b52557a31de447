"""Sides: the scenes a role reads, printed from the words the schedule keeps of the imported
script (`Scene.text`, one element per line), with the production's letterhead."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import slugify

from apps.casting.auditions.models import AuditionSides
from apps.core.documents import Heading, render_pdf
from apps.productions.documents import letterhead

TEMPLATE = "casting/auditions/sides_pdf.html"


@dataclass(frozen=True)
class Line:
    text: str
    cue: bool  # a character's name before their words (printed as the script does, indented)


@dataclass(frozen=True)
class PrintedScene:
    number: str
    heading: str
    lines: list[Line]


def _is_cue(line: str) -> bool:
    """A cue is a short line in capitals ("MARA", "MARA (V.O.)"); a heading is not one."""
    return line.isupper() and len(line) <= 40 and not line.startswith(("INT", "EXT", "I/E"))


def printed_scenes(sides: AuditionSides) -> list[PrintedScene]:
    scenes = sorted(sides.scenes.select_related("set"), key=lambda s: (s.sort_key, s.number))
    return [
        PrintedScene(
            number=scene.number,
            heading=scene.heading or str(scene),
            lines=[Line(text, _is_cue(text)) for text in scene.text.splitlines() if text.strip()],
        )
        for scene in scenes
    ]


def heading_of(sides: AuditionSides) -> Heading:
    return Heading("Sides", sides.role.name, sides.session.title)


def context_of(sides: AuditionSides) -> dict:
    return {"sides": sides, "scenes": printed_scenes(sides)}


def filename_of(sides: AuditionSides) -> str:
    return f"sides-{slugify(sides.role.name) or 'role'}-{sides.session.date:%Y-%m-%d}"


def sides_pdf(sides: AuditionSides, user=None) -> bytes:
    """The sides as a PDF (for the invitation's attachment); PdfUnavailable without Pango."""
    head = letterhead(sides.production, heading_of(sides), user)
    return render_pdf(TEMPLATE, {**context_of(sides), "letterhead": head})
