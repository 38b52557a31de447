"""A closed period's page and two periods compared, their rows drawn in Python
(apps/budgets/period_html.py), write what the pages' templates wrote cell by cell, links
included (those templates' rows are kept beside this test, period_row.html and
period_compared_rows.html, to compare with)."""

import re
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import Context, Template

from apps.budgets import period_html
from apps.budgets.queries.periods import ComparedLine, PeriodRow
from apps.budgets.views.costreport import Shown

HERE = Path(__file__).parent
COMPARED = (HERE / "period_compared_rows.html").read_text()
PERIOD = "{% for shown in rows %}" + (HERE / "period_row.html").read_text() + "{% endfor %}"


def _flat(html: str) -> str:
    """Without the white space between tags and ending a cell (the included link's newline)."""
    return re.sub(r"\s+</td>", "</td>", re.sub(r">\s+<", "><", html.strip()))


def _line(level, number, name, *figures):
    figures = [(Decimal(a), Decimal(b), Decimal(b) - Decimal(a)) for a, b in figures]
    return ComparedLine(f"{level}:{number}", level, number, name, None, None, figures)


@pytest.mark.parametrize("currency", ["USD", "JPY", "KWD"])
def test_the_compared_rows_written_in_python_are_the_templates(currency):
    lines = [
        _line("section", "", "Above the line", ("1000", "1000"), ("10", "12.5")),
        _line("category", "3300", "Camera & <Grip>", ("500", "500"), ("0", "0")),
        _line("account", "3307", 'Dolly "A" grip', ("250.25", "250.25"), ("100", "75.5")),
        _line("account", "3308", "Unchanged", ("0", "0"), ("0", "0")),
        _line("markup", "", "Contingency 10%", ("100", "110"), ("0", "0")),
        _line("total", "", "Total", ("1100", "1210"), ("10", "-2.5")),
    ]
    expected = Template(COMPARED).render(Context({"lines": lines, "currency": currency}))
    written = period_html.compared_rows(lines, currency)
    assert _flat(written) == _flat(expected)
    assert "table-warning" in written and "&lt;Grip&gt;" in written and "+" in written


def _row(level, number, name, budget, actual, committed, etc, previous=None, note=""):
    money = [Decimal(v) for v in (budget, actual, committed, etc)]
    previous = None if previous is None else Decimal(previous)
    return PeriodRow(
        number, name, *money, level=level, key=f"{level}:{number}", previous_efc=previous,
        note=note,
    )  # fmt: skip


@pytest.mark.parametrize("currency", ["USD", "JPY"])
def test_a_periods_rows_written_in_python_are_the_templates(currency):
    rows = [
        Shown(_row("section", "", "Production & <Post>", "900", "300", "100", "400", "800")),
        Shown(_row("category", "3300", "Camera", "500", "200", "50", "300", "500"), can_open=True),
        Shown(
            _row("account", "3307", 'Dolly "A"', "250.25", "200", "50", "100.5", "300",
                 note="Rain day:\n  the dolly stayed <one> more week"),
            category="3300", can_open=True,
        ),
        Shown(_row("account", "33 08&é", "Odd number", "0", "0", "0", "0"), category="3300"),
        Shown(_row("category", "3400", "Grip", "100", "0", "0", "100", "100")),
        Shown(_row("account", "9999", "Unbudgeted", "0", "10", "0", "0", "0")),
        Shown(_row("total", "", "Total", "1000", "310", "100", "500", "1000")),
        Shown(_row("markup", "", "Contingency", "100", "0", "0", "100", "90")),
    ]  # fmt: skip
    context = {
        "rows": rows, "currency": currency, "period": SimpleNamespace(pk=7),
        "production": SimpleNamespace(slug="night-ferry"),
    }  # fmt: skip
    expected = Template(PERIOD).render(Context(context))
    written = period_html.period_rows(
        rows, production=SimpleNamespace(slug="night-ferry"), period_id=7, currency=currency
    )
    assert _flat(written) == _flat(expected)
    assert "/drill/account/3307/efc/" in written and "over-budget" in written
    assert "period-note" in written and "text-danger" in written and "text-success" in written
