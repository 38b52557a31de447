"""Once a purchase order is approved its lines are frozen: they change only by change order.
An invoice goes no further than what was received without an override, and a PO with open
invoices is not voided."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.productions.capabilities import Role
from apps.productions.models import Membership
from apps.vendors import services
from apps.vendors.models import InvoiceStatus, POStatus, PurchaseOrder
from tests.factories import member
from tests.vendors.factories import VendorFactory, purchase_order

pytestmark = pytest.mark.django_db


def role(production, which) -> Membership:
    return Membership.objects.get(user=member(production, which))


@pytest.fixture
def approved(production) -> PurchaseOrder:
    po = services.po_submit(po=purchase_order(VendorFactory(production=production), "500", "500"))
    return services.po_approve(po=po, membership=role(production, Role.PRODUCER))


def invoice(po, amount: str, number: str = "INV-1", account: str = "3307"):
    return services.invoice_create(
        production=po.production,
        vendor=po.vendor,
        purchase_order=po,
        number=number,
        date=date(2030, 3, 4),
        lines=[{"account_number": account, "description": "x", "amount": Decimal(amount)}],
    )


def test_lines_of_an_approved_sent_received_and_invoiced_po_cannot_be_deleted(production, approved):
    po = services.po_send(po=approved)
    services.po_receive(po=po, received={line.pk: line.quantity for line in po.lines.all()})
    services.invoice_approve(
        invoice=invoice(po, "1000"), membership=role(production, Role.PRODUCER)
    )
    po.refresh_from_db()
    assert po.status == POStatus.RECEIVED
    for line in po.lines.all():
        with pytest.raises(services.VendorError) as refused:
            services.po_line_delete(line=line)
        assert "change order" in refused.value.message
    assert po.lines.count() == 2


@pytest.mark.parametrize(
    "status", [POStatus.APPROVED, POStatus.SENT, POStatus.PARTLY_RECEIVED, POStatus.RECEIVED]
)
def test_an_approved_po_cannot_be_rewritten_line_by_line_within_its_total(
    production, approved, status
):
    PurchaseOrder.objects.filter(pk=approved.pk).update(status=status)
    line = approved.lines.first()
    with pytest.raises(services.VendorError):
        services.po_line_delete(line=line)
    with pytest.raises(services.VendorError):
        # Other account, other goods, a lower total: still a change that needs approval.
        services.po_line_add(
            po=approved, account_number="2507", description="Grip truck", unit_price=Decimal(400)
        )
    assert [(x.account_number, x.amount) for x in approved.lines.all()] == [
        ("3307", Decimal("500.000")),
        ("3307", Decimal("500.000")),
    ]


def test_a_closed_po_cannot_change_its_lines_either(production, approved):
    po = services.po_close(po=approved)
    with pytest.raises(services.VendorError):
        services.po_line_delete(line=po.lines.first())


def test_draft_and_submitted_pos_stay_editable(production):
    po = purchase_order(VendorFactory(production=production), "100")
    services.po_line_delete(line=po.lines.get())
    services.po_line_add(po=po, account_number="3307", description="x", unit_price=Decimal(90))
    po = services.po_submit(po=po)
    services.po_line_add(po=po, account_number="2507", description="y", unit_price=Decimal(10))
    assert services.po_total(po) == Decimal("100.00")


def test_the_page_of_an_approved_po_offers_no_line_edit(client, production, approved):
    client.force_login(member(production))
    page = client.get(approved.get_absolute_url()).content.decode()
    slug = production.slug
    assert (
        reverse("vendors:po_line_add", kwargs={"production_slug": slug, "pk": approved.pk})
        not in page
    )
    for line in approved.lines.all():
        delete = reverse("vendors:po_line_delete", kwargs={"production_slug": slug, "pk": line.pk})
        assert delete not in page
    assert 'id="change-order-start"' in page


def test_an_invoice_for_goods_not_received_cannot_be_approved_without_an_override(
    production, approved
):
    accountant = role(production, Role.ACCOUNTANT)
    entered = invoice(approved, "1000")
    with pytest.raises(services.VendorError) as refused:
        services.invoice_approve(invoice=entered, membership=accountant)
    assert "3307" in refused.value.message and "$0.00 received" in refused.value.message
    entered.refresh_from_db()
    assert entered.status == InvoiceStatus.ENTERED


def test_an_invoice_beyond_a_partial_receipt_is_refused_within_the_receipt_approved(
    production, approved
):
    first = approved.lines.first()
    services.po_receive(po=approved, received={first.pk: Decimal("1")})
    accountant = role(production, Role.ACCOUNTANT)
    over = invoice(approved, "500.01")
    with pytest.raises(services.VendorError) as refused:
        services.invoice_approve(invoice=over, membership=accountant)
    assert "$500.01" in refused.value.message and "$500.00 received" in refused.value.message
    services.invoice_reject(invoice=over)
    within = services.invoice_approve(
        invoice=invoice(approved, "500", "INV-2"), membership=accountant
    )
    assert within.status == InvoiceStatus.APPROVED


def test_the_override_needs_the_capability_and_a_reason_that_goes_to_the_audit(
    production, approved
):
    entered = invoice(approved, "1000")
    ap = role(production, Role.ASSOCIATE_PRODUCER)
    with pytest.raises(services.VendorError):
        services.invoice_approve(invoice=entered, membership=ap, override_reason="Trust them")
    accountant = role(production, Role.ACCOUNTANT)
    with pytest.raises(services.VendorError):
        services.invoice_approve(invoice=entered, membership=accountant, override_reason="  ")
    done = services.invoice_approve(
        invoice=entered, membership=accountant, override_reason="Deposit due before delivery"
    )
    assert done.status == InvoiceStatus.APPROVED
    reason = done.history.latest().history_change_reason
    assert reason.startswith("approved invoice INV-1 beyond receipt")
    assert "Deposit due before delivery" in reason and len(reason) <= 100


def test_a_po_with_an_entered_invoice_cannot_be_voided(production, approved):
    entered = invoice(approved, "10")
    with pytest.raises(services.VendorError):
        services.po_void(po=approved, reason="Changed our mind")
    services.invoice_reject(invoice=entered)
    voided = services.po_void(po=approved, reason="Changed our mind")
    assert voided.status == POStatus.VOID


def test_po_actions_speak_in_the_audit_trail(client, production):
    po = services.po_submit(po=purchase_order(VendorFactory(production=production), "12345"))
    services.po_approve(po=po, membership=role(production, Role.PRODUCER))
    services.po_send(po=po)
    services.po_void(po=po, reason="Went elsewhere")
    reasons = [h.history_change_reason for h in PurchaseOrder.history.filter(id=po.pk)]
    label = f"PO {po.number:04d}"
    for words in (
        f"submitted {label}",
        f"approved {label} ($12,345.00)",
        f"sent {label}",
        f"voided {label}: Went elsewhere",
    ):
        assert any(r and r.startswith(words) for r in reasons), (words, reasons)
    client.force_login(member(production, Role.PRODUCER))
    audit = reverse("productions:audit", kwargs={"production_slug": production.slug})
    page = client.get(audit).content.decode()
    assert f"approved {label} ($12,345.00)" in page and f"voided {label}: Went elsewhere" in page


def test_the_invoice_page_asks_for_a_reason_to_approve_beyond_the_receipt(
    client, production, approved
):
    entered = invoice(approved, "1000")
    url = reverse("vendors:invoice", kwargs={"production_slug": production.slug, "pk": entered.pk})
    approve = reverse(
        "vendors:invoice_approve", kwargs={"production_slug": production.slug, "pk": entered.pk}
    )
    client.force_login(member(production, Role.ASSOCIATE_PRODUCER))
    page = client.get(url).content.decode()
    assert 'id="beyond-receipt"' in page and 'name="override_reason"' not in page
    client.force_login(member(production, Role.ACCOUNTANT))
    page = client.get(url).content.decode()
    assert 'name="override_reason"' in page
    page = client.post(approve, follow=True).content.decode()
    assert "account 3307 would be invoiced $1,000.00, with $0.00 received" in page
    client.post(approve, {"override_reason": "Paid on booking"})
    entered.refresh_from_db()
    assert entered.status == InvoiceStatus.APPROVED
    assert entered.history.latest().history_change_reason == (
        "approved invoice INV-1 beyond receipt: Paid on booking"
    )
