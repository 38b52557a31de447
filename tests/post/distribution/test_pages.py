"""The deal pages: the form's instalment lines (a clear error per bad line, and the MG rule on
the form), the deals and the grid exported."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.post.distribution.models import Deal

pytestmark = pytest.mark.django_db


def url(production, name, **kwargs):
    return reverse(f"post:{name}", kwargs={"production_slug": production.slug, **kwargs})


FORM = {
    "territory": "Japan", "theatrical": "on", "streaming": "on", "exclusive": "on",
    "licensor": "Harbour Light Pictures", "licensee": "Umi Films", "term_start": "2027-01-01",
    "term_end": "2034-12-31", "minimum_guarantee": "80000", "delivery_due": "2027-04-01",
    "instalments": "2027-01-15 20,000 on signature\n2027-04-01 60000 on delivery",
}  # fmt: skip


def test_a_deal_is_made_with_its_payment_dates(ap_client, production):
    response = ap_client.post(url(production, "distribution_new"), FORM)
    assert response.status_code == 302
    deal = Deal.objects.get()
    assert [(i.amount, i.note) for i in deal.instalments.all()] == [
        (Decimal("20000"), "on signature"),
        (Decimal("60000"), "on delivery"),
    ]
    page = ap_client.get(url(production, "distribution")).content.decode()
    assert "Umi Films" in page and "$80,000.00" in page
    edit = ap_client.get(url(production, "distribution_deal", pk=deal.pk)).content.decode()
    assert "2027-01-15 20000 on signature" in edit


def test_instalments_that_miss_the_mg_are_refused_on_the_form(ap_client, production):
    data = {**FORM, "instalments": "2027-01-15 20000\n2027-04-01 50000"}
    page = ap_client.post(url(production, "distribution_new"), data).content.decode()
    assert "The instalments add up to $70,000.00, but the minimum guarantee is $80,000.00" in page
    assert "2027-04-01 50000" in page  # nothing typed is lost
    assert not Deal.objects.exists()


def test_a_bad_instalment_line_is_named(ap_client, production):
    data = {**FORM, "instalments": "2027-01-15 20000\nsoon 60000\n2027-02-01 lots"}
    page = ap_client.post(url(production, "distribution_new"), data).content.decode()
    assert "Line 2: &#x27;soon&#x27; is not a date (YYYY-MM-DD)." in page
    assert "Line 3: &#x27;lots&#x27; is not an amount." in page
    assert not Deal.objects.exists()


def test_a_deal_without_a_right_or_with_its_term_backwards_is_refused(ap_client, production):
    data = {k: v for k, v in FORM.items() if k not in ("theatrical", "streaming")}
    data["term_end"] = "2026-01-01"
    page = ap_client.post(url(production, "distribution_new"), data).content.decode()
    assert "Tick at least one right." in page
    assert "The term must end on or after its start." in page


def test_deals_and_the_grid_export(ap_client, production):
    ap_client.post(url(production, "distribution_new"), FORM)
    response = ap_client.get(url(production, "distribution_export", fmt="xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:5] == (
        "Japan",
        "Theatrical, Streaming",
        "yes",
        "Harbour Light Pictures",
        "Umi Films",
    )
    assert rows[1][7] == 80000
    grid = ap_client.get(url(production, "distribution_grid_export", fmt="csv") + "?on=2028-01-01")
    found = {row[0]: row[1:] for row in csv.reader(io.StringIO(grid.content.decode()))}
    assert found["Japan"] == ["Sold: Umi Films", "Open", "Sold: Umi Films", "Open"]
    page = ap_client.get(url(production, "distribution_grid") + "?on=2028-01-01").content.decode()
    assert page.count('data-state="sold"') == 2
