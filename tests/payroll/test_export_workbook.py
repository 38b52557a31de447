"""The payroll export as a workbook that recomputes (issue 16, point 2): each person's total is a
live sum of their pay lines and the week's total a sum of the people's totals, recalculated by
LibreOffice to the app's figures; money in the currency's format under a frozen header.

Found on main: the XLSX wrote every total as a static value beside the lines it claimed to add."""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.core.exports import money_format
from apps.payroll import services
from apps.payroll.queries import export_rows
from tests.payroll.conftest import START, approved, exported_week, filled, hire, long_day
from tests.spreadsheets import money, recalculated

pytestmark = pytest.mark.django_db


def _two_people(production, timecard, head):
    exported_week(production, timecard, head)
    lin = services.timecard_start(engagement=hire(production, name="Lin Park"), day=START)
    approved(filled(lin, {START + timedelta(days=3): long_day()}), head)


def _download(client, production, accountant) -> bytes:
    client.force_login(accountant)
    url = reverse("payroll:export", args=[production.slug, "xlsx"]) + f"?week={START}"
    response = client.get(url)
    assert response.status_code == 200
    return response.content


def test_every_total_is_a_live_sum_of_the_lines_it_adds(
    client, production, timecard, head, accountant
):
    _two_people(production, timecard, head)
    sheet = load_workbook(io.BytesIO(_download(client, production, accountant))).active
    rows = list(sheet.iter_rows(min_row=2))
    totals = [r for r in rows if r[4].value == "total"]
    assert len(totals) == 3  # two people and the week
    first = 2
    for row in totals[:-1]:
        amount = row[6]
        assert amount.data_type == "f", f"{amount.coordinate} is {amount.value!r}"
        assert amount.value == f"=SUM(G{first}:G{amount.row - 1})"
        first = amount.row + 1
    week = totals[-1][6]
    people = ",".join(row[6].coordinate for row in totals[:-1])
    assert (week.data_type, week.value) == ("f", f"=SUM({people})")
    assert sheet.freeze_panes == "A2"
    assert week.number_format == money_format(production.currency)


def test_the_workbook_recalculates_to_the_exports_figures_to_the_cent(
    client, production, timecard, head, accountant, tmp_path
):
    _two_people(production, timecard, head)
    data = _download(client, production, accountant)
    values = recalculated(data, tmp_path).active
    expected = export_rows(production, START)
    got = [money(row[6]) for row in values.iter_rows(min_row=2, values_only=True)]
    assert got == [row[6] for row in expected]
    assert got[-1] == sum((row[6] for row in expected if row[4] != "total"), Decimal(0))
