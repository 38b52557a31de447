"""Approved POs are commitments in the cost report and approved invoices are actuals; an invoice
moves exactly its amount from committed to actual. All through apps.budgets.services."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from apps.budgets.models import Actual, Commitment
from apps.budgets.queries import cost_report
from apps.budgets.services import NO_CURRENT_VERSION, UNKNOWN_ACCOUNT
from apps.productions.capabilities import Role
from apps.productions.models import Membership
from apps.vendors import services
from apps.vendors.models import PurchaseOrder
from tests.factories import ProductionFactory, member
from tests.vendors.factories import VendorFactory, purchase_order, receive_all

pytestmark = pytest.mark.django_db

ZERO = Decimal("0.00")


@pytest.fixture
def producer(production) -> Membership:
    return Membership.objects.get(user=member(production, Role.PRODUCER))


@pytest.fixture
def vendor(production):
    return VendorFactory(production=production)  # the factory gives the production a budget


def report(production) -> dict[str, tuple[Decimal, Decimal]]:
    """account → (actual, committed) in the cost report."""
    rows = cost_report(production).accounts
    return {r.number: (r.actual, r.committed) for r in rows if r.actual or r.committed}


def approved(vendor, producer, *lines: tuple[str, str], received=True) -> PurchaseOrder:
    """An approved PO with these (account, amount) lines, received in full unless told not."""
    po = purchase_order(vendor)
    for account, amount in lines:
        services.po_line_add(
            po=po, account_number=account, description="x", unit_price=Decimal(amount)
        )
    po = services.po_approve(po=services.po_submit(po=po), membership=producer)
    return receive_all(po) if received else po


def invoice(po, *lines: tuple[str, str], number="INV-1"):
    return services.invoice_create(
        production=po.production,
        vendor=po.vendor,
        purchase_order=po,
        number=number,
        date=date(2030, 3, 4),
        lines=[{"account_number": a, "description": "x", "amount": Decimal(m)} for a, m in lines],
    )


def test_a_po_commits_nothing_until_it_is_approved(production, vendor, producer):
    po = services.po_submit(po=purchase_order(vendor, "1000"))
    assert report(production) == {}
    services.po_approve(po=po, membership=producer)
    assert report(production) == {"3307": (ZERO, Decimal("1000.00"))}


def test_an_approved_po_commits_on_each_of_its_accounts(production, vendor, producer):
    approved(vendor, producer, ("3307", "1000.00"), ("2507", "250.50"), ("3307", "0.01"))
    assert report(production) == {
        "2507": (ZERO, Decimal("250.50")),
        "3307": (ZERO, Decimal("1000.01")),
    }


def test_an_approved_invoice_moves_its_amount_from_committed_to_actual_to_the_cent(
    production, vendor, producer
):
    po = approved(vendor, producer, ("3307", "1000.01"), ("2507", "250.50"))
    services.invoice_approve(invoice=invoice(po, ("3307", "333.33")), membership=producer)
    assert report(production) == {
        "2507": (ZERO, Decimal("250.50")),
        "3307": (Decimal("333.33"), Decimal("666.68")),
    }
    actual = Actual.objects.get()
    assert (actual.source_id, actual.reference, actual.payee) == (
        po.invoices.get().pk,
        "INV-1",
        vendor.name,
    )
    services.invoice_approve(
        invoice=invoice(po, ("3307", "666.68"), ("2507", "250.50"), number="INV-2"),
        membership=producer,
    )
    assert report(production) == {
        "2507": (Decimal("250.50"), ZERO),
        "3307": (Decimal("1000.01"), ZERO),
    }
    # Fully invoiced accounts are released, not left open at zero.
    assert not Commitment.objects.filter(status=Commitment.Status.OPEN).exists()


def test_an_invoice_over_the_po_never_leaves_a_negative_commitment(production, vendor, producer):
    po = approved(vendor, producer, ("3307", "100.00"))
    services.invoice_approve(
        invoice=invoice(po, ("3307", "120.00")),
        membership=producer,
        override_reason="Overtime agreed on set",
    )
    assert report(production) == {"3307": (Decimal("120.00"), ZERO)}


def test_an_entered_or_rejected_invoice_changes_nothing(production, vendor, producer):
    po = approved(vendor, producer, ("3307", "100.00"))
    services.invoice_reject(invoice=invoice(po, ("3307", "40.00")))
    invoice(po, ("3307", "40.00"), number="INV-2")
    assert report(production) == {"3307": (ZERO, Decimal("100.00"))}


def test_an_invoice_without_a_po_is_an_actual_only(production, vendor, producer):
    loose = services.invoice_create(
        production=production,
        vendor=vendor,
        number="P-1",
        date=date(2030, 3, 4),
        lines=[{"account_number": "3604", "description": "Permit", "amount": Decimal("350")}],
    )
    services.invoice_approve(invoice=loose, membership=producer)
    assert report(production) == {"3604": (Decimal("350.00"), ZERO)}


def test_a_change_order_moves_the_commitment_only_when_approved(production, vendor, producer):
    po = approved(vendor, producer, ("3307", "500.00"), ("2507", "200.00"), received=False)
    change = services.co_start(po=po, reason="Grip goes to another vendor; fewer lenses")
    services.co_line_remove(change_order=change, line=po.lines.get(account_number="2507"))
    services.co_line_change(
        change_order=change,
        line=po.lines.get(account_number="3307"),
        account_number="3307",
        description="less",
        quantity=Decimal(1),
        unit_price=Decimal(450),
    )
    services.co_line_add(
        change_order=change, account_number="3205", description="more", unit_price=Decimal(260)
    )
    services.co_submit(change_order=change)
    # Submitted is not approved: the PO still commits what it was approved for.
    assert report(production) == {
        "2507": (ZERO, Decimal("200.00")),
        "3307": (ZERO, Decimal("500.00")),
    }
    services.co_approve(change_order=change, membership=producer)
    assert report(production) == {
        "3205": (ZERO, Decimal("260.00")),
        "3307": (ZERO, Decimal("450.00")),
    }
    assert not Commitment.objects.filter(account_number="2507", status="open").exists()


def test_closing_releases_what_is_left_and_void_releases_everything(production, vendor, producer):
    po = approved(vendor, producer, ("3307", "100.00"))
    services.invoice_approve(invoice=invoice(po, ("3307", "30.00")), membership=producer)
    services.po_close(po=po)
    assert report(production) == {"3307": (Decimal("30.00"), ZERO)}
    other = approved(vendor, producer, ("2507", "80.00"))
    services.po_void(po=other, reason="Cancelled")
    assert report(production) == {"3307": (Decimal("30.00"), ZERO)}


def test_recording_twice_keeps_one_commitment_per_po_and_account(production, vendor, producer):
    from apps.vendors.services.ledger import po_sync_commitments

    po = approved(vendor, producer, ("3307", "100.00"))
    po_sync_commitments(po)
    po_sync_commitments(po)
    assert Commitment.objects.filter(account_number="3307").count() == 1


def test_a_line_on_an_account_the_budget_does_not_have_is_refused(production, vendor):
    po = purchase_order(vendor)
    with pytest.raises(services.VendorError) as refused:
        services.po_line_add(po=po, account_number="9999", description="x", unit_price=Decimal(1))
    assert refused.value.message.startswith(UNKNOWN_ACCOUNT.split("{")[0] + "9999")


def test_without_a_budget_a_po_can_be_drafted_but_not_approved():
    production = ProductionFactory()
    vendor = VendorFactory(production=production, budget=False)
    po = services.po_submit(po=purchase_order(vendor, "10"))
    producer = Membership.objects.get(user=member(production, Role.PRODUCER))
    with pytest.raises(services.VendorError) as refused:
        services.po_approve(po=po, membership=producer)
    assert refused.value.message == NO_CURRENT_VERSION
    assert PurchaseOrder.objects.get(pk=po.pk).status == "submitted"


def test_the_line_forms_suggest_the_current_budgets_accounts(client, production, vendor):
    from django.urls import reverse

    client.force_login(member(production))
    po = purchase_order(vendor, "10")
    page = client.get(po.get_absolute_url()).content.decode()
    assert '<option value="3307">3307 Camera Package Rental</option>' in page
    assert (
        reverse("vendors:po_line_add", kwargs={"production_slug": production.slug, "pk": po.pk})
        in page
    )
