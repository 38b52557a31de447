"""Fountain (https://fountain.io) reader, and the scene-heading rules every format shares.

The reader follows the Fountain syntax paragraph by paragraph (blocks of lines
between blank lines) and produces plain-text :class:`Element` values. It is a
little more forgiving than the spec where real files are sloppy: an upper-case
scene heading directly followed by action, without the blank line, still counts.
"""

import re
from dataclasses import replace
from typing import NamedTuple

from .model import Column, Element, Kind

# Removed before anything else: boneyard /* ... */ and notes [[ ... ]], even over several lines.
_HIDDEN = {"/*": "*/", "[[": "]]"}
_HIDDEN_MARK = "\x00"  # safe: decode_text refuses text that contains NUL

_TITLE_KEY_RE = re.compile(r"^([A-Za-z][A-Za-z0-9 _'-]*):\s*(.*)$")
_TITLE_CONTINUATION_RE = re.compile(r"^(?: {3,}|\t)\s*(\S.*)$")
_PAGE_BREAK_RE = re.compile(r"^={3,}$")
_CENTERED_RE = re.compile(r"^\s*>(.*)<\s*$")
_SCENE_NUMBER_RE = re.compile(r"\s*#([\w.\-]+)#\s*$")
_PREFIX_RE = re.compile(
    r"^(?P<prefix>INT\.?\s*/\s*EXT|EXT\.?\s*/\s*INT|I\s*/\s*E|INT|EXT|EST)(?:\.\s*|\s+)(?P<rest>.*)$",
    re.IGNORECASE,
)
_EMPHASIS_RE = re.compile(r"(\*{1,3}|_)(?=\S)(.+?)(?<=\S)(?<!\\)\1")
_ESCAPED_EMPHASIS_RE = re.compile(r"\\([*_])")

_INT_EXT = {
    "INT": "INT",
    "EXT": "EXT",
    "EST": "EXT",
    "INTEXT": "INT/EXT",
    "EXTINT": "INT/EXT",
    "IE": "INT/EXT",
}

# A heading's time of day is the writer's words after the set, kept as written: "NIGHT (1973)",
# "LATER THAT MORNING", "DAY / DRIVING", "NIGHT - FLASHBACK". It starts at the first part (after
# the set's own first part) whose words, brackets and anything after a slash left out, are all
# time words with at least one of TIME_WORDS among them; "DAY SPA" or "FRONT PORCH" are not.
DAY_WORDS = frozenset(
    {"DAY", "DAYTIME", "MORNING", "AFTERNOON", "DAWN", "SUNRISE", "SUNSET", "NOON", "DAYBREAK",
     "MAGIC"}
)  # fmt: skip
# Dusk and evening need night lighting on a board, as they always have here.
NIGHT_WORDS = frozenset(
    {"NIGHT", "NIGHTTIME", "NIGHTFALL", "EVENING", "DUSK", "MIDNIGHT", "TWILIGHT", "PRE-DAWN"}
)
# No light of their own: the scene carries on in the light of the one before it.
FOLLOWING_WORDS = frozenset(
    {"CONTINUOUS", "CONTINUED", "CONT'D", "CONT.", "CONT", "SAME", "LATER", "EARLIER"}
)
TIME_WORDS = DAY_WORDS | NIGHT_WORDS | FOLLOWING_WORDS
_FILLER_WORDS = frozenset(
    {"THE", "A", "AN", "NEXT", "THAT", "THIS", "SAME", "BIT", "LITTLE", "FEW", "MOMENT", "MOMENTS",
     "SECOND", "SECONDS", "MINUTE", "MINUTES", "HOUR", "HOURS", "DAYS", "NIGHTS", "WEEK", "WEEKS",
     "MONTH", "MONTHS", "YEAR", "YEARS", "ANOTHER", "EARLY", "LATE", "PRESENT", "MUCH", "SOME",
     "TIME", "FOLLOWING", "GOLDEN", "SHORTLY", "STILL", "AGO", "ONE", "TWO", "THREE", "FOUR",
     "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN", "AND", "&", "OF", "IN", "ON", "TO"}
)  # fmt: skip
# Between the set and the time, or between parts of either: a hyphen with a space on at least one
# side, a double hyphen, an en or em dash (with or without spaces), or a comma.
_SEPARATOR_RE = re.compile(r"\s*(?:--|[\u2013\u2014]{1,2})\s*|\s+-\s*|\s*-\s+|\s*,\s*")
# Innermost brackets only: a "(" with no ")" stops the scan at the next "(", so it stays linear.
_BRACKETED_RE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_WORD_RE = re.compile(r"[A-Z0-9&][A-Z0-9'.&-]*")


class Heading(NamedTuple):
    """A scene heading taken apart."""

    int_ext: str
    set_name: str
    time_of_day: str
    number: str
    heading: str


def split_heading(raw: str) -> Heading:
    """Split a heading such as ``int./ext. car - moving - night (1973) #12A#`` into its parts.

    The heading is upper-cased and its whitespace collapsed; ``int_ext`` is
    "INT", "EXT" or "INT/EXT" (EST counts as EXT), or "" when the heading does
    not say; ``time_of_day`` is the writer's words from the first part that says
    when ("NIGHT (1973)", "LATER THAT MORNING"), or "" when no part does.
    """
    text = raw.strip()
    if text.startswith(".") and not text.startswith(".."):
        text = text[1:]
    number = ""
    match = _SCENE_NUMBER_RE.search(text)
    if match:
        number, text = match.group(1), text[: match.start()]
    text = " ".join(strip_emphasis(text).upper().split())
    prefix = _PREFIX_RE.match(text)
    int_ext, rest = "", text
    if prefix:
        int_ext = _INT_EXT[re.sub(r"[^A-Z]", "", prefix["prefix"])]
        rest = prefix["rest"]
    set_name, time_of_day = _split_time(rest)
    return Heading(int_ext, set_name, time_of_day, number, text)


def _split_time(rest: str) -> tuple[str, str]:
    """The set name and the time of day (as written, "" if the heading gives none)."""
    cuts = _separators(rest)
    for index, (start, end) in enumerate(cuts):
        following = cuts[index + 1][0] if index + 1 < len(cuts) else len(rest)
        if _is_time(rest[end:following]):
            set_name = rest[:start].strip(" -\u2013\u2014,")
            if set_name:
                return set_name, rest[end:].strip(" -\u2013\u2014,")
    return rest.strip(" -\u2013\u2014,"), ""


def _separators(text: str) -> list[tuple[int, int]]:
    """Where the separators are, leaving out any inside brackets: "(1973 - 1975)" stays whole.

    The brackets are counted as the scan goes, so a heading of many parts is read in linear time.
    """
    found = []
    position = round_depth = square_depth = 0
    for match in _SEPARATOR_RE.finditer(text):
        between = text[position : match.start()]
        round_depth += between.count("(") - between.count(")")
        square_depth += between.count("[") - between.count("]")
        position = match.start()
        if round_depth == 0 and square_depth == 0:
            found.append((match.start(), match.end()))
    return found


def _is_time(part: str) -> bool:
    words = _time_words(part)
    return bool(words) and words <= TIME_WORDS | _FILLER_WORDS and bool(words & TIME_WORDS)


def _time_words(part: str) -> set[str]:
    """The words of a part that say when, brackets and what follows a slash left out."""
    head = _BRACKETED_RE.sub(" ", part).split("/", 1)[0]
    return {
        word if word in TIME_WORDS else word.rstrip(".")
        for word in _WORD_RE.findall(head)
        if not word.isdigit()
    }


def light_of(time_of_day: str) -> str:
    """ "DAY", "NIGHT", or "" for words with no light of their own ("CONTINUOUS", "A BIT LATER").

    The first word that names a light decides: "NIGHT (1973)" is night, "LATER THAT MORNING" day.
    """
    for word in _WORD_RE.findall((time_of_day or "").upper()):
        word = word if word in TIME_WORDS else word.rstrip(".")
        if word in NIGHT_WORDS:
            return "NIGHT"
        if word in DAY_WORDS:
            return "DAY"
    return ""


def strip_emphasis(text: str) -> str:
    """Remove Fountain emphasis (``*italic*``, ``**bold**``, ``_underline_``), keep ``\\*``."""
    previous = None
    while previous != text:
        previous, text = text, _EMPHASIS_RE.sub(r"\2", text)
    return _ESCAPED_EMPHASIS_RE.sub(r"\1", text)


def parse_fountain(text: str) -> tuple[str, list[Element]]:
    """Return the title-page title ("" if none) and the script's elements."""
    lines = _visible_lines(text)
    title, body = _split_title_page(lines)
    elements: list[Element] = []
    for block in _paragraphs(body):
        _read_block(block, elements)
    return title, elements


def _visible_lines(text: str) -> list[str]:
    """Drop boneyard and notes; a line that held only hidden text disappears entirely."""
    marked = _mark_hidden(text)
    lines = []
    for line in marked.split("\n"):
        if _HIDDEN_MARK in line:
            line = line.replace(_HIDDEN_MARK, "")
            if not line.strip():
                continue
        lines.append(line.expandtabs(4))
    return lines


def _mark_hidden(text: str) -> str:
    """Replace each boneyard and note (opener to the nearest closer, leftmost first) with one mark.

    One pass with ``str.find``: linear in the text's length. (A non-greedy regex rescans to the
    end for every opener without a closer, so ``[[`` repeated 60,000 times took seconds and grew
    quadratically.) An opener with no closer after it is kept as text, as the regex did; once a
    kind has no closer left, later openers of that kind cannot have one either.
    """
    parts: list[str] = []
    position = 0
    open_kinds = dict(_HIDDEN)
    while open_kinds:
        found = [(text.find(opener, position), opener) for opener in open_kinds]
        found = [(at, opener) for at, opener in found if at >= 0]
        if not found:
            break
        start, opener = min(found)
        end = text.find(open_kinds[opener], start + len(opener))
        if end < 0:
            # No closer: this opener is text; look for the other kinds from just after it.
            del open_kinds[opener]
            continue
        parts.append(text[position:start])
        parts.append(_HIDDEN_MARK)
        position = end + len(_HIDDEN[opener])
    parts.append(text[position:])
    return "".join(parts)


def _split_title_page(lines: list[str]) -> tuple[str, list[str]]:
    """Separate a leading ``Key: value`` block; only its Title is kept."""
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if (
        start == len(lines)
        or not _TITLE_KEY_RE.match(lines[start])
        or is_heading_line(lines[start])
    ):
        return "", lines
    values: dict[str, list[str]] = {}
    key = ""
    end = start
    while end < len(lines) and lines[end].strip():
        line = lines[end]
        if key_match := _TITLE_KEY_RE.match(line):
            key = key_match.group(1).strip().lower()
            values.setdefault(key, [])
            if key_match.group(2).strip():
                values[key].append(key_match.group(2).strip())
        elif continuation := _TITLE_CONTINUATION_RE.match(line):
            values[key].append(continuation.group(1))
        else:
            return "", lines
        end += 1
    title = " ".join(strip_emphasis(" ".join(values.get("title", []))).split())
    return title, lines[end:]


def _is_blank(line: str) -> bool:
    """Blank separates paragraphs; a line of exactly two spaces is Fountain's kept empty line."""
    return not line.strip() and line != "  "


def _paragraphs(lines: list[str]) -> list[list[str]]:
    """Group lines into paragraphs separated by blank lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if _is_blank(line):
            if current:
                blocks.append(current)
            current = []
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return [block for block in blocks if any(line.strip() for line in block)]


def is_heading_line(line: str) -> bool:
    """Whether a line is a scene heading: INT/EXT/EST/I/E prefix, or forced with a leading dot."""
    text = line.strip()
    if text.startswith(".") and not text.startswith(".."):
        return len(text) > 1
    return bool(_PREFIX_RE.match(text))


def _is_ignored(line: str) -> bool:
    """Sections (#) and synopses (=) structure the writer's outline but are never printed."""
    text = line.lstrip()
    return text.startswith("#") or (text.startswith("=") and not _PAGE_BREAK_RE.match(text))


def _read_block(lines: list[str], elements: list[Element]) -> None:
    """Classify one paragraph and append its elements."""
    if len(lines) == 1 and _PAGE_BREAK_RE.match(lines[0].strip()):
        elements.append(Element(Kind.PAGE_BREAK, ""))
        return
    lines = [line for line in lines if not _is_ignored(line)]
    if not any(line.strip() for line in lines):
        return
    first = lines[0].strip()
    if first.startswith("!"):
        _append_action(lines, elements)
    elif is_heading_line(first) and (len(lines) == 1 or first.isupper()):
        elements.append(Element(Kind.HEADING, first))
        if len(lines) > 1:
            _read_block(lines[1:], elements)
    elif all(_CENTERED_RE.match(line) for line in lines):
        text = "\n".join(_CENTERED_RE.match(line).group(1).strip() for line in lines)
        elements.append(Element(Kind.CENTERED, strip_emphasis(text)))
    elif len(lines) == 1 and (first.startswith(">") or (first.isupper() and first.endswith("TO:"))):
        elements.append(Element(Kind.TRANSITION, strip_emphasis(first.lstrip(">").strip())))
    elif all(line.lstrip().startswith("~") for line in lines):
        text = "\n".join(line.lstrip()[1:].strip() for line in lines)
        elements.append(Element(Kind.LYRIC, strip_emphasis(text)))
    elif len(lines) > 1 and _is_cue(lines[0]):
        _append_dialogue(lines, elements)
    else:
        _append_action(lines, elements)


def _append_action(lines: list[str], elements: list[Element]) -> None:
    """Action keeps its hard line breaks; a leading ``!`` only forces the type."""
    text = "\n".join(line.rstrip() for line in lines)
    if text.lstrip().startswith("!"):
        text = text.lstrip()[1:]
    elements.append(Element(Kind.ACTION, strip_emphasis(text)))


def _is_cue(line: str) -> bool:
    """A character cue is an upper-case name (extensions allowed) or forced with ``@``."""
    text = line.strip()
    if text.startswith("@"):
        return len(text) > 1
    if line.endswith("  "):
        return False
    name = text.rstrip("^").split("(", 1)[0].strip()
    return name.isupper() and any(char.isalpha() for char in name)


def _append_dialogue(lines: list[str], elements: list[Element]) -> None:
    """A cue and its lines; a trailing ``^`` pairs it with the previous speech as dual dialogue."""
    cue = lines[0].strip()
    column = Column.FULL
    if cue.endswith("^"):
        cue = cue[:-1].rstrip()
        if _mark_previous_speech_left(elements):
            column = Column.RIGHT
    cue = cue.removeprefix("@")
    elements.append(Element(Kind.CHARACTER, strip_emphasis(cue), column=column))
    for line in lines[1:]:
        text = line.strip()
        kind = Kind.PARENTHETICAL if text.startswith("(") else Kind.DIALOGUE
        elements.append(Element(kind, strip_emphasis(text.removeprefix("~")), column=column))


def _mark_previous_speech_left(elements: list[Element]) -> bool:
    """Turn the speech just before a ``^`` cue into the left side of dual dialogue."""
    index = len(elements) - 1
    while index >= 0 and elements[index].kind in (Kind.PARENTHETICAL, Kind.DIALOGUE):
        index -= 1
    cue = elements[index] if index >= 0 else None
    if cue is None or cue.kind is not Kind.CHARACTER or cue.column is not Column.FULL:
        return False
    for position in range(index, len(elements)):
        elements[position] = replace(elements[position], column=Column.LEFT)
    return True
