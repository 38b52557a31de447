"""An account's lines on its page, each row drawn in Python: a large account is 60 and more
lines of nine cells and four buttons, each button's URL reversed per line, and a template
variable, filter and condition per cell cost most of the page (and of every line saved, added,
moved or deleted: each answers with the table). The same cells, buttons and attributes the
template wrote (tests/budgets/test_lines_html.py compares them with it, kept beside the test)."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe

from apps.budgets import engine
from apps.core.escaping import escaped
from apps.core.money import format_amount
from apps.productions.links import production_url

LINE = "0"  # stands in for the line's id in the URLs reversed once per table


def _qty(value) -> str:
    return "" if value is None else engine.plain_number(value)


def _money(value, currency: str) -> str:
    return "" if value is None else escaped(format_amount(value, currency))


def _urls(production, version_id: int) -> tuple[str, str, str]:
    """The edit, move and delete URLs of line 0, split around its id."""
    return tuple(
        production_url(production, name, version_id=version_id, line_id=int(LINE))
        for name in ("budgets:line_edit", "budgets:line_move", "budgets:line_delete")
    )


def _buttons(line_id: int, description: str, urls: tuple[str, str, str]) -> str:
    edit, move, delete = (url.replace(f"/lines/{LINE}/", f"/lines/{line_id}/") for url in urls)
    swap = 'hx-target="#lines" hx-swap="outerHTML"'
    return (
        '<td class="text-nowrap">'
        f'<button class="btn btn-sm btn-link p-0" type="button" hx-get="{edit}" {swap} '
        f'aria-label="Edit {description}"><i class="bi bi-pencil"></i></button>'
        f'<button class="btn btn-sm btn-link p-0" type="button" hx-post="{move}" '
        f'hx-vals=\'{{"direction": "up"}}\' {swap} aria-label="Move {description} up">'
        '<i class="bi bi-arrow-up"></i></button>'
        f'<button class="btn btn-sm btn-link p-0" type="button" hx-post="{move}" '
        f'hx-vals=\'{{"direction": "down"}}\' {swap} aria-label="Move {description} down">'
        '<i class="bi bi-arrow-down"></i></button>'
        f'<button class="btn btn-sm btn-link text-danger p-0" type="button" hx-post="{delete}" '
        f'hx-confirm="Delete the line “{description}”?" {swap} '
        f'aria-label="Delete {description}"><i class="bi bi-trash"></i></button>'
        "</td>"
    )


def line_row(line, currency: str, urls: tuple[str, str, str] | None) -> SafeString:
    """One line's <tr> (`fringe_codes`: queries.account_lines); `urls` (edit, move, delete:
    `_urls`) when it may be edited."""
    description = escaped(line.description)
    amount = _qty(line.amount)
    formula = ""
    if line.uses and line.amount_formula != amount:
        formula = (
            ' <i class="bi bi-calculator small text-muted" '
            f'aria-label="formula {escaped(line.amount_formula)}"></i>'
        )
    exchange = "" if line.currency == currency else f" @{_qty(line.exchange_rate)}"
    fringes = ", ".join(escaped(code) for code in line.fringe_codes)
    row = (
        f'<tr data-line="{line.id}"><td>{description}</td>'
        f'<td class="money" title="{escaped(line.amount_formula)}">{escaped(amount)}{formula}</td>'
        f"<td>{escaped(line.get_units_display())}</td>"
        f'<td class="money" title="{escaped(line.x_formula)}">{escaped(_qty(line.x))}</td>'
        f'<td class="money" title="{escaped(line.rate_formula)}">{escaped(_qty(line.rate))}</td>'
        f"<td>{escaped(line.currency)}{escaped(exchange)}</td>"
        f'<td class="small">{fringes}</td>'
        f'<td class="money" data-line-total>{_money(line.total, currency)}</td>'
        f'<td class="money">{_money(line.fringe_total, currency)}</td>'
    )
    if urls is not None:
        row += _buttons(line.id, description, urls)
    return mark_safe(row + "</tr>")  # noqa: S308 - every value is escaped above  # nosec B308 B703


def line_rows(lines, *, production, version, editable: bool) -> list[tuple[object, SafeString]]:
    """(line, its row) for each line of an account, in order; the template writes the row, or
    the line's edit form in its place."""
    urls = _urls(production, version.id) if editable and not version.is_read_only else None
    return [(line, line_row(line, version.currency, urls)) for line in lines]
