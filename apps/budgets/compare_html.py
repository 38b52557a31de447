"""Two cost report periods side by side on screen, the rows drawn in Python: some 280 lines of
twelve money cells, where a template filter and condition per cell cost most of the page's time.
The same cells and classes the page's template wrote (tests/budgets/test_period_compare_html.py
compares them)."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe

from apps.budgets.queries.periods import ComparedLine
from apps.core.escaping import escaped
from apps.core.money import format_amount

BOLD = {"section": "table-secondary fw-bold", "total": "table-secondary fw-bold"}
SEMIBOLD = {"category": "table-light fw-semibold", "markup": "table-light fw-semibold"}


def _money(value, currency: str) -> str:
    return "" if value is None or value == "" else escaped(format_amount(value, currency))


def rows(lines: list[ComparedLine], currency: str) -> SafeString:
    """Each line's <tr>: A, B and B − A for each compared figure (a zero difference blank)."""
    parts = []
    for line in lines:
        css = BOLD.get(line.level) or SEMIBOLD.get(line.level) or ""
        if not css and line.changed:
            css = "table-warning"
        name = escaped(line.name)
        if line.level == "account":
            name = f'<span class="ps-3">{name}</span>'
        cells = []
        for a, b, difference in line.figures:
            shown = ""
            if difference:
                shown = f"{'+' if difference > 0 else ''}{_money(difference, currency)}"
            cells.append(
                f'<td class="money border-start">{_money(a, currency)}</td>'
                f'<td class="money">{_money(b, currency)}</td><td class="money">{shown}</td>'
            )
        parts.append(
            f'<tr data-key="{escaped(line.key)}" class="{css}"><td>{escaped(line.number)}</td>'
            f"<td>{name}</td>{''.join(cells)}</tr>"
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value is escaped above  # nosec B308 B703
