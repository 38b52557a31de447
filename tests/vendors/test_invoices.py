from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.productions.capabilities import Role
from apps.productions.models import Membership
from apps.vendors import services
from apps.vendors.models import Invoice, InvoiceStatus
from apps.vendors.services.invoices import (
    INVOICE_DUPLICATE,
    INVOICE_PO_NOT_OPEN,
    INVOICE_PO_OTHER_VENDOR,
    OVER_PO_NEEDS_APPROVAL,
)
from apps.vendors.services.purchasing import NO_APPROVAL_RIGHT
from tests.factories import member
from tests.vendors.factories import VendorFactory, purchase_order, receive_all

pytestmark = pytest.mark.django_db


def role(production, which) -> Membership:
    return Membership.objects.get(user=member(production, which))


@pytest.fixture
def po(production):
    po = services.po_submit(po=purchase_order(VendorFactory(production=production), "1000"))
    return receive_all(services.po_approve(po=po, membership=role(production, Role.PRODUCER)))


def invoice(po, amount: str, number: str = "INV-1", account: str = "3307") -> Invoice:
    return services.invoice_create(
        production=po.production,
        vendor=po.vendor,
        purchase_order=po,
        number=number,
        date=date(2030, 3, 4),
        lines=[{"account_number": account, "description": "x", "amount": Decimal(amount)}],
    )


def test_the_check_compares_ordered_received_and_invoiced(production, po):
    services.invoice_approve(
        invoice=invoice(po, "400"), membership=role(production, Role.ASSOCIATE_PRODUCER)
    )
    check = services.invoice_check(invoice(po, "700", number="INV-2"))
    (row,) = check.rows
    assert (row.ordered, row.received, row.invoiced_before, row.this_invoice) == (
        Decimal("1000.00"),
        Decimal("1000.00"),
        Decimal("400.00"),
        Decimal("700.00"),
    )
    assert row.over_ordered and check.over_po == Decimal("100.00")


def test_an_accountant_approves_within_the_po_but_not_over_it(production, po):
    accountant = role(production, Role.ACCOUNTANT)
    within = services.invoice_approve(invoice=invoice(po, "1000"), membership=accountant)
    assert within.status == InvoiceStatus.APPROVED
    over = invoice(po, "0.01", number="INV-2")
    with pytest.raises(services.VendorError) as refused:
        services.invoice_approve(invoice=over, membership=accountant)
    assert refused.value.message == OVER_PO_NEEDS_APPROVAL.format(
        over="0.01", refusal=NO_APPROVAL_RIGHT
    )
    # Over the PO is also beyond what was received: the producer approves it, with a reason.
    with pytest.raises(services.VendorError) as refused:
        services.invoice_approve(invoice=over, membership=role(production, Role.ASSOCIATE_PRODUCER))
    assert "beyond what was received" in refused.value.message
    approved = services.invoice_approve(
        invoice=over, membership=role(production, Role.PRODUCER), override_reason="Bank fee"
    )
    assert approved.status == InvoiceStatus.APPROVED


def test_an_ap_approves_an_overage_only_while_the_new_total_is_within_her_limit(production, po):
    big = invoice(po, "5000.01")
    with pytest.raises(services.VendorError) as refused:
        services.invoice_approve(invoice=big, membership=role(production, Role.ASSOCIATE_PRODUCER))
    assert "is over your approval limit" in refused.value.message
    approved = services.invoice_approve(
        invoice=big, membership=role(production, Role.PRODUCER), override_reason="Extra week"
    )
    assert approved.status == InvoiceStatus.APPROVED


def test_an_invoice_without_a_po_is_flagged_and_needs_po_approval_rights(client, production):
    vendor = VendorFactory(production=production)
    loose = services.invoice_create(
        production=production,
        vendor=vendor,
        number="P-1",
        date=date(2030, 3, 4),
        lines=[{"account_number": "3604", "description": "Permit", "amount": Decimal("350")}],
    )
    assert loose.without_po
    client.force_login(member(production, Role.ACCOUNTANT))
    listing = client.get(reverse("vendors:invoices", kwargs={"production_slug": production.slug}))
    assert "No PO" in listing.content.decode()
    with pytest.raises(services.VendorError):
        services.invoice_approve(invoice=loose, membership=role(production, Role.ACCOUNTANT))
    services.invoice_approve(invoice=loose, membership=role(production, Role.ASSOCIATE_PRODUCER))


def test_an_invoice_goes_only_against_an_open_po_of_its_vendor(production, po):
    other = VendorFactory(production=production)
    with pytest.raises(services.VendorError) as refused:
        services.invoice_create(
            production=production, vendor=other, purchase_order=po, number="1", date=date.today()
        )
    assert refused.value.message == INVOICE_PO_OTHER_VENDOR.format(po=po, vendor=po.vendor)
    draft = purchase_order(po.vendor, "5")
    with pytest.raises(services.VendorError) as refused:
        invoice(draft, "5")
    assert refused.value.message == INVOICE_PO_NOT_OPEN.format(po=draft, status="draft")


def test_a_vendor_invoice_number_is_entered_once(production, po):
    invoice(po, "10", number="A-7")
    with pytest.raises(services.VendorError) as refused:
        invoice(po, "10", number="a-7")
    assert refused.value.message == INVOICE_DUPLICATE.format(vendor=po.vendor, number="a-7")


def test_entering_an_invoice_through_the_page(client, production, po):
    client.force_login(member(production, Role.ACCOUNTANT))
    slug = {"production_slug": production.slug}
    form = client.get(reverse("vendors:invoice_create", kwargs=slug) + f"?po={po.pk}")
    assert 'value="3307"' in form.content.decode()
    response = client.post(
        reverse("vendors:invoice_create", kwargs=slug),
        {
            "vendor": po.vendor_id,
            "purchase_order": po.pk,
            "number": "HC-1",
            "date": "2030-03-04",
            "account_number": "3307",
            "description": "Week 1",
            "amount": "250.00",
        },
    )
    created = Invoice.objects.get()
    assert response["Location"] == reverse("vendors:invoice", kwargs={**slug, "pk": created.pk})
    page = client.get(response["Location"]).content.decode()
    assert 'id="invoice-check"' in page and "$250.00" in page
