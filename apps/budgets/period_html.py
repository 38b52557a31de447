"""Weekly cost reports on screen, their rows drawn in Python: a closed period of 225 accounts is
some 280 rows of ten money cells, four of them links to what they add up from, and two periods
compared are twelve cells a row; a template include, filter and condition per cell cost most of
the pages' time. The same cells, classes and links the pages' templates wrote
(tests/budgets/test_period_html.py compares them)."""

from __future__ import annotations

from urllib.parse import quote

from django.utils.safestring import SafeString, mark_safe

from apps.budgets.converters import NumberConverter
from apps.budgets.queries.periods import ComparedLine
from apps.core.escaping import escaped
from apps.core.money import format_amount
from apps.productions.links import production_url

BOLD = {"section": "table-secondary fw-bold", "total": "table-secondary fw-bold"}
SEMIBOLD = {"category": "table-light fw-semibold", "markup": "table-light fw-semibold"}
LINKED = ("budget", "actual", "committed", "efc")  # the figures a row links to its drill-down
# Stand-ins reversed once, then replaced per row: the number as its URL converter writes it,
# quoted as reverse() quotes it.
NUMBER, FIGURE, URL_SAFE = "__number__", "__figure__", "!$&'()*+,;=/~:@"
_NUMBER_IN_URL = NumberConverter()


def _money(value, currency: str) -> str:
    """The `money` filter: blank for None or an empty string."""
    return "" if value is None or value == "" else escaped(format_amount(value, currency))


def _level_class(level: str) -> str:
    return BOLD.get(level) or SEMIBOLD.get(level) or ""


def compared_rows(lines: list[ComparedLine], currency: str) -> SafeString:
    """Each line's <tr>: A, B and B − A for each compared figure (a zero difference blank)."""
    parts = []
    for line in lines:
        css = _level_class(line.level) or ("table-warning" if line.changed else "")
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


def _drill_urls(production, period_id: int) -> dict[str, str]:
    """The period's drill-down URL of each level, with stand-ins for the number and figure."""
    kwargs = {"period_id": period_id, "figure": FIGURE}
    return {
        "account": production_url(
            production, "budgets:cost_period_drill_account", **kwargs, account_number=NUMBER
        ),
        "category": production_url(
            production, "budgets:cost_period_drill_category", **kwargs, category_number=NUMBER
        ),
    }


def period_rows(shown_rows, *, production, period_id: int, currency: str) -> SafeString:
    """A closed period's rows as its page shows them (views.costreport.shown_rows): each row's
    figures, the accounts' and categories' linked to what they add up from, and its note."""
    urls = _drill_urls(production, period_id)
    parts = []
    for shown in shown_rows:
        row = shown.row
        level, number = row.level, escaped(row.number)
        over = row.over
        parent = f' data-parent="{escaped(shown.category)}"' if shown.category else ""
        css = _level_class(level) + (" over-budget table-danger" if over else "")
        anchor = {"account": f' id="acct-{number}"', "category": f' id="cat-{number}"'}
        name = escaped(row.name)
        if shown.can_open and level == "category":
            name = (
                f'<a class="cost-toggle text-reset text-decoration-none" href="#cat-{number}" '
                f'data-cost-open="#" data-loaded="1" data-key="{number}" aria-expanded="true">'
                f'<i class="bi bi-caret-down-fill" aria-hidden="true"></i> {name}</a>'
            )
        elif level == "account":
            name = f'<span class="ps-3">{name}</span>'
        if over:
            name += ' <span class="badge text-bg-danger">over</span>'
        figures = {figure: _money(getattr(row, figure), currency) for figure in LINKED}
        if level in urls:
            url = urls[level].replace(
                NUMBER, quote(_NUMBER_IN_URL.to_url(row.number), safe=URL_SAFE)
            )
            for figure, text in figures.items():
                href = escaped(url.replace(FIGURE, figure))
                figures[figure] = (
                    f'<a class="text-reset cost-figure" href="{href}" '
                    f'title="What this figure adds up from">{text}</a>'
                )
        change, change_css, change_text = row.change, "", ""
        if change is not None:
            change_css = " text-danger" if change > 0 else " text-success" if change < 0 else ""
            change_text = f"{'+' if change > 0 else ''}{_money(change, currency)}"
        previous = "" if row.previous_efc is None else _money(row.previous_efc, currency)
        parts.append(
            f'<tr data-level="{escaped(level)}"{parent} class="{css}"{anchor.get(level, "")}>'
            f"<td>{number}</td><td>{name}</td>"
            f'<td class="money">{figures["budget"]}</td>'
            f'<td class="money">{figures["actual"]}</td>'
            f'<td class="money">{figures["committed"]}</td>'
            f'<td class="money">{_money(row.etc, currency)}</td>'
            f'<td class="money">{figures["efc"]}</td>'
            f'<td class="money">{_money(row.variance, currency)}</td>'
            f'<td class="money">{previous}</td>'
            f'<td class="money{change_css}">{change_text}</td></tr>'
        )
        if row.note:
            parts.append(
                f'<tr{parent} class="small period-note"><td></td><td colspan="9" '
                'class="ps-4 text-muted" style="white-space: pre-line">'
                f'<i class="bi bi-chat-left-text" aria-hidden="true"></i> {escaped(row.note)}'
                "</td></tr>"
            )
    return mark_safe("".join(parts))  # noqa: S308 - every value is escaped above  # nosec B308 B703
