"""The pure rules behind revised drafts: matching by content, A/B numbers, the word diff."""

from __future__ import annotations

import pytest

from apps.schedules.revisions import (
    MATCH_THRESHOLD,
    Drafted,
    Known,
    free_variant,
    match,
    next_number,
    number_before,
    similarity,
    word_diff,
)


@pytest.mark.parametrize(
    ("previous", "taken", "expected"),
    [
        ("12", set(), "12A"),
        ("12", {"12A"}, "12B"),
        ("12A", set(), "12B"),
        ("12H", set(), "12J"),  # I is skipped: it reads as 1
        ("12N", set(), "12P"),  # so is O
        ("12Z", set(), "12ZA"),
        ("A1", set(), "A1A"),
    ],
)
def test_an_inserted_scene_takes_the_next_free_letter(previous, taken, expected):
    assert next_number(previous, taken) == expected


def test_a_scene_inserted_before_the_first_is_a1_then_b1():
    assert number_before("1", set()) == "A1"
    assert number_before("1", {"A1"}) == "B1"


def test_a_number_the_draft_takes_from_an_omitted_scene_gets_a_variant():
    assert free_variant("7", set()) == "7"
    assert free_variant("7", {"7"}) == "7-1"
    assert free_variant("7", {"7", "7-1"}) == "7-2"


def known(key, heading, text, cast=(), order=None, content_hash=""):
    return Known(key, key if order is None else order, heading, text, tuple(cast), content_hash)


def drafted(heading, text, cast=(), content_hash="-"):
    return Drafted(heading, text, tuple(cast), content_hash)


CAR = "Del grips the wheel. Priya counts banknotes into an envelope. That's not all of it."
LAY_BY = "The Volvo pulls in behind a lorry. Headlights off. He said to wait."


def test_a_changed_heading_with_the_same_words_is_the_same_scene():
    old = known(1, "EXT. LAY-BY - NIGHT", LAY_BY, ["PRIYA"])
    assert similarity(old, drafted("EXT. LAY-BY - DAWN", LAY_BY, ["PRIYA"])) >= 0.9
    assert match([old], [drafted("EXT. LAY-BY - DAWN", LAY_BY, ["PRIYA"])])[0][0] == 1


def test_the_scene_a_draft_inserts_matches_nothing_and_the_others_find_themselves():
    old = [
        known(10, "INT. RED VOLVO - NIGHT", CAR, ["DEL", "PRIYA"], content_hash="car"),
        known(11, "EXT. LAY-BY - NIGHT", LAY_BY, ["PRIYA"], content_hash="lay-by"),
    ]
    new = [
        drafted("INT. RED VOLVO - NIGHT", CAR, ["DEL", "PRIYA"], content_hash="car"),
        drafted("EXT. PETROL STATION - NIGHT", "Del fills the tank.", ["DEL"]),
        drafted("EXT. LAY-BY - NIGHT", LAY_BY + " Grey light.", ["PRIYA"]),
    ]
    result = match(old, new)
    assert result[0] == (10, 1.0)
    assert 1 not in result
    assert result[2][0] == 11


def test_unrelated_scenes_score_below_the_threshold():
    old = known(1, "INT. KITCHEN - DAY", "Ana makes coffee and reads the letter again.", ["ANA"])
    new = drafted("EXT. HARBOUR - NIGHT", "Waves break over the sea wall.", ["HOLT"])
    assert similarity(old, new) < MATCH_THRESHOLD
    assert match([old], [new]) == {}


def test_the_word_diff_shows_runs_cut_and_added():
    assert word_diff("Headlights off. He waits.", "Headlights off. Grey light. He waits.") == [
        ("=", "Headlights off."),
        ("+", "Grey light."),
        ("=", "He waits."),
    ]
    assert word_diff("a b c", "a x c") == [("=", "a"), ("-", "b"), ("+", "x"), ("=", "c")]


# --- Random revisions: every surviving scene finds itself -----------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PLACES = ["KITCHEN", "CAR", "HARBOUR", "OFFICE", "STAIRWELL", "ROOFTOP", "CAFE", "FERRY DECK"]
NAMES = ["ANA", "DEL", "PRIYA", "HOLT", "JUN", "MARA"]
WORDS = "rain door light window coffee letter radar engine wheel lorry phone key glass river smoke"
MORE = "siren money map ticket bag knife chair ladder cable bell wave gull rope torch"
VOCABULARY = (WORDS + " " + MORE).split()


def invent(seed: int) -> tuple[str, str, tuple[str, ...]]:
    """A scene of its own: heading, a few sentences, two speakers, all drawn from `seed`."""
    import random

    rng = random.Random(seed)
    heading = (
        f"{rng.choice(['INT.', 'EXT.'])} {rng.choice(PLACES)} - {rng.choice(['DAY', 'NIGHT'])}"
    )
    words = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(12, 40)))
    return heading, words, tuple(rng.sample(NAMES, 2))


@settings(max_examples=40, deadline=None)
@given(
    count=st.integers(min_value=2, max_value=25),
    edits=st.lists(
        st.tuples(st.sampled_from(["insert", "delete", "heading", "line"]), st.integers(0, 99)),
        max_size=6,
    ),
)
def test_after_random_inserts_deletes_and_rewrites_each_scene_finds_itself(count, edits):
    scenes = [(key, *invent(key)) for key in range(count)]
    old = [known(key, h, t, c, order=key, content_hash=f"{h}|{t}") for key, h, t, c in scenes]
    new = list(scenes)
    fresh = 1000
    for kind, at in edits:
        if not new:
            break
        where = at % len(new)
        if kind == "insert":
            new.insert(where, (None, *invent(fresh)))
            fresh += 1
        elif kind == "delete":
            new.pop(where)
        elif kind == "heading":
            key, heading, text, cast = new[where]
            new[where] = (key, heading.replace("DAY", "DUSK").replace("NIGHT", "DAWN"), text, cast)
        else:
            key, heading, text, cast = new[where]
            new[where] = (key, heading, text + " a new line of action here", cast)
    result = match(old, [drafted(h, t, c, content_hash=f"{h}|{t}") for _, h, t, c in new])
    for index, (key, *_rest) in enumerate(new):
        if key is None:
            assert index not in result or result[index][0] not in {k for k, *_ in new}
        else:
            assert result[index][0] == key
