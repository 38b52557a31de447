"""A day's hot cost table, drawn in Python (apps/daily_reports/hot/day_html.py), writes what the
page's template wrote cell by cell (that template's loop is kept beside this test,
hot_day_lines.html, to compare with)."""

import re
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import Context, Template

from apps.daily_reports.hot import day_html
from apps.daily_reports.hot.queries import Group
from apps.daily_reports.models import HotCostKind, HotCostLine

TEMPLATE = (Path(__file__).parent / "hot_day_lines.html").read_text()


def _line(label, planned, actual, detail=()):
    return HotCostLine(
        kind=HotCostKind.LABOUR, label=label, planned=Decimal(planned), actual=Decimal(actual),
        detail=list(detail),
    )  # fmt: skip


def _group(name, *lines):
    group = Group(name)
    for line in lines:
        group.lines.append(line)
        group.totals.add(line)
    return group


def _flat(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("currency", ["USD", "JPY", "KWD"])
def test_the_day_table_written_in_python_is_the_templates(currency):
    detail = [
        {"side": "planned", "code": "note", "rule": "planned: 07:00 to 19:00 <&>", "hours": None,
         "rate": "", "amount": ""},
        {"side": "planned", "code": "base", "rule": 'Base "10 h"', "hours": "10.00",
         "rate": "45.5000", "amount": "455.00"},
        {"side": "actual", "code": "ot15", "rule": "Overtime x1.5", "hours": "1.50",
         "rate": "68.2500", "amount": "102.38"},
        {"side": "actual", "code": "meal", "rule": "Meal penalty", "hours": "0.00", "rate": "25",
         "amount": "25.00"},
    ]  # fmt: skip
    groups = [
        _group("Camera & <Grip>", _line("Ann O'Neil, Focus puller", "455.00", "582.38", detail),
               _line("Bo, Loader", "300.00", "300.00")),
        _group("Other costs", _line("Condor <extra hour>", "0", "1250.50"),
               _line("Water", "80.00", "60.00", detail[:1])),
    ]  # fmt: skip
    page = SimpleNamespace(groups=groups)
    context = Context({"page": page, "production": SimpleNamespace(currency=currency)})
    expected = Template(TEMPLATE).render(context)
    written = day_html.lines(page, currency)
    assert _flat(written) == _flat(expected)
    assert "&lt;Grip&gt;" in written and "+1" in written and "text-success" in written
