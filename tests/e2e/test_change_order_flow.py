"""As an AP would: an approved PO that the vendor already has changes by change order. The AP
drafts it on the PO page (a line more, a line cheaper), submits it; the producer approves it and
the PO, at revision 1, goes to the vendor again."""

from __future__ import annotations

import os
from decimal import Decimal

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from apps.productions.capabilities import Role
from apps.productions.models import Membership
from apps.vendors import services
from apps.vendors.models import PurchaseOrder
from tests.e2e.helpers import sign_in
from tests.factories import PASSWORD, ProductionFactory, member
from tests.vendors.factories import VendorFactory, purchase_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_ap_drafts_a_change_order_and_the_producer_approves_it(live_server, browser):
    production = ProductionFactory(title="Harbour Lights")
    ap, producer = member(production), member(production, Role.PRODUCER)
    po = purchase_order(VendorFactory(production=production, name="Bokeh Camera"), "2000")
    po = services.po_approve(
        po=services.po_submit(po=po), membership=Membership.objects.get(user=producer)
    )
    services.po_send(po=po)
    base = live_server.url

    page: Page = browser.new_page()
    sign_in(page, base, ap.email, PASSWORD)
    page.goto(base + po.get_absolute_url())
    expect(page.locator("#lines-frozen")).to_be_visible()
    expect(page.locator("#line-form")).to_have_count(0)

    page.get_by_label("Why the PO changes").fill("B camera for the second unit")
    page.get_by_role("button", name="Start a change order").click()
    expect(page.get_by_test_id("co-status")).to_have_text("Draft")
    page.get_by_label("New line account").fill("3307")
    page.get_by_label("New line description").fill("B camera body")
    page.get_by_label("New line unit price").fill("1200")
    page.get_by_role("button", name="Add line").click()
    page.get_by_label("Unit price of Item").fill("1800")
    page.get_by_role("button", name="Change Item").click()
    changes = page.locator("#co-changes")
    expect(changes).to_contain_text("Added: 3307 B camera body, 1 × $1,200.00")
    expect(changes).to_contain_text("Changed Item: unit price $2,000.00 → $1,800.00")
    if os.environ.get("SCREENSHOTS"):
        page.screenshot(path=os.environ["SCREENSHOTS"] + "/change-order-draft.png", full_page=True)
    page.get_by_role("button", name="Submit change order").click()
    expect(page.get_by_test_id("co-status")).to_have_text("Submitted")
    expect(page.get_by_role("button", name="Approve change order")).to_have_count(1)
    page.close()

    page = browser.new_page()
    sign_in(page, base, producer.email, PASSWORD)
    page.goto(base + po.get_absolute_url())
    page.get_by_role("button", name="Approve change order").click()
    expect(page.get_by_test_id("po-revision")).to_have_text("Revision 1")
    expect(page.get_by_test_id("po-total")).to_have_text("$3,000.00")
    expect(page.locator("#change-order-list")).to_contain_text("Approved")
    if os.environ.get("SCREENSHOTS"):
        page.screenshot(
            path=os.environ["SCREENSHOTS"] + "/change-order-approved.png", full_page=True
        )
    page.close()

    po = PurchaseOrder.objects.get()
    assert (po.revision, po.approved_total) == (1, Decimal("3000.000"))
    assert [m.subject.endswith("revision 1") for m in mail.outbox] == [False, True]
