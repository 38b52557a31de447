"""The plan drawn: one stacked bar of the sources by status against the budget's grand total,
the gap in red (an inline SVG, no script; labels escaped)."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

from apps.core.money import format_money
from apps.development.finance.models import SourceStatus

COLOURS = {
    SourceStatus.CLOSED: "#198754",
    SourceStatus.COMMITTED: "#20c997",
    SourceStatus.SOFT: "#ffc107",
    SourceStatus.TARGET: "#adb5bd",
}
GAP = "#dc3545"
WIDTH, BAR, LEGEND = 640, 36, 24


def plan_bar(plan) -> SafeString:
    parts = [(SourceStatus(s).label, plan.total_with(s), COLOURS[s]) for s in COLOURS]
    gap = plan.gap if plan.gap is not None and plan.gap > 0 else Decimal(0)
    parts.append(("Gap", gap, GAP))
    top = max(plan.total + gap, plan.budget_total or Decimal(0)) or Decimal(1)
    x = 0.0
    body = []
    for label, value, colour in parts:
        if not value:
            continue
        width = float(value) / float(top) * WIDTH
        tip = f"{label}: {format_money(value, plan.currency)}"
        body.append(
            f'<rect x="{x:.1f}" y="0" width="{width:.1f}" height="{BAR}" fill="{colour}" '
            f'data-part="{escape(label)}"><title>{escape(tip)}</title></rect>'
        )
        x += width
    if plan.budget_total:
        bx = float(plan.budget_total) / float(top) * WIDTH
        body.append(
            f'<line x1="{bx:.1f}" x2="{bx:.1f}" y1="0" y2="{BAR + 4}" stroke="#212529" '
            'stroke-width="2" stroke-dasharray="4 3"/>'
        )
    lx = 0
    for label, value, colour in parts:
        text = f"{label} {format_money(value, plan.currency)}"
        body.append(
            f'<rect x="{lx}" y="{BAR + 10}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{lx + 14}" y="{BAR + 19}" font-size="11" fill="#212529">'
            f"{escape(text)}</text>"
        )
        lx += 14 + 7 * len(text) + 16
    height = BAR + 10 + LEGEND
    title = "The finance plan against the budget"
    return mark_safe(  # noqa: S308 (labels escaped)  # nosec B308 B703
        f'<svg viewBox="0 0 {max(WIDTH, lx)} {height}" role="img" aria-label="{title}" '
        f'class="w-100 h-auto" xmlns="http://www.w3.org/2000/svg"><title>{title}</title>'
        f"{''.join(body)}</svg>"
    )
