"""Small charts drawn by the app itself as inline SVG: no JavaScript library, no CDN, prints well.

`line_chart` for values over time (spend to date), `bar_chart` for one value per label (pages per
shoot day). Values may be Decimals; they are only scaled to pixels here, never summed.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, PAD_BOTTOM, PAD_TOP, PAD_RIGHT = 640, 240, 40, 12, 12
CHAR_WIDTH = 7  # px per character of an 11 px label, a little generous so nothing is clipped


def _scale(value, top) -> float:
    plot = HEIGHT - PAD_BOTTOM - PAD_TOP
    return HEIGHT - PAD_BOTTOM - (float(value) / float(top) * plot if top else 0)


def _axis(top, fmt) -> tuple[str, int]:
    """The horizontal grid with its value labels, and the left padding those labels need."""
    ticks = [(Decimal(top) * i / 4 if top else Decimal(0)) for i in range(5)]
    labels = [fmt(value) for value in ticks]
    left = max(48, CHAR_WIDTH * max(len(label) for label in labels) + 12)
    parts = []
    for value, label in zip(ticks, labels, strict=True):
        y = _scale(value, top)
        parts.append(
            f'<line x1="{left}" x2="{WIDTH - PAD_RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#dee2e6"/><text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" '
            f'font-size="11" fill="#6c757d">{escape(label)}</text>'
        )
    return "".join(parts), left


def _svg(body: str, title: str) -> SafeString:
    return mark_safe(  # noqa: S308 (labels escaped)  # nosec B308 B703
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}" '
        f'class="w-100 h-auto" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
        f"{body}</svg>"
    )


def _limit_line(value, top, left) -> str:
    """The dashed red line across the plot at `value` (a limit, the budget)."""
    y = _scale(value, top)
    return (
        f'<line x1="{left}" x2="{WIDTH - PAD_RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
        f'stroke="#dc3545" stroke-dasharray="6 4"/>'
    )


def _slot_label(x: float, label: str) -> str:
    """A bar slot's label under the axis, centred on `x`."""
    return (
        f'<text x="{x:.1f}" y="{HEIGHT - PAD_BOTTOM + 16}" '
        f'text-anchor="middle" font-size="11" fill="#6c757d">{escape(label)}</text>'
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
    body, left = _axis(top, fmt)
    step = (WIDTH - left - PAD_RIGHT) / max(len(points) - 1, 1)
    coords = [(left + i * step, _scale(v, top)) for i, (_, v) in enumerate(points)]
    if reference is not None:
        body += _limit_line(reference, top, left)
    if coords:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        body += f'<polyline points="{path}" fill="none" stroke="#0d6efd" stroke-width="2.5"/>'
        if len(coords) <= 40:  # dots only while they stay apart
            body += "".join(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#0d6efd"/>' for x, y in coords
            )
    body += _x_labels([label for label, _ in points], [x for x, _ in coords])
    return _svg(body, title)


def _x_labels(labels: Sequence[str], xs: Sequence[float]) -> str:
    """Labels under the x axis, thinned so they never overlap: the first (anchored at its
    start), the last (anchored at its end) and every `every`-th one in between (centred) that keeps
    clear of the last. Half a label more than its width apart is enough for any two neighbours."""
    if not labels:
        return ""
    room = (WIDTH - PAD_RIGHT - xs[0]) / max(len(labels), 1)
    widest = CHAR_WIDTH * max(len(label) for label in labels) + 8
    every = max(1, -(-(widest * 3 // 2) // max(int(room), 1)))
    last = len(labels) - 1
    shown = [i for i in range(0, last, every) if last - i >= every] + [last]
    parts = []
    for i in shown:
        # The last label ends at its point, so it is not cut off at the right edge.
        anchor = "end" if i == last and last > 0 else "middle"
        if i == 0 and last > 0:
            anchor = "start"
        parts.append(
            f'<text x="{xs[i]:.1f}" y="{HEIGHT - PAD_BOTTOM + 16}" text-anchor="{anchor}" '
            f'font-size="11" fill="#6c757d">{escape(labels[i])}</text>'
        )
    return "".join(parts)


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
    body, left = _axis(top, fmt)
    slot = (WIDTH - left - PAD_RIGHT) / max(len(bars), 1)
    every = max(len(bars) // 15, 1)
    for i, (label, value) in enumerate(bars):
        x = left + i * slot + slot * 0.15
        y = _scale(value, top)
        colour = "#dc3545" if limit is not None and value > limit else "#0d6efd"
        body += (
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{HEIGHT - PAD_BOTTOM - y:.1f}" fill="{colour}"><title>{escape(label)}: '
            f"{escape(fmt(value))}</title></rect>"
        )
        if i % every == 0:
            body += _slot_label(x + slot * 0.35, label)
    if limit is not None:
        body += _limit_line(limit, top, left)
    return _svg(body, title)


SERIES_COLOURS = ("#0d6efd", "#fd7e14", "#198754", "#6f42c1")


def series_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[Decimal | None]]],
    *,
    title: str,
    reference: Decimal | None = None,
    fmt=lambda v: f"{v:,.0f}",
) -> SafeString:
    """Several lines over the same labels, each named in a legend; a series' None values are
    points it has no value at (its line joins the points on either side). `reference` draws a
    dashed line (the budget)."""
    values = [v for _, vs in series for v in vs if v is not None]
    top = max([*values, *([reference] if reference is not None else [])], default=0) or 1
    body, left = _axis(top, fmt)
    step = (WIDTH - left - PAD_RIGHT) / max(len(labels) - 1, 1)
    xs = [left + i * step for i in range(len(labels))]
    if reference is not None:
        body += _limit_line(reference, top, left)
    legend_x = left + 8
    for (name, points), colour in zip(series, SERIES_COLOURS, strict=False):
        coords = [(xs[i], _scale(v, top)) for i, v in enumerate(points) if v is not None]
        if coords:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            body += f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>'
            if len(coords) <= 40:
                body += "".join(
                    f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>' for x, y in coords
                )
        body += (
            f'<rect x="{legend_x}" y="{PAD_TOP}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{legend_x + 14}" y="{PAD_TOP + 9}" font-size="11" fill="#212529">'
            f"{escape(name)}</text>"
        )
        legend_x += CHAR_WIDTH * len(name) + 30
    body += _x_labels(list(labels), xs)
    return _svg(body, title)


def plan_chart(
    bars: Sequence[tuple[str, Decimal, Decimal | None]],
    *,
    title: str,
    limit: Decimal | None = None,
    fmt=lambda v: f"{v:,.1f}",
) -> SafeString:
    """Planned against actual, one slot per label: (label, planned, actual or None). A slot with
    an actual draws the plan as a grey bar and the actual as a narrower green one in front of it;
    a slot without (not happened yet) draws the plan alone, blue, as bar_chart does."""
    values = [v for _, p, a in bars for v in (p, a) if v is not None]
    values += [limit] if limit is not None else []
    top = max(values, default=0) or 1
    body, left = _axis(top, fmt)
    slot = (WIDTH - left - PAD_RIGHT) / max(len(bars), 1)
    every = max(len(bars) // 15, 1)
    for i, (label, planned, actual) in enumerate(bars):
        x = left + i * slot + slot * 0.15
        y = _scale(planned, top)
        colour = "#adb5bd" if actual is not None else "#0d6efd"
        tip = f"{label}: planned {fmt(planned)}" + (
            f", actual {fmt(actual)}" if actual is not None else ""
        )
        body += (
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{HEIGHT - PAD_BOTTOM - y:.1f}" fill="{colour}"><title>{escape(tip)}'
            "</title></rect>"
        )
        if actual is not None:
            ya = _scale(actual, top)
            body += (
                f'<rect x="{x + slot * 0.175:.1f}" y="{ya:.1f}" width="{slot * 0.35:.1f}" '
                f'height="{HEIGHT - PAD_BOTTOM - ya:.1f}" fill="#198754" data-actual="1">'
                f"<title>{escape(tip)}</title></rect>"
            )
        if i % every == 0:
            body += _slot_label(x + slot * 0.35, label)
    if limit is not None:
        body += _limit_line(limit, top, left)
    body += (
        f'<text x="{WIDTH - PAD_RIGHT}" y="{PAD_TOP + 10}" text-anchor="end" font-size="11" '
        'fill="#6c757d"><tspan fill="#adb5bd">■</tspan> planned <tspan fill="#198754">■'
        '</tspan> shot <tspan fill="#0d6efd">■</tspan> to come</text>'
    )
    return _svg(body, title)


def paired_bar_chart(
    bars: Sequence[tuple[str, Decimal, Decimal]],
    *,
    title: str,
    names: tuple[str, str] = ("Planned", "Actual"),
    fmt=lambda v: f"{v:,.0f}",
) -> SafeString:
    """Two bars per label side by side (planned and actual): the first grey, the second blue, or
    red where it is above the first; a small legend names them."""
    top = max((max(a, b) for _, a, b in bars), default=0) or 1
    body, left = _axis(top, fmt)
    slot = (WIDTH - left - PAD_RIGHT) / max(len(bars), 1)
    every = max(len(bars) // 15, 1)
    width = slot * 0.35
    for i, (label, first, second) in enumerate(bars):
        x = left + i * slot + slot * 0.15
        for offset, value, colour, name in (
            (0, first, "#adb5bd", names[0]),
            (width, second, "#dc3545" if second > first else "#0d6efd", names[1]),
        ):
            y = _scale(value, top)
            body += (
                f'<rect x="{x + offset:.1f}" y="{y:.1f}" width="{width:.1f}" '
                f'height="{HEIGHT - PAD_BOTTOM - y:.1f}" fill="{colour}"><title>{escape(label)}, '
                f"{escape(name)}: {escape(fmt(value))}</title></rect>"
            )
        if i % every == 0:
            body += _slot_label(x + width, label)
    legend_y = HEIGHT - 8
    body += (
        f'<rect x="{left}" y="{legend_y - 9}" width="10" height="10" fill="#adb5bd"/>'
        f'<text x="{left + 14}" y="{legend_y}" font-size="11" fill="#6c757d">'
        f"{escape(names[0])}</text>"
        f'<rect x="{left + 90}" y="{legend_y - 9}" width="10" height="10" fill="#0d6efd"/>'
        f'<text x="{left + 104}" y="{legend_y}" font-size="11" fill="#6c757d">{escape(names[1])}'
        f" (red: over)</text>"
    )
    return _svg(body, title)
