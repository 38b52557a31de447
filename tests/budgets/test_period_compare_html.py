"""Two periods side by side, their rows drawn in Python (apps/budgets/compare_html.py), write what
the page's template wrote cell by cell (that template's loop is kept beside this test,
period_compare_rows.html, to compare with)."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import Context, Template

from apps.budgets import compare_html
from apps.budgets.queries.periods import ComparedLine

TEMPLATE = (Path(__file__).parent / "period_compare_rows.html").read_text()


def _line(level, number, name, *figures):
    figures = [(Decimal(a), Decimal(b), Decimal(b) - Decimal(a)) for a, b in figures]
    return ComparedLine(f"{level}:{number}", level, number, name, None, None, figures)


def _flat(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


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
    expected = Template(TEMPLATE).render(Context({"lines": lines, "currency": currency}))
    written = compare_html.rows(lines, currency)
    assert _flat(written) == _flat(expected)
    assert "table-warning" in written and "&lt;Grip&gt;" in written and "+" in written
