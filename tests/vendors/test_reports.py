from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from openpyxl import load_workbook

from apps.productions.capabilities import Role
from apps.productions.models import Membership
from apps.vendors import services
from apps.vendors.models import Quote, QuoteRequest
from tests.factories import member
from tests.vendors.factories import VendorFactory, purchase_order, receive_all, rental_fields

pytestmark = pytest.mark.django_db


def build(production, n: int) -> None:
    """n vendors, each with an approved PO on two accounts, a certificate and an invoice."""
    producer = Membership.objects.get(user=member(production, Role.PRODUCER))
    for i in range(n):
        vendor = VendorFactory(production=production, name=f"Vendor {i:02d}")
        po = purchase_order(vendor, "100.10")
        services.po_line_add(
            po=po, account_number="2507", description="grip", unit_price=Decimal("50")
        )
        po = services.po_approve(po=services.po_submit(po=po), membership=producer)
        receive_all(po)
        services.certificate_upload(
            vendor=vendor,
            upload=ContentFile(b"%PDF-1.4\n", name="c.pdf"),
            expires_on=date.today() + timedelta(days=5 + i * 30),
        )
        inv = services.invoice_create(
            production=production,
            vendor=vendor,
            purchase_order=po,
            number=f"I-{i}",
            date=date.today(),
            lines=[{"account_number": "3307", "description": "x", "amount": Decimal("40.05")}],
        )
        services.invoice_approve(invoice=inv, membership=producer)
        services.po_submit(po=purchase_order(vendor, "75"))  # awaiting approval on the panel
        services.rental_create(vendor=vendor, **rental_fields(purchase_order=po))
        need = QuoteRequest.objects.create(
            production=production, title=f"Need {i}", account_number="3307"
        )
        Quote.objects.create(production=production, request=need, vendor=vendor, amount=Decimal(5))


def test_open_pos_by_account_subtract_approved_invoices(ap_client, production):
    build(production, 2)
    from apps.vendors.queries import report_open_pos_by_account, report_spend_by_vendor

    rows = report_open_pos_by_account(production).rows
    assert [(r[0], r[3]) for r in rows] == [
        ("2507", Decimal("50.00")),
        ("2507", Decimal("50.00")),
        ("3307", Decimal("60.05")),
        ("3307", Decimal("60.05")),
    ]
    spend = report_spend_by_vendor(production).rows
    assert spend[0][2:] == [Decimal("40.05"), Decimal("110.05"), Decimal("150.10")]


@pytest.mark.parametrize("report", ["open-pos", "spend", "certificates"])
def test_each_report_exports_to_csv_and_xlsx(ap_client, production, report):
    build(production, 2)
    url = reverse(
        "vendors:report_export", kwargs={"production_slug": production.slug, "report": report}
    )
    csv = ap_client.get(url + "?format=csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert csv.content.decode().count("\n") == 1 + (4 if report == "open-pos" else 2)
    xlsx = ap_client.get(url + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 1 + (4 if report == "open-pos" else 2)
    if report == "spend":
        assert sheet["C2"].value == 40.05 and isinstance(sheet["C2"].value, float | int)
    if report == "certificates":
        assert sheet["D2"].value == "expiring"


def pages(production) -> list[str]:
    slug = {"production_slug": production.slug}
    return [
        reverse(name, kwargs=slug)
        for name in (
            "vendors:index",
            "vendors:po_list",
            "vendors:invoices",
            "vendors:reports",
            "vendors:rentals",
            "vendors:quote_requests",
        )
    ] + [production.get_absolute_url()]


def counts(client, django_assert_max_num_queries, production) -> list[int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from apps.core.freshness import settle

    settle()  # the setup's writes end as a request's would: the data stamp moves first
    found = []
    for url in pages(production):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        found.append(len(queries))
    return found


def test_list_pages_reports_and_the_panel_do_not_grow_with_rows(
    client, production, django_assert_max_num_queries
):
    from tests.factories import ProductionFactory

    client.force_login(member(production))
    build(production, 2)
    small = counts(client, django_assert_max_num_queries, production)
    bigger = ProductionFactory()
    client.force_login(member(bigger))
    build(bigger, 8)
    large = counts(client, django_assert_max_num_queries, bigger)
    # Every page: session, user, membership with its production (3), then its own:
    # vendors: vendors with certificate expiry and open-PO count (1);
    # POs: how many match, their total, the page's POs with vendor and total (3); invoices:
    # how many match, their total, the page's invoices with vendor, PO and total (3);
    # reports: open POs by account (POs with vendor, ordered, invoiced = 3), spend by vendor
    # (PO vendors, ordered, invoiced, invoiced per vendor, vendors = 5), certificates (1);
    # dashboard: members, vendor settings, submitted POs, newest certificates and their rows
    # (2), rentals due, my reminders (7).
    assert small == large
    # rentals: rentals with vendor, PO and production, then the booking form's vendor and PO
    # choices (3); quote requests: requests with the chosen quote's vendor, their quotes (2).
    # The dashboard's total also carries every other app's panel, so only its not growing
    # (above) is pinned here.
    assert small[:-1] == [4, 6, 6, 12, 6, 5]
