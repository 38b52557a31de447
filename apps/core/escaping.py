"""HTML escaping for pages drawn in Python (a report's thousands of cells)."""

from __future__ import annotations

import html


def escaped(value) -> str:
    """What `conditional_escape` writes (the same stdlib escape; a safe string as it is), without
    its lazy-string wrappers, which cost more than the escape on a page of thousands of values."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))
