"""Page lengths in eighths of a page, the unit of the production board.

Lengths are stored as a whole number of eighths so they add up exactly.
Fractions are always written in eighths ("4/8", never "1/2"): that is how
stripboards, call sheets and breakdowns show them.
"""

import re

_EIGHTHS_RE = re.compile(r"^(?:([0-9]+) +)?([0-9]+)/8$|^([0-9]+)$")


def format_eighths(n: int) -> str:
    """Render ``n`` eighths as "3 4/8", "7/8", "1" or "0"."""
    if n < 0:
        raise ValueError(f"A page length cannot be negative: {n}")
    pages, rest = divmod(n, 8)
    if rest == 0:
        return str(pages)
    if pages == 0:
        return f"{rest}/8"
    return f"{pages} {rest}/8"


def parse_eighths(s: str) -> int:
    """Read "3 4/8", "4/8" or "3" back into eighths; anything else is a ValueError.

    Decimals ("3.5") and other denominators ("1/2") are refused rather than
    guessed at, so a typo never silently changes a scene's length.
    """
    match = _EIGHTHS_RE.match(s.strip())
    if match is None:
        raise ValueError(f"Not a page length in eighths: {s!r} (write it like 3 4/8, 7/8 or 2)")
    whole, eighth, only_whole = match.groups()
    if only_whole is not None:
        return int(only_whole) * 8
    rest = int(eighth)
    if not 1 <= rest <= 7:
        raise ValueError(f"The eighths part must be 1/8 to 7/8: {s!r}")
    return int(whole or 0) * 8 + rest
