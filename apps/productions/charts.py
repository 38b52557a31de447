"""Small charts drawn by the app itself as inline SVG: no JavaScript library, no CDN, prints well.

`line_chart` for values over time (spend to date), `bar_chart` for one value per label (pages per
shoot day). Values may be Decimals; they are only scaled to pixels here, never summed.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM, PAD_TOP, PAD_RIGHT = 640, 240, 64, 40, 12, 12


def _scale(value, top) -> float:
    plot = HEIGHT - PAD_BOTTOM - PAD_TOP
    return HEIGHT - PAD_BOTTOM - (float(value) / float(top) * plot if top else 0)


def _axis(top, fmt) -> str:
    parts = []
    for i in range(5):
        value = Decimal(top) * i / 4 if top else Decimal(0)
        y = _scale(value, top)
        parts.append(
            f'<line x1="{PAD_LEFT}" x2="{WIDTH - PAD_RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#dee2e6"/><text x="{PAD_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" '
            f'font-size="11" fill="#6c757d">{escape(fmt(value))}</text>'
        )
    return "".join(parts)


def _svg(body: str, title: str) -> SafeString:
    return mark_safe(  # noqa: S308 (labels escaped)  # nosec B308 B703
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}" '
        f'class="w-100 h-auto" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
        f"{body}</svg>"
    )


def line_chart(
    points: Sequence[tuple[str, Decimal]],
    *,
    title: str,
    reference: Decimal | None = None,
    fmt=lambda v: f"{v:,.0f}",
) -> SafeString:
    """`points` are (label, value) in order; `reference` draws a dashed line (the budget)."""
    values = [v for _, v in points] + ([reference] if reference is not None else [])
    top = max(values, default=0) or 1
    step = (WIDTH - PAD_LEFT - PAD_RIGHT) / max(len(points) - 1, 1)
    coords = [(PAD_LEFT + i * step, _scale(v, top)) for i, (_, v) in enumerate(points)]
    body = _axis(top, fmt)
    if reference is not None:
        y = _scale(reference, top)
        body += (
            f'<line x1="{PAD_LEFT}" x2="{WIDTH - PAD_RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#dc3545" stroke-dasharray="6 4"/>'
        )
    if coords:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        body += f'<polyline points="{path}" fill="none" stroke="#0d6efd" stroke-width="2.5"/>'
        body += "".join(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#0d6efd"/>' for x, y in coords
        )
    every = max(len(points) // 8, 1)
    for i, (label, _) in enumerate(points):
        if i % every == 0 or i == len(points) - 1:
            # The last label ends at its point, so it is not cut off at the right edge.
            anchor = "end" if i == len(points) - 1 and len(points) > 1 else "middle"
            body += (
                f'<text x="{coords[i][0]:.1f}" y="{HEIGHT - PAD_BOTTOM + 16}" '
                f'text-anchor="{anchor}" font-size="11" fill="#6c757d">{escape(label)}</text>'
            )
    return _svg(body, title)


def bar_chart(
    bars: Sequence[tuple[str, Decimal]],
    *,
    title: str,
    limit: Decimal | None = None,
    fmt=lambda v: f"{v:,.1f}",
) -> SafeString:
    """One bar per label; bars above `limit` are drawn red and the limit as a dashed line."""
    values = [v for _, v in bars] + ([limit] if limit is not None else [])
    top = max(values, default=0) or 1
    slot = (WIDTH - PAD_LEFT - PAD_RIGHT) / max(len(bars), 1)
    body = _axis(top, fmt)
    every = max(len(bars) // 15, 1)
    for i, (label, value) in enumerate(bars):
        x = PAD_LEFT + i * slot + slot * 0.15
        y = _scale(value, top)
        colour = "#dc3545" if limit is not None and value > limit else "#0d6efd"
        body += (
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{HEIGHT - PAD_BOTTOM - y:.1f}" fill="{colour}"><title>{escape(label)}: '
            f"{escape(fmt(value))}</title></rect>"
        )
        if i % every == 0:
            body += (
                f'<text x="{x + slot * 0.35:.1f}" y="{HEIGHT - PAD_BOTTOM + 16}" '
                f'text-anchor="middle" font-size="11" fill="#6c757d">{escape(label)}</text>'
            )
    if limit is not None:
        y = _scale(limit, top)
        body += (
            f'<line x1="{PAD_LEFT}" x2="{WIDTH - PAD_RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#dc3545" stroke-dasharray="6 4"/>'
        )
    return _svg(body, title)
