"""One definition of a purchase order's total (services.po_total, PO_TOTAL in SQL): the sum of its
lines, each rounded once to the currency's minor unit. Page, list, PDF, e-mail context, reports
and approvals all read it."""

from __future__ import annotations

import csv
import io
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.productions.capabilities import Role
from apps.productions.models import Membership
from apps.vendors import queries, services
from apps.vendors.models import PurchaseOrder
from apps.vendors.services.purchasing import PO_TOTAL, po_total
from tests import pdfs
from tests.factories import member
from tests.vendors.factories import VendorFactory, purchase_order

pytestmark = pytest.mark.django_db


def _po_with_rounding_sensitive_lines(production) -> PurchaseOrder:
    """Three lines of 1.5 × 1.235 KWD: each 1.8525, rounded half up to 1.853, so the total is
    5.559 (rounding the unrounded sum, 5.5575, would give 5.558)."""
    vendor = VendorFactory(production=production)
    po = services.po_create(production=production, vendor=vendor, description="Lamps")
    for _ in range(3):
        services.po_line_add(
            po=po,
            account_number="3307",
            description="Lamp",
            unit_price=Decimal("1.235"),
            quantity=Decimal("1.5"),
        )
    producer = Membership.objects.get(user=member(production, Role.PRODUCER))
    return services.po_approve(po=services.po_submit(po=po), membership=producer)


def test_the_po_page_list_pdf_and_export_agree_on_a_total_of_rounded_lines(
    client, production, tmp_path
):
    production.currency = "KWD"
    production.save()
    po = _po_with_rounding_sensitive_lines(production)
    expected = Decimal("5.559")
    assert po_total(po) == expected
    assert po.approved_total == expected
    assert queries.purchase_orders_for(production).get(pk=po.pk).total == expected
    assert queries.po_document_context(po)["total"] == expected

    client.force_login(member(production))
    kwargs = {"production_slug": production.slug}
    page = client.get(reverse("vendors:po_detail", kwargs={**kwargs, "pk": po.pk}))
    assert 'data-testid="po-total">KWD5.559<' in page.content.decode()

    listing = client.get(reverse("vendors:po_list", kwargs=kwargs)).content.decode()
    assert '<td class="money">KWD5.559</td>' in listing

    pdf = client.get(reverse("vendors:po_pdf", kwargs={**kwargs, "pk": po.pk}))
    path = tmp_path / "po.pdf"
    path.write_bytes(pdfs.of(pdf))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "KWD5.559" in text and "KWD1.853" in text

    export = reverse("vendors:report_export", kwargs={**kwargs, "report": "open-pos"})
    rows = list(csv.reader(io.StringIO(client.get(export).content.decode())))
    assert rows[1] == ["3307", po.label, po.vendor.name, "5.559"]
    sheet = load_workbook(io.BytesIO(client.get(export + "?format=xlsx").content)).active
    assert Decimal(str(sheet["D2"].value)) == expected


def test_the_sql_total_equals_po_total_for_every_po(production):
    vendor = VendorFactory(production=production)
    pos = [
        purchase_order(vendor),
        purchase_order(vendor, "0.33", "0.33", "0.34"),
        purchase_order(vendor, "1234.56", "0.01"),
    ]
    services.po_line_add(
        po=pos[0], account_number="3307", description="x", unit_price=Decimal("0.33"), quantity=3
    )
    annotated = dict(
        PurchaseOrder.objects.filter(production=production)
        .annotate(total=PO_TOTAL)
        .values_list("pk", "total")
    )
    assert annotated == {po.pk: po_total(po) for po in pos}
    assert [po_total(po) for po in pos] == [Decimal("0.99"), Decimal("1.00"), Decimal("1234.57")]
    assert str(po_total(purchase_order(vendor))) == "0.00"


def test_the_invoice_check_compares_against_po_total(production):
    production.currency = "KWD"
    production.save()
    po = _po_with_rounding_sensitive_lines(production)
    invoice = services.invoice_create(
        production=production,
        vendor=po.vendor,
        number="A-1",
        date=production.today(),
        purchase_order=po,
        lines=[{"account_number": "3307", "description": "Lamps", "amount": Decimal("5.560")}],
    )
    check = services.invoice_check(invoice)
    assert check.po_total == po_total(po) == Decimal("5.559")
    assert check.over_po == Decimal("0.001")
