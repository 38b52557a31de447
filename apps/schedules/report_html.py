"""A schedule report's table on screen, drawn in Python: the Day Out of Days of a large board is
thousands of cells, and a template condition and include per cell cost most of the page's time.
The printed reports keep their template (templates/schedules/_report_body.html); this draws the
same cells with the same classes for the page."""

from __future__ import annotations

from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from apps.schedules.reports import Report

WORK = {"SW", "W", "WF", "SWF"}


def _text(value) -> str:
    return conditional_escape(str(localize(value)))


def table(report: Report) -> SafeString:
    """The <thead> and <tbody>s: the leading columns and the total stay in view (sticky) while a
    wide report scrolls; DOOD work and hold days are coloured."""
    sticky = {i: f' class="sticky-col sticky-col-{i + 1}"' for i in range(report.sticky_columns)}
    if report.sticky_columns and report.total_column is not None:
        sticky.setdefault(report.total_column, ' class="sticky-total"')
    width = len(report.header)
    parts = ["<thead><tr>"]
    parts += [f"<th{sticky.get(i, '')}>{_text(h)}</th>" for i, h in enumerate(report.header)]
    parts.append("</tr></thead>")
    for section in report.sections:
        parts.append("<tbody>")
        if section.title:
            parts.append(
                f'<tr class="table-secondary"><th colspan="{width}">{_text(section.title)}'
                "</th></tr>"
            )
        for row in section.rows:
            cells = []
            for i, cell in enumerate(row):
                if cell in WORK:
                    css = ' class="dood-work"'
                elif cell == "H":
                    css = ' class="dood-hold"'
                else:
                    css = sticky.get(i, "")
                cells.append(f"<td{css}>{_text(cell)}</td>")
            parts.append(f"<tr>{''.join(cells)}</tr>")
        if section.footer:
            parts.append(
                f'<tr><td colspan="{width}" class="footer fst-italic">{_text(section.footer)}'
                "</td></tr>"
            )
        parts.append("</tbody>")
    return mark_safe("".join(parts))  # noqa: S308 - every value is escaped above  # nosec B308 B703
