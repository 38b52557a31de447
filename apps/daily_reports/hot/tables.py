"""The hot cost tables on screen, drawn in Python: a day's 157 people, each with the folded rules
that made their line (some seven rows each), are over a thousand rows of money, and the summary
two variances a day; a template filter, condition and include per cell cost most of the pages'
time. The same cells, classes and links the pages' templates wrote
(tests/daily_reports/test_hot_tables.py compares them)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.safestring import SafeString, mark_safe

from apps.core.escaping import escaped
from apps.core.money import format_amount
from apps.daily_reports.hot.queries import DayPage, SummaryRow
from apps.daily_reports.hotcosts import NOTE
from apps.productions.links import production_url


def _money(value, currency: str) -> str:
    """The `money` filter: blank for None or an empty string."""
    if value is None or value == "":
        return ""
    return escaped(format_amount(Decimal(value), currency))


def variance(value: Decimal, currency: str) -> str:
    """templates/daily_reports/hot/_variance.html: over plan red with a plus, under green."""
    css = "text-danger" if value > 0 else "text-success" if value < 0 else ""
    sign = "+" if value > 0 else ""
    return f'<span class="{css}">{sign}{_money(value, currency)}</span>'


def _item(item: dict, currency: str) -> str:
    note = item.get("code") == NOTE
    hours = item.get("hours")
    return (
        f'<tr class="{"text-muted fst-italic" if note else ""}">'
        f'<td class="text-nowrap">{escaped(item.get("side", ""))}</td>'
        f"<td>{escaped(item.get('rule', ''))}</td>"
        f'<td class="money">{f"{escaped(hours)} h" if hours else ""}</td>'
        f'<td class="money">{"" if note else escaped(item.get("rate", ""))}</td>'
        f'<td class="money">{"" if note else _money(item.get("amount"), currency)}</td></tr>'
    )


def lines(page: DayPage, currency: str) -> SafeString:
    """The table's <tbody>s: a group's totals, then its lines, each with its detail folded."""
    parts = []
    for g, group in enumerate(page.groups, start=1):
        totals = group.totals
        parts.append(
            f'<tbody><tr class="table-light"><th scope="rowgroup">{escaped(group.name)}</th>'
            f'<th class="money">{_money(totals.planned, currency)}</th>'
            f'<th class="money">{_money(totals.actual, currency)}</th>'
            f'<th class="money">{variance(totals.variance, currency)}</th></tr>'
        )
        for n, line in enumerate(group.lines, start=1):
            label = escaped(line.label)
            if line.detail:
                items = "".join(_item(item, currency) for item in line.detail)
                label = (
                    f"<details><summary>{label}</summary>"
                    '<table class="table table-sm table-borderless small mb-0 mt-1"><tbody>'
                    f"{items}</tbody></table></details>"
                )
            parts.append(
                f'<tr data-testid="line-{g}-{n}"><td>{label}</td>'
                f'<td class="money">{_money(line.planned, currency)}</td>'
                f'<td class="money">{_money(line.actual, currency)}</td>'
                f'<td class="money">{variance(line.variance, currency)}</td></tr>'
            )
        parts.append("</tbody>")
    return mark_safe("".join(parts))  # noqa: S308 - every value is escaped above  # nosec B308 B703


def summary_rows(rows: list[SummaryRow], production, currency: str) -> SafeString:
    """Each report's <tr>: its day (a link to its hot cost), state, labour and other costs
    planned and actual, the day's variance and, on a signed day, the running one."""
    stand_in = 2**62  # reversed once, then each row's key put in its place
    day_url = production_url(production, "hot_costs:day", pk=stand_in)
    parts = []
    for row in rows:
        report = row.report
        url = escaped(day_url.replace(str(stand_in), str(report.pk)))
        cumulative = variance(row.cumulative.variance, currency) if row.cumulative else ""
        parts.append(
            f'<tr><td><a href="{url}">{escaped(report.shoot_day)}</a></td>'
            f"<td>{escaped(report.get_state_display())}</td>"
            f'<td class="money">{_money(row.labour.planned, currency)}</td>'
            f'<td class="money">{_money(row.labour.actual, currency)}</td>'
            f'<td class="money">{_money(row.other.planned, currency)}</td>'
            f'<td class="money">{_money(row.other.actual, currency)}</td>'
            f'<td class="money">{variance(row.total.variance, currency)}</td>'
            f'<td class="money">{cumulative}</td></tr>'
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value is escaped above  # nosec B308 B703
