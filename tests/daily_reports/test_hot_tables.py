"""The hot cost tables, drawn in Python (apps/daily_reports/hot/tables.py), write what the pages'
templates wrote cell by cell (those templates' loops are kept beside this test,
hot_day_lines.html and hot_summary_rows.html, to compare with)."""

import re
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import Context, Template

from apps.daily_reports.hot import tables
from apps.daily_reports.hot.queries import Group, SummaryRow, Totals
from apps.daily_reports.models import HotCostKind, HotCostLine

TEMPLATE = (Path(__file__).parent / "hot_day_lines.html").read_text()
SUMMARY = (Path(__file__).parent / "hot_summary_rows.html").read_text()


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
    written = tables.lines(page, currency)
    assert _flat(written) == _flat(expected)
    assert "&lt;Grip&gt;" in written and "+1" in written and "text-success" in written


def _totals(planned, actual):
    return Totals(Decimal(planned), Decimal(actual))


@pytest.mark.parametrize("currency", ["USD", "JPY"])
def test_the_summary_written_in_python_is_the_templates(currency):
    def report(pk, day, state):
        return SimpleNamespace(pk=pk, shoot_day=day, get_state_display=lambda: state)

    rows = [
        SummaryRow(report(5, "Day 1 <Mon> & co", "Signed"), _totals("1000", "1100.5"),
                   _totals("50", "40"), _totals("1050", "1140.5"), _totals("1050", "1140.5")),
        SummaryRow(report(77, "Day 2", "Draft"), _totals("900", "850"), _totals("0", "0"),
                   _totals("900", "850"), None),
        SummaryRow(report(8, "Day 3", "Signed"), _totals("0", "0"), _totals("0", "0"),
                   _totals("0", "0"), _totals("1050", "1140.5")),
    ]  # fmt: skip
    production = SimpleNamespace(slug="night-ferry", currency=currency)
    expected = Template(SUMMARY).render(Context({"rows": rows, "production": production}))
    written = tables.summary_rows(rows, SimpleNamespace(slug="night-ferry"), currency)
    assert _flat(written) == _flat(expected)
    assert "/p/night-ferry/hot-costs/77/" in written and "&lt;Mon&gt;" in written
