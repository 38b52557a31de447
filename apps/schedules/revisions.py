"""How a revised draft's scenes find the scenes they revise, and what they are numbered.

Pure functions, no database: the service (services/script.py) feeds them the scenes already in
the production and the parsed draft, and writes what they decide.

Matching is by content, never by position or number: writers insert, delete and move scenes, and
an unlocked draft renumbers everything after an insert. The rules, stated:

1. A scene whose words and heading are unchanged (same content hash) is that scene. Twins (the
   same hash more than once) pair up in script order.
2. Every other pair is scored: 60% the words (word pairs in common, Jaccard), 25% the heading's
   words, 15% the speaking characters. A scene lying between the same two rule-1 anchors in both
   drafts scores 0.10 more. Pairs are taken best first, each scene at most once, down to
   ``MATCH_THRESHOLD``; below it a draft scene is new and an old scene has left the draft.
3. A scene matched to an omitted scene brings it back (restored).
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

MATCH_THRESHOLD = 0.4
WORDS_WEIGHT, HEADING_WEIGHT, CAST_WEIGHT, SAME_GAP_BONUS = 0.6, 0.25, 0.15, 0.10

_WORD_RE = re.compile(r"\w+")
# 12, 12A, 12AB; A12 (inserted before 12). Letters I and O are skipped, as scripts do, so that
# they are never read as 1 and 0.
_NUMBER_RE = re.compile(r"^(?P<stem>.*?\d+)(?P<letters>[A-Z]*)$")
LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


@dataclass(frozen=True)
class Known:
    """A scene already in the production, as the matcher sees it."""

    key: int
    order: int  # its place in script order (by scene number)
    heading: str
    text: str  # blank for scenes imported before texts were kept: the synopsis stands in
    characters: tuple[str, ...]
    content_hash: str


@dataclass(frozen=True)
class Drafted:
    """A scene of the new draft."""

    heading: str
    text: str
    characters: tuple[str, ...]
    content_hash: str


def _pairs(text: str) -> frozenset:
    words = _WORD_RE.findall(text.casefold())
    if len(words) < 2:
        return frozenset(words)
    return frozenset(zip(words, words[1:], strict=False))


def _jaccard(a: frozenset, b: frozenset) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True)
class _Features:
    words: frozenset
    heading: frozenset
    cast: frozenset


def _features(scene: Known | Drafted) -> _Features:
    return _Features(
        _pairs(scene.text),
        frozenset(_WORD_RE.findall(scene.heading.casefold())),
        frozenset(name.casefold() for name in scene.characters),
    )


def _score(old: _Features, new: _Features, words: float | None = None) -> float:
    """The weighted likeness; `words` is the word-pair Jaccard when the caller counted it."""
    if words is None:
        words = _jaccard(old.words, new.words)
    return (
        WORDS_WEIGHT * words
        + HEADING_WEIGHT * _jaccard(old.heading, new.heading)
        + CAST_WEIGHT * _jaccard(old.cast, new.cast)
    )


def similarity(old: Known, new: Drafted) -> float:
    """How alike two scenes are, 0 to 1 (without the same-gap bonus)."""
    return _score(_features(old), _features(new))


def match(known: Sequence[Known], drafted: Sequence[Drafted]) -> dict[int, tuple[int, float]]:
    """Draft index -> (known key, score) for every draft scene that revises a known one."""
    result: dict[int, tuple[int, float]] = {}
    by_hash: dict[str, list[Known]] = defaultdict(list)
    for old in sorted(known, key=lambda k: k.order):
        if old.content_hash:
            by_hash[old.content_hash].append(old)
    used: set[int] = set()
    for index, new in enumerate(drafted):
        twins = by_hash.get(new.content_hash)
        if twins:
            old = twins.pop(0)
            result[index] = (old.key, 1.0)
            used.add(old.key)
    # Anchors: (draft index, known order) of the exact matches, in draft order.
    order_of = {k.key: k.order for k in known}
    anchors = sorted((index, order_of[key]) for index, (key, _) in result.items())
    anchor_index = [a for a, _ in anchors]

    def gap(index: int) -> tuple[float, float]:
        at = bisect.bisect_left(anchor_index, index)
        low = anchors[at - 1][1] if at > 0 else float("-inf")
        high = anchors[at][1] if at < len(anchors) else float("inf")
        return low, high

    rest_old = [(k, _features(k)) for k in known if k.key not in used]
    rest_new = [(i, _features(drafted[i])) for i in range(len(drafted)) if i not in result]
    # Word pairs -> the old scenes that have them: shared pairs are counted through this index,
    # so the n x m comparison costs a dictionary look-up per pair, not a set intersection.
    postings: dict[object, list[int]] = defaultdict(list)
    for old, features in rest_old:
        for pair in features.words:
            postings[pair].append(old.key)
    candidates = []
    for index, new in rest_new:
        low, high = gap(index)
        shared: dict[int, int] = defaultdict(int)
        for pair in new.words:
            for key in postings.get(pair, ()):
                shared[key] += 1
        for old, features in rest_old:
            common = shared.get(old.key, 0)
            union = len(features.words) + len(new.words) - common
            score = _score(features, new, words=common / union if union else 1.0)
            if low < old.order < high:
                score += SAME_GAP_BONUS
            if score >= MATCH_THRESHOLD:
                candidates.append((-score, abs(index - old.order), index, old.key))
    candidates.sort()
    taken_new: set[int] = set()
    for negative, _, index, key in candidates:
        if index in taken_new or key in used:
            continue
        result[index] = (key, min(1.0, -negative))
        taken_new.add(index)
        used.add(key)
    return result


def next_number(previous: str, taken: set[str]) -> str:
    """The number of a scene inserted after `previous` with numbers locked: 12 -> 12A, 12A ->
    12B (I and O skipped), the first one free; `previous` blank means before the first scene."""
    if previous:
        found = _NUMBER_RE.match(previous)
        if found and found["letters"]:
            stem, start = found["stem"], LETTERS.find(found["letters"][-1]) + 1
            prefix = stem + found["letters"][:-1]
        else:
            prefix, start = previous, 0
        for letter in LETTERS[start:]:
            if prefix + letter not in taken:
                return prefix + letter
        for letter in LETTERS:  # 12Z is followed by 12ZA
            if previous + letter not in taken:
                return previous + letter
        return next_number(previous + "Z", taken)
    return ""


def number_before(first: str, taken: set[str]) -> str:
    """A scene inserted before scene `first` (the first of the script): A1, B1, ..."""
    for letter in LETTERS:
        if letter + first not in taken:
            return letter + first
    return number_before("A" + first, taken)


def free_variant(number: str, taken: set[str]) -> str:
    """`number` itself if free, else number-1, number-2, ...: for a scene outside the draft whose
    number the unlocked draft gives to another scene."""
    if number not in taken:
        return number
    suffix = 1
    while f"{number}-{suffix}" in taken:
        suffix += 1
    return f"{number}-{suffix}"


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The change between two texts as runs of words: ("=", kept), ("-", cut), ("+", added)."""
    before, after = old.split(), new.split()
    runs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append(("=", " ".join(before[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("-", " ".join(before[i1:i2])))
        if j2 > j1:
            runs.append(("+", " ".join(after[j1:j2])))
    return runs
