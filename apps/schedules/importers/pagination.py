"""The page model: how long a scene is, in eighths of a standard US screenplay page.

A schedule is built from scene lengths, so the importer lays the script out the
way a screenplay renderer would (US Letter, 12 pt Courier, 10 characters per
inch, 6 lines per inch) and measures each scene in printed lines.

The model, stated:

* A page holds ``LINES_PER_PAGE`` = 55 lines of text (the 1" top and bottom
  margins of an 11" page, less header room).
* Each element is word-wrapped to a width in characters (``WIDTHS``): scene
  heading, action, centered text, lyrics and shots 61; character cue 38;
  dialogue 35; parenthetical 26; transition 16. Each side of dual dialogue
  is narrower (``DUAL_WIDTHS``): cue 20, dialogue 20, parenthetical 18.
  Hard line breaks in the source are kept; a word longer than the width is cut.
* One blank line goes before a scene heading, action, character cue,
  transition, centered text, lyric and shot, and one after a scene heading,
  transition and shot. Adjacent blanks collapse into one (as a renderer's
  "space before"/"space after" do), and a blank that would open a page is dropped.
* Scene headings, shots, cues and parentheticals stay with the paragraph that
  follows them: if the pair does not fit, both go to the next page. Action and
  dialogue paragraphs may split across a page, but never leave a single line
  alone at the foot of a page. A Fountain ``===`` forces a new page.
* (MORE)/(CONT'D) lines at dialogue page breaks are not added; the 10%
  accuracy target against screenplain holds without them.

Scene lengths: a scene runs from the top line of its heading to the top line of
the next heading, so white space left at the foot of a page belongs to the scene
above it; lines before the first heading belong to the first scene. That length
is converted to eighths (one eighth = 55/8 = 6.875 lines), rounded to the nearest
eighth (no whole number of lines falls exactly halfway), with a minimum of 1/8 per
scene. The script total is the sum of the scene eighths, so the board and the
total always agree; the rounding can move the total a little off the laid-out length.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from .model import Column, Element, Kind

LINES_PER_PAGE = 55

WIDTHS: dict[Kind, int] = {
    Kind.HEADING: 61,
    Kind.ACTION: 61,
    Kind.CENTERED: 61,
    Kind.LYRIC: 61,
    Kind.SHOT: 61,
    Kind.CHARACTER: 38,
    Kind.DIALOGUE: 35,
    Kind.PARENTHETICAL: 26,
    Kind.TRANSITION: 16,
}
DUAL_WIDTHS: dict[Kind, int] = {
    Kind.CHARACTER: 20,
    Kind.DIALOGUE: 20,
    Kind.PARENTHETICAL: 18,
}
SPACE_BEFORE = frozenset(
    {
        Kind.HEADING,
        Kind.ACTION,
        Kind.CHARACTER,
        Kind.TRANSITION,
        Kind.CENTERED,
        Kind.LYRIC,
        Kind.SHOT,
    }
)
SPACE_AFTER = frozenset({Kind.HEADING, Kind.TRANSITION, Kind.SHOT})
KEEP_WITH_NEXT = frozenset({Kind.HEADING, Kind.SHOT, Kind.CHARACTER, Kind.PARENTHETICAL})
SPLITTABLE = frozenset({Kind.ACTION, Kind.DIALOGUE, Kind.LYRIC})
# The fewest lines of a split paragraph allowed at the foot of a page.
MIN_LINES_BEFORE_SPLIT = 2


def wrap(text: str, width: int) -> int:
    """Count the printed lines of ``text`` word-wrapped at ``width`` characters."""
    return sum(_wrap_line(line, width) for line in text.split("\n"))


def _wrap_line(line: str, width: int) -> int:
    """Greedy word wrap of one hard line; an empty line still takes a line."""
    lines, used = 1, 0
    for word in line.split():
        if used and used + 1 + len(word) <= width:
            used += 1 + len(word)
            continue
        if used:
            lines += 1
        # A word wider than the line is cut into full-width pieces.
        pieces, used = divmod(len(word), width)
        if used == 0:
            pieces, used = pieces - 1, width
        lines += pieces
    return lines


def lines_to_eighths(lines: int) -> int:
    """Convert printed lines to eighths of a page: the nearest eighth, at least 1."""
    return max(1, (16 * lines + LINES_PER_PAGE) // (2 * LINES_PER_PAGE))


@dataclass
class _Block:
    """Something placed on the page in one piece: an element, or a dual-dialogue pair."""

    first: int
    last: int
    height: int
    before: int
    after: int
    keep_with_next: bool
    splittable: bool
    page_break: bool = False


@dataclass
class Layout:
    """Where each element starts, as an absolute line number (page index * 55 + line)."""

    starts: list[int] = field(default_factory=list)
    end: int = 0
    pages: int = 1


def layout(elements: Sequence[Element]) -> Layout:
    """Lay the elements out on pages and report where each one starts."""
    result = Layout(starts=[0] * len(elements))
    cursor = _Cursor(result)
    for group in _keep_together_groups(_blocks(elements)):
        if len(group) > 1 and not cursor.fits(group):
            cursor.new_page()
        for block in group:
            cursor.place(block)
    result.pages = cursor.page + 1
    return result


class _Cursor:
    """The write position while filling pages, with the spacing rules of the model."""

    def __init__(self, result: Layout) -> None:
        self.result = result
        self.page = 0
        self.used = 0
        self.prev_after = 0
        self.at_top = True

    def gap(self, block: _Block) -> int:
        """Blank lines before ``block``, merged with the last space after; none atop a page."""
        return 0 if self.at_top else max(block.before - self.prev_after, 0)

    def fits(self, group: list[_Block]) -> bool:
        """Whether a keep-together group fits in what is left of this page."""
        needed = self.gap(group[0])
        for previous, block in pairwise(group):
            needed += previous.height + max(block.before - previous.after, 0) + previous.after
        needed += group[-1].height
        return needed <= LINES_PER_PAGE - self.used

    def new_page(self) -> None:
        """Start a fresh page; nothing carries over."""
        self.page += 1
        self.used = 0
        self.prev_after = 0
        self.at_top = True

    def place(self, block: _Block) -> None:
        """Put ``block`` on the page, splitting or moving it as the model says."""
        if block.page_break:
            if not self.at_top:
                self.new_page()
            self._record(block, self.page * LINES_PER_PAGE)
            return
        gap = self.gap(block)
        room = LINES_PER_PAGE - self.used - gap
        if (
            block.height > room
            and not (block.splittable and room >= MIN_LINES_BEFORE_SPLIT)
            and not self.at_top
        ):
            self.new_page()
            gap = 0
        self.used += gap
        self._record(block, self.page * LINES_PER_PAGE + self.used)
        remaining = block.height
        while remaining > LINES_PER_PAGE - self.used:
            remaining -= LINES_PER_PAGE - self.used
            self.new_page()
        self.used += remaining
        self.result.end = self.page * LINES_PER_PAGE + self.used
        self.used += block.after
        self.prev_after = block.after
        self.at_top = False

    def _record(self, block: _Block, start: int) -> None:
        for index in range(block.first, block.last + 1):
            self.result.starts[index] = start


def _blocks(elements: Sequence[Element]) -> list[_Block]:
    """Measure each element; the two sides of dual dialogue become one block."""
    blocks: list[_Block] = []
    index = 0
    while index < len(elements):
        element = elements[index]
        if element.column is not Column.FULL:
            index = _dual_block(elements, index, blocks)
            continue
        blocks.append(
            _Block(
                first=index,
                last=index,
                height=wrap(element.text, WIDTHS.get(element.kind, WIDTHS[Kind.ACTION])),
                before=int(element.kind in SPACE_BEFORE),
                after=int(element.kind in SPACE_AFTER),
                keep_with_next=element.kind in KEEP_WITH_NEXT,
                splittable=element.kind in SPLITTABLE,
                page_break=element.kind is Kind.PAGE_BREAK,
            )
        )
        index += 1
    return blocks


def _dual_block(elements: Sequence[Element], first: int, blocks: list[_Block]) -> int:
    """Append one block for a run of dual dialogue as tall as its taller side."""
    heights = {Column.LEFT: 0, Column.RIGHT: 0}
    index = first
    while index < len(elements) and elements[index].column is not Column.FULL:
        element = elements[index]
        width = DUAL_WIDTHS.get(element.kind, DUAL_WIDTHS[Kind.DIALOGUE])
        heights[element.column] += wrap(element.text, width)
        index += 1
    blocks.append(
        _Block(
            first=first,
            last=index - 1,
            height=max(heights.values()),
            before=1,
            after=0,
            keep_with_next=False,
            splittable=True,
        )
    )
    return index


def _keep_together_groups(blocks: list[_Block]) -> list[list[_Block]]:
    """Chain each keep-with-next block to the block after it."""
    groups: list[list[_Block]] = []
    current: list[_Block] = []
    for block in blocks:
        current.append(block)
        if not block.keep_with_next:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups
