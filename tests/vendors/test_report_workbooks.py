"""Purchasing exports as spreadsheets people work in (issue 16, point 2): the spend report's
total is a live sum of its two columns, recalculated by LibreOffice to the app's figure, and the
lists' money is in the production's currency format under a frozen header.

Found on main: the total was a static value and no sheet had a format, a width or a frozen
header."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.core.exports import money_format
from apps.vendors.queries import report_spend_by_vendor
from tests.spreadsheets import money, recalculated
from tests.vendors.test_reports import build

pytestmark = pytest.mark.django_db


def test_the_spend_reports_total_is_a_live_sum_that_recalculates_to_the_apps(
    ap_client, production, tmp_path
):
    build(production, 2)
    kwargs = {"production_slug": production.slug, "report": "spend"}
    data = ap_client.get(reverse("vendors:report_export", kwargs=kwargs) + "?format=xlsx").content
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["E2"].value == "=C2+D2" and sheet["E2"].data_type == "f"
    assert sheet.freeze_panes == "A2"
    assert sheet["C2"].number_format == money_format(production.currency)
    values = recalculated(data, tmp_path).active
    expected = [row[4] for row in report_spend_by_vendor(production).rows]
    assert [money(values.cell(row=r, column=5).value) for r in (2, 3)] == expected
    assert expected[0] == Decimal("150.10")


@pytest.mark.parametrize(("page", "column"), [("vendors:po_list", "F"), ("vendors:invoices", "G")])
def test_the_purchasing_lists_show_money_in_the_currency_format(
    ap_client, production, page, column
):
    production.currency = "JPY"
    production.save()
    build(production, 1)
    url = reverse(page, kwargs={"production_slug": production.slug}) + "?format=xlsx"
    sheet = load_workbook(io.BytesIO(ap_client.get(url).content)).active
    assert sheet.freeze_panes == "A2"
    assert sheet[f"{column}2"].number_format == '"¥"#,##0;-"¥"#,##0'
