"""Which cast names are likely import noise rather than a part, and which parts they name.

A script's dialogue cues are not all characters: "EDWARD AND WILL" speak together, "JOHN'S VOICE"
is John heard off screen, "THE CROWD" and "ALL" are many people. The import makes each a cast
member; the cast page flags them with the reason below so the AP can merge them into the parts
they name or drop them. Pure functions on the name, no database.
"""

from __future__ import annotations

import re

TOGETHER = "two or more parts named together"
A_VOICE = "a voice, not a part"
A_CROWD = "a crowd or group, not one part"

# Words that make a cue many people, wherever they stand in it.
_GROUP_WORDS = {
    "ALL", "BOTH", "CROWD", "CROWDS", "EVERYONE", "EVERYBODY", "OTHERS", "GROUP", "TOGETHER",
    "VARIOUS",
}  # fmt: skip
# Nouns for people that, as the last word, read as a crowd even without "THE" before them.
_PEOPLE_PLURALS = {
    "CHORUS", "AUDIENCE", "MEN", "WOMEN", "PEOPLE", "CHILDREN", "KIDS", "GUESTS", "PASSENGERS",
    "SOLDIERS", "POLICE",
    "STUDENTS", "WORKERS", "GUARDS", "FANS", "CREW", "VOICES", "TWINS", "EXTRAS", "REPORTERS",
    "DANCERS", "NURSES", "OFFICERS", "VILLAGERS", "SAILORS", "PROTESTERS", "COPS", "BOYS", "GIRLS",
}  # fmt: skip
# A first word that, before a plural, counts people: "THE GUARDS", "TWO NUNS", "3 BOYS".
_COUNTING = {"THE", "TWO", "THREE", "FOUR", "FIVE", "SEVERAL", "SOME", "MANY", "OTHER"}
_SEPARATORS = re.compile(r"\s+AND\s+|\s*&\s*|\s*/\s*|\s*\+\s*")
_WORDS = re.compile(r"[A-Z0-9']+")
_VOICE_OF = re.compile(r"^(?P<who>.+?)'S\s+VOICES?$")


def _words(name: str) -> list[str]:
    return _WORDS.findall(name.upper().replace("\u2019", "'"))


def _plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("S") and not word.endswith(("SS", "'S", "US", "IS"))


def noise_reason(character: str) -> str:
    """Why this cast name looks like import noise, or "" when it reads as one part."""
    name = " ".join(character.upper().replace("\u2019", "'").split())
    words = _words(name)
    if not words:
        return ""
    if len(split_names(name)) > 1:
        return TOGETHER
    if "VOICE" in words or "VOICES" in words:
        return A_VOICE
    if _GROUP_WORDS.intersection(words):
        return A_CROWD
    last = words[-1]
    if last in _PEOPLE_PLURALS:
        return A_CROWD
    if len(words) > 1 and (words[0] in _COUNTING or words[0].isdigit()) and _plural(last):
        return A_CROWD
    return ""


def split_names(character: str) -> list[str]:
    """The parts a cue names: "EDWARD AND WILL" -> [EDWARD, WILL]; "JOHN'S VOICE" -> [JOHN];
    one name -> itself. Empty pieces and group words ("ALL") are left out."""
    name = " ".join(character.upper().replace("\u2019", "'").split())
    voice = _VOICE_OF.match(name)
    if voice:
        return [voice["who"].strip()]
    parts = [p.strip() for p in _SEPARATORS.split(name)]
    return [p for p in parts if p and not _GROUP_WORDS.issuperset(_words(p))]


def named_parts(character: str) -> list[str]:
    """The parts a noisy cue stands for, to offer as merge targets ([] for a crowd)."""
    reason = noise_reason(character)
    if reason == TOGETHER or (reason == A_VOICE and _VOICE_OF.match(character.upper())):
        return split_names(character)
    return []
