"""Purchase orders and invoices at a real production's size: a page of rows at a time, filters
and search that hold across pages, totals and exports over the whole filtered list."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.vendors.models import (
    Invoice,
    InvoiceLine,
    POStatus,
    PurchaseOrder,
    PurchaseOrderLine,
)
from tests.vendors.factories import VendorFactory

pytestmark = pytest.mark.django_db


def url(name: str, production, query: str = "") -> str:
    return reverse(f"vendors:{name}", kwargs={"production_slug": production.slug}) + query


@pytest.fixture
def orders(production):
    """120 POs of $10 each (one line): the 40 numbered 1-40 approved, the rest drafts; the
    approved ones go to "Lens House", the others to "Grip Co"."""
    lenses = VendorFactory(production=production, name="Lens House", budget=False)
    grip = VendorFactory(production=production, name="Grip Co", budget=False)
    pos = PurchaseOrder.objects.bulk_create(
        PurchaseOrder(
            production=production,
            number=n,
            vendor=lenses if n <= 40 else grip,
            description=f"Order {n}",
            status=POStatus.APPROVED if n <= 40 else POStatus.DRAFT,
        )
        for n in range(1, 121)
    )
    PurchaseOrderLine.objects.bulk_create(
        PurchaseOrderLine(
            purchase_order=po,
            production=production,
            account_number="3307",
            description="Item",
            quantity=Decimal("1"),
            unit_price=Decimal("10"),
            amount=Decimal("10"),
        )
        for po in pos
    )
    return pos


def rows(html: str, table: str) -> list[str]:
    body = html.split(f'id="{table}"', 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr[ >]", body.split("<tbody>", 1)[1])


def test_the_po_list_shows_a_page_of_fifty_with_page_n_of_m(ap_client, production, orders):
    page = ap_client.get(url("po_list", production))
    html = page.content.decode()
    assert len(rows(html, "po-table")) == 50
    assert "PO 0120" in html and "PO 0070" not in html  # newest first
    assert "Page 1 of 3" in html
    assert "1–50 of 120" in html


def test_page_two_keeps_the_filter_and_the_search(ap_client, production, orders):
    filtered = ap_client.get(url("po_list", production, "?status=draft&per_page=25"))
    html = filtered.content.decode()
    assert len(rows(html, "po-table")) == 25
    assert "Page 1 of 4" in html  # 80 drafts, 25 a page
    next_link = re.search(r'href="([^"]*(?:\?|&amp;)page=2)"', html).group(1).replace("&amp;", "&")
    assert "status=draft" in next_link and "per_page=25" in next_link
    second = ap_client.get(url("po_list", production, next_link)).content.decode()
    assert "Page 2 of 4" in second
    assert "PO 0095" in second and "PO 0040" not in second

    searched = ap_client.get(url("po_list", production, "?q=lens+house")).content.decode()
    assert len(rows(searched, "po-table")) == 40
    assert "Page 1 of 1" in searched
    assert "PO 0041" not in searched
    assert (
        ap_client.get(url("po_list", production, "?q=0007")).context["page"].object_list[0].number
        == 7
    )


def test_the_po_total_is_over_every_filtered_order_not_the_page(ap_client, production, orders):
    page = ap_client.get(url("po_list", production, "?status=draft"))
    assert page.context["summary"]["count"] == 80
    assert page.context["summary"]["total"] == Decimal("800")
    assert 'data-testid="list-total">$800.00<' in page.content.decode()


def test_a_page_past_the_end_shows_the_last_page(ap_client, production, orders):
    page = ap_client.get(url("po_list", production, "?page=99&per_page=abc"))
    assert page.status_code == 200
    assert page.context["page"].number == 3


def test_the_po_export_has_every_filtered_order(ap_client, production, orders):
    response = ap_client.get(url("po_list", production, "?status=draft&page=2&format=csv"))
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    assert lines[0][:3] == ["po", "vendor", "description"]
    assert len(lines) == 81


def test_the_invoice_list_is_paginated_filtered_and_totalled(ap_client, production, orders):
    vendor = orders[0].vendor
    invoices = Invoice.objects.bulk_create(
        Invoice(
            production=production,
            vendor=vendor,
            number=f"INV-{n:03d}",
            date=date(2027, 1, 1 + n % 28),
            status="entered" if n % 2 else "approved",
        )
        for n in range(1, 71)
    )
    InvoiceLine.objects.bulk_create(
        InvoiceLine(
            invoice=i,
            production=production,
            account_number="3307",
            description="Hire",
            amount=Decimal("5"),
        )
        for i in invoices
    )
    page = ap_client.get(url("invoices", production))
    html = page.content.decode()
    assert len(rows(html, "invoice-table")) == 50
    assert "Page 1 of 2" in html
    entered = ap_client.get(url("invoices", production, "?status=entered"))
    assert entered.context["summary"] == {"count": 35, "total": Decimal("175")}
    assert len(rows(entered.content.decode(), "invoice-table")) == 35
    found = ap_client.get(url("invoices", production, "?q=INV-007")).context["page"]
    assert [i.number for i in found.object_list] == ["INV-007"]
    export = ap_client.get(url("invoices", production, "?status=entered&format=csv"))
    assert len(export.content.decode().strip().splitlines()) == 36


@pytest.mark.parametrize("search", ["①", "PO ²", "٣"])
def test_a_search_for_digits_int_refuses_finds_by_text_not_a_server_error(
    ap_client, production, orders, search
):
    """'①'.isdigit() is true and int('①') raises: the search was a server error."""
    for name in ("po_list", "invoices"):
        response = ap_client.get(url(name, production, f"?q={search}"))
        assert response.status_code == 200


@pytest.mark.parametrize("name", ["vendors:po_list", "vendors:invoices"])
@pytest.mark.parametrize("query", [{"q": "\x00"}, {"status": "\x00"}, {"q": "nul\x00byte"}])
def test_a_nul_byte_in_the_search_or_status_finds_nothing_wrong(ap_client, production, name, query):
    """Found by the hostile-input test on PostgreSQL, which refuses NUL in a query (a 500)."""
    assert ap_client.get(reverse(name, args=[production.slug]), query).status_code == 200
