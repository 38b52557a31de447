"""The URL form of an account or category number: the number as the chart of accounts spells it
("3307/A", "31 00", "4100.01"), in one path segment that comes back as it went in.

A "/" would split the segment and a segment of only dots is folded away by browsers ("/../"), so
both are written as `~` and two hex digits, as is `~` itself; every other character is left to
`reverse()`, which percent-encodes what a URL may not hold ("?", "#", "%", spaces).
"""

from __future__ import annotations

import re

_ESCAPED = re.compile(r"~([0-9A-F]{2})")


def _escape(char: str) -> str:
    return f"~{ord(char):02X}"


class NumberConverter:
    regex = r"[^/]+"

    def to_python(self, value: str) -> str:
        return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), value)

    def to_url(self, value: str) -> str:
        text = str(value).replace("~", _escape("~")).replace("/", _escape("/"))
        if text.strip(".") == "":
            text = "".join(_escape(char) for char in text)
        return text
