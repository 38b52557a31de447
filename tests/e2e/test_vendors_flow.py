"""As an AP would: open a quote request, compare two vendors' quotes, choose one (which drafts the
PO), submit and approve it, send it, record its receipt, then enter the vendor's invoice and
approve it."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from apps.budgets.queries import cost_report
from apps.vendors.models import InvoiceStatus, POStatus, PurchaseOrder
from tests.e2e.helpers import sign_in
from tests.factories import PASSWORD, ProductionFactory, member
from tests.vendors.factories import VendorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def committed(production, account: str) -> tuple[Decimal, Decimal]:
    """(actual, committed) of an account in the cost report."""
    row = next(r for r in cost_report(production).accounts if r.number == account)
    return row.actual, row.committed


def test_an_ap_goes_from_a_quote_request_to_an_approved_po_and_invoice(live_server, page: Page):
    production = ProductionFactory(title="Harbour Lights")
    ap = member(production)
    VendorFactory(production=production, name="Aperture Rentals")
    VendorFactory(production=production, name="Bokeh Camera")
    base = live_server.url

    sign_in(page, base, ap.email, PASSWORD)
    page.goto(base + production.get_absolute_url())
    page.get_by_role("link", name="Vendors").first.click()
    page.get_by_role("link", name="Quotes").click()

    need = page.locator("#need-form")
    need.get_by_role("textbox", name=re.compile(r"^Need\*?$")).fill("Camera package, prep tests")
    need.get_by_label("Budget account").fill("3307")
    need.get_by_role("button", name="Open request").click()
    expect(page.get_by_role("heading", name="Camera package, prep tests")).to_be_visible()

    for vendor, amount in [("Aperture Rentals", "3200"), ("Bokeh Camera", "2950.50")]:
        form = page.locator("#quote-form")
        form.get_by_label("Vendor").select_option(label=vendor)
        form.get_by_label("Amount").fill(amount)
        form.get_by_role("button", name="Save quote").click()
        expect(page.get_by_text(f"Quote from {vendor} saved.")).to_be_visible()
    expect(page.get_by_test_id("quote")).to_have_count(2)

    page.get_by_role("button", name="Choose Bokeh Camera").click()
    expect(page.get_by_text("Bokeh Camera chosen: PO 0001 drafted.")).to_be_visible()
    expect(page.get_by_test_id("po-status")).to_have_text("Draft")
    expect(page.get_by_test_id("po-total")).to_have_text("$2,950.50")

    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_test_id("po-status")).to_have_text("Submitted")
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_test_id("po-status")).to_have_text("Approved")
    assert committed(production, "3307") == (Decimal("0.00"), Decimal("2950.50"))
    page.get_by_role("button", name="Send to vendor").click()
    expect(page.get_by_text("PO 0001 is on its way to Bokeh Camera.")).to_be_visible()
    page.reload()
    expect(page.get_by_test_id("po-status")).to_have_text("Sent")
    assert [m.to for m in mail.outbox] == [[PurchaseOrder.objects.get().vendor.email]]

    page.get_by_label("Received of Camera package, prep tests").fill("1")
    page.get_by_role("button", name="Record receipt").click()
    expect(page.get_by_test_id("po-status")).to_have_text("Received")

    page.get_by_role("link", name="Enter invoice").click()
    page.get_by_label("Vendor's invoice number").fill("BC-2041")
    page.get_by_label("Amount").fill("2950.50")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Invoice BC-2041 from Bokeh Camera entered.")).to_be_visible()
    expect(page.locator("#invoice-check")).to_contain_text("ok")
    page.get_by_role("button", name="Approve invoice").click()
    expect(page.get_by_test_id("invoice-status")).to_have_text("Approved")

    po = PurchaseOrder.objects.get()
    assert po.status == POStatus.RECEIVED
    invoice = po.invoices.get()
    assert invoice.status == InvoiceStatus.APPROVED
    assert invoice.lines.get().amount == Decimal("2950.50")
    # In the cost report the PO's commitment became the invoice's actual, to the cent.
    assert committed(production, "3307") == (Decimal("2950.50"), Decimal("0.00"))


def test_the_vendor_pages_work_on_a_phone(live_server, browser):
    production = ProductionFactory(title="Pocket Film")
    user = member(production)
    VendorFactory(production=production, name="A vendor with a rather long name for a phone")
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    sign_in(page, live_server.url, user.email, PASSWORD)
    for path in ("", "orders/", "rentals/", "invoices/", "reports/"):
        page.goto(f"{live_server.url}/p/{production.slug}/vendors/{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    context.close()
