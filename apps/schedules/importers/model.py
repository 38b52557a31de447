"""Data shapes shared by the screenplay parsers.

Both parsers (Fountain and Final Draft) reduce a file to the same flat list of
:class:`Element` values, so scene splitting, heading normalisation and the page
model are written once and behave identically for every format.
"""

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from apps.core.errors import DomainError


class ScriptImportError(DomainError, ValueError):
    """The file cannot be read as a screenplay; the message is meant for the producer."""


class Kind(StrEnum):
    """The screenplay element types the page model knows how to lay out."""

    HEADING = "heading"
    ACTION = "action"
    CHARACTER = "character"
    PARENTHETICAL = "parenthetical"
    DIALOGUE = "dialogue"
    TRANSITION = "transition"
    CENTERED = "centered"
    LYRIC = "lyric"
    SHOT = "shot"
    PAGE_BREAK = "page_break"


class Column(StrEnum):
    """Where a dialogue element sits: full width, or one side of dual dialogue."""

    FULL = ""
    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True)
class Element:
    """One paragraph of a script; ``text`` is plain (no markup), hard breaks as ``\\n``."""

    kind: Kind
    text: str
    number: str = ""
    column: Column = Column.FULL


@dataclass
class ParsedScene:
    """One scene as the schedule needs it; ``eighths`` is its length in eighths of a page.

    ``time_of_day`` is the writer's words ("NIGHT (1973)", "MOMENTS LATER"); ``light`` is "DAY" or
    "NIGHT" from them, or inherited from the scene before in script order when they name no light
    ("CONTINUOUS", "SAME"), or "" when no scene before named one.
    """

    number: str
    int_ext: str
    set_name: str
    time_of_day: str
    eighths: int
    synopsis: str
    characters: list[str]
    heading: str
    content_hash: str
    # The scene's words (action, cues, dialogue), one element per line: what a revision is
    # matched and compared by.
    text: str = ""
    # Whether the writer numbered the scene (#12A#), or the importer counted it.
    numbered: bool = False
    light: str = ""


@dataclass
class ParsedScript:
    """A whole imported script; ``page_count`` is exactly ``total_eighths / 8``."""

    title: str
    scenes: list[ParsedScene]
    total_eighths: int
    page_count: Fraction
    warnings: list[str]
