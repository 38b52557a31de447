"""A change order is the one way an approved PO changes: numbered, with a reason, approved like a
PO of the revised total, applied at once (lines, revision, approved total, commitments, audit),
and the revised PO goes to the vendor again saying "Revision N"."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from apps.budgets.models import Commitment
from apps.productions.capabilities import Role
from apps.productions.models import Membership
from apps.vendors import services
from apps.vendors.models import ChangeOrder, ChangeOrderStatus, POStatus, PurchaseOrder
from apps.vendors.services.changeorders import (
    CO_ALREADY_OPEN,
    CO_BELOW_INVOICED,
    CO_BELOW_RECEIVED,
    CO_CHANGES_NOTHING,
    CO_LINE_RECEIVED,
    CO_NEEDS_REASON,
    CO_PO_NOT_OPEN,
)
from tests.factories import member
from tests.vendors.factories import VendorFactory, purchase_order

pytestmark = pytest.mark.django_db


def role(production, which) -> Membership:
    return Membership.objects.get(user=member(production, which))


@pytest.fixture
def producer(production) -> Membership:
    return role(production, Role.PRODUCER)


@pytest.fixture
def po(production, producer) -> PurchaseOrder:
    """PO 0001, approved: 3307 camera body 2 × 1,000.00 and 2507 grip 1 × 500.00."""
    draft = services.po_create(
        production=production,
        vendor=VendorFactory(production=production),
        description="Camera and grip",
        deliver_on=date(2030, 3, 1),
    )
    services.po_line_add(
        po=draft,
        account_number="3307",
        description="Camera body",
        quantity=Decimal(2),
        unit_price=Decimal(1000),
    )
    services.po_line_add(
        po=draft, account_number="2507", description="Grip", unit_price=Decimal(500)
    )
    return services.po_approve(po=services.po_submit(po=draft), membership=producer)


def lines(po) -> list[tuple]:
    return [
        (line.account_number, line.description, line.quantity, line.amount)
        for line in po.lines.order_by("id")
    ]


def committed(po) -> dict[str, Decimal]:
    return dict(
        Commitment.objects.filter(source_id=po.pk, status=Commitment.Status.OPEN).values_list(
            "account_number", "amount"
        )
    )


def camera(po):
    return po.lines.get(account_number="3307")


def grip(po):
    return po.lines.get(account_number="2507")


def test_change_orders_are_numbered_per_po_need_a_reason_and_one_is_open_at_a_time(
    production, po, producer
):
    with pytest.raises(services.VendorError) as refused:
        services.co_start(po=po, reason="  ")
    assert refused.value.message == CO_NEEDS_REASON
    first = services.co_start(po=po, reason="Later pick-up", deliver_on=date(2030, 3, 4))
    assert first.number == 1
    with pytest.raises(services.VendorError) as refused:
        services.co_start(po=po, reason="Another")
    assert refused.value.message == CO_ALREADY_OPEN.format(co=first, status="draft")
    services.co_submit(change_order=first)
    second = services.co_start(po=po, reason="More")
    assert second.number == 2


def test_a_draft_po_takes_no_change_order(production):
    draft = purchase_order(VendorFactory(production=production), "10")
    with pytest.raises(services.VendorError) as refused:
        services.co_start(po=draft, reason="x")
    assert refused.value.message == CO_PO_NOT_OPEN.format(po=draft, status="draft")


def test_an_empty_change_order_cannot_be_submitted(po):
    change = services.co_start(po=po, reason="Nothing really")
    with pytest.raises(services.VendorError) as refused:
        services.co_submit(change_order=change)
    assert refused.value.message == CO_CHANGES_NOTHING


def test_approving_applies_the_change_at_once_and_the_audit_says_what_moved(
    production, po, producer
):
    change = services.co_start(po=po, reason="Second unit needs a body; grip moves")
    services.co_line_change(
        change_order=change,
        line=camera(po),
        account_number="3307",
        description="Camera body",
        quantity=Decimal(3),
        unit_price=Decimal(1000),
    )
    services.co_line_change(
        change_order=change,
        line=grip(po),
        account_number="2508",
        description="Grip expendables",
        quantity=Decimal(1),
        unit_price=Decimal(700),
    )
    change = services.co_submit(change_order=change)
    assert (change.status, change.total_before, change.total_after) == (
        ChangeOrderStatus.SUBMITTED,
        Decimal("2500.00"),
        Decimal("3700.00"),
    )
    # Submitted is not applied: the PO and its commitments are as approved.
    assert lines(PurchaseOrder.objects.get(pk=po.pk))[0][2] == Decimal("2.000")
    assert committed(po) == {"3307": Decimal("2000.000"), "2507": Decimal("500.000")}

    services.co_approve(change_order=change, membership=producer)
    po.refresh_from_db()
    assert lines(po) == [
        ("3307", "Camera body", Decimal("3.000"), Decimal("3000.000")),
        ("2508", "Grip expendables", Decimal("1.000"), Decimal("700.000")),
    ]
    assert (po.revision, po.approved_total, po.status) == (
        1,
        Decimal("3700.000"),
        POStatus.APPROVED,
    )
    assert committed(po) == {"3307": Decimal("3000.000"), "2508": Decimal("700.000")}
    assert po.history.latest().history_change_reason == (
        "change order 1 to PO 0001 approved: +$1,200.00; 2 lines changed"
    )
    change.refresh_from_db()
    assert (change.status, change.decided_by) == (ChangeOrderStatus.APPROVED, producer.user)


def test_a_change_order_needs_the_approval_a_po_of_the_revised_total_needs(production, po):
    ap = role(production, Role.ASSOCIATE_PRODUCER)  # limit 5,000.00
    change = services.co_start(po=po, reason="Lenses")
    services.co_line_add(
        change_order=change, account_number="3307", description="Primes", unit_price=Decimal(2600)
    )
    services.co_submit(change_order=change)
    with pytest.raises(services.VendorError) as refused:
        services.co_approve(change_order=change, membership=ap)
    assert "is over your approval limit" in refused.value.message
    accountant = role(production, Role.ACCOUNTANT)
    with pytest.raises(services.VendorError):
        services.co_approve(change_order=change, membership=accountant)
    assert PurchaseOrder.objects.get(pk=po.pk).revision == 0
    assert ChangeOrder.objects.get(pk=change.pk).status == ChangeOrderStatus.SUBMITTED


def test_a_change_within_the_same_total_still_needs_approval(production, po):
    change = services.co_start(po=po, reason="Other goods, same money")
    services.co_line_change(
        change_order=change,
        line=grip(po),
        account_number="2507",
        description="Dolly",
        quantity=Decimal(1),
        unit_price=Decimal(500),
    )
    change = services.co_submit(change_order=change)
    assert change.needs_approval and change.status == ChangeOrderStatus.SUBMITTED
    assert grip(po).description == "Grip"


def test_a_new_delivery_date_alone_applies_without_approval(production, po):
    change = services.co_start(po=po, reason="Vendor late", deliver_on=date(2030, 3, 5))
    change = services.co_submit(change_order=change)
    assert (change.status, change.needs_approval, change.decided_by) == (
        ChangeOrderStatus.APPROVED,
        False,
        None,
    )
    po.refresh_from_db()
    assert (po.deliver_on, po.revision) == (date(2030, 3, 5), 1)
    assert po.history.latest().history_change_reason == (
        "change order 1 to PO 0001 applied: delivery 5 Mar 2030"
    )


def test_received_lines_are_not_removed_nor_cut_below_the_receipt(production, po, producer):
    services.po_receive(po=po, received={camera(po).pk: Decimal(1)})
    change = services.co_start(po=po, reason="Fewer bodies")
    with pytest.raises(services.VendorError) as refused:
        services.co_line_remove(change_order=change, line=camera(po))
    assert refused.value.message == CO_LINE_RECEIVED.format(
        line="Camera body", received=Decimal("1.000")
    )
    with pytest.raises(services.VendorError) as refused:
        services.co_line_change(
            change_order=change,
            line=camera(po),
            account_number="3307",
            description="Camera body",
            quantity=Decimal("0.5"),
            unit_price=Decimal(1000),
        )
    assert refused.value.message == CO_BELOW_RECEIVED.format(
        line="Camera body", received=Decimal("1.000")
    )


def test_a_receipt_recorded_after_drafting_stops_the_approval(production, po, producer):
    change = services.co_start(po=po, reason="Grip not needed")
    services.co_line_remove(change_order=change, line=grip(po))
    services.co_submit(change_order=change)
    services.po_receive(po=po, received={grip(po).pk: Decimal(1)})
    with pytest.raises(services.VendorError) as refused:
        services.co_approve(change_order=change, membership=producer)
    assert refused.value.message == CO_LINE_RECEIVED.format(line="Grip", received=Decimal("1.000"))
    assert po.lines.count() == 2


def test_an_account_is_not_cut_below_what_its_invoices_bill(production, po, producer):
    services.invoice_create(
        production=production,
        vendor=po.vendor,
        purchase_order=po,
        number="G-1",
        date=date(2030, 3, 4),
        lines=[{"account_number": "2507", "description": "Grip", "amount": Decimal(400)}],
    )
    change = services.co_start(po=po, reason="Grip cheaper")
    services.co_line_remove(change_order=change, line=grip(po))
    with pytest.raises(services.VendorError) as refused:
        services.co_submit(change_order=change)
    assert refused.value.message == CO_BELOW_INVOICED.format(
        account="2507", invoiced="$400.00", ordered="$0.00"
    )
    services.co_line_change(
        change_order=change,
        line=grip(po),
        account_number="2507",
        description="Grip",
        quantity=Decimal(1),
        unit_price=Decimal(400),
    )
    services.co_approve(change_order=services.co_submit(change_order=change), membership=producer)
    assert grip(po).amount == Decimal("400.000")


def test_a_rejected_change_order_changes_nothing(production, po, producer):
    change = services.co_start(po=po, reason="Crane")
    services.co_line_add(
        change_order=change, account_number="2507", description="Crane", unit_price=Decimal(900)
    )
    services.co_submit(change_order=change)
    with pytest.raises(services.VendorError):
        services.co_reject(change_order=change, note="")
    services.co_reject(change_order=change, note="Not in this budget", user=producer.user)
    po.refresh_from_db()
    assert (po.revision, po.approved_total, po.lines.count()) == (0, Decimal("2500.000"), 2)


def test_applying_is_all_or_nothing(production, po, producer, monkeypatch):
    from apps.vendors.services import revisions

    change = services.co_start(po=po, reason="More")
    services.co_line_remove(change_order=change, line=grip(po))
    services.co_submit(change_order=change)

    def broken(*args, **kwargs):
        raise services.VendorError("The budget refused.")

    monkeypatch.setattr(revisions, "po_sync_commitments", broken)
    with pytest.raises(services.VendorError):
        services.co_approve(change_order=change, membership=producer)
    po.refresh_from_db()
    assert (po.revision, po.lines.count()) == (0, 2)
    assert ChangeOrder.objects.get(pk=change.pk).status == ChangeOrderStatus.SUBMITTED


def test_void_and_close_end_an_open_change_order(production, po):
    change = services.co_start(po=po, reason="More")
    services.po_close(po=po)
    change.refresh_from_db()
    assert change.status == ChangeOrderStatus.REJECTED
    assert change.decision_note == "PO 0001 was closed."


def test_a_po_the_vendor_had_is_sent_again_as_revision_n(
    production, po, producer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.po_send(po=po)
    assert len(mail.outbox) == 1
    change = services.co_start(po=po, reason="Third body for the B unit")
    services.co_line_add(
        change_order=change, account_number="3307", description="B body", unit_price=Decimal(1200)
    )
    services.co_submit(change_order=change)
    with django_capture_on_commit_callbacks(execute=True):
        services.co_approve(change_order=change, membership=producer)
    assert len(mail.outbox) == 2
    message = mail.outbox[1]
    assert message.subject.endswith("purchase order PO 0001, revision 1")
    assert "revision 1 of purchase order PO 0001" in message.body
    assert "Added: 3307 B body, 1 × $1,200.00" in message.body
    assert message.attachments[0][0].endswith("-PO-0001-rev1.pdf")
    assert PurchaseOrder.objects.get(pk=po.pk).status == POStatus.SENT


def test_the_revised_pdf_says_revision_n_and_what_changed(client, production, po, producer):
    change = services.co_start(po=po, reason="Grip not needed")
    services.co_line_remove(change_order=change, line=grip(po))
    services.co_approve(change_order=services.co_submit(change_order=change), membership=producer)
    client.force_login(member(production))
    url = reverse("vendors:po_pdf", kwargs={"production_slug": production.slug, "pk": po.pk})
    page = client.get(url + "?print=1").content.decode()
    assert "Purchase order PO 0001 · Revision 1" in page
    assert "Removed: 2507 Grip" in page and "Grip not needed" in page


def test_a_change_order_is_drafted_and_decided_on_the_po_page(client, production, po):
    slug = production.slug
    ap = member(production)
    client.force_login(ap)

    def post(name, pk, data=None):
        url = reverse(f"vendors:{name}", kwargs={"production_slug": slug, "pk": pk})
        return client.post(url, data or {}, follow=True).content.decode()

    page = post("co_start", po.pk, {"reason": "Add a dolly", "deliver_on": "2030-03-01"})
    assert 'id="open-change-order"' in page and "Change order 1" in page
    change = ChangeOrder.objects.get()
    post(
        "co_line_add",
        change.pk,
        {"account_number": "2507", "description": "Dolly", "quantity": "1", "unit_price": "300"},
    )
    post(
        "co_line_change",
        change.pk,
        {
            "line": grip(po).pk,
            "account_number": "2507",
            "description": "Grip",
            "quantity": "2",
            "unit_price": "500",
        },
    )
    page = post("co_line_remove", change.pk, {"line": camera(po).pk})
    assert "Added: 2507 Dolly, 1 × $300.00" in page
    assert "Changed Grip: quantity 1 → 2" in page
    assert "Removed: 3307 Camera body" in page
    page = post("co_submit", change.pk)
    assert "Change order 1 submitted for approval." in page
    assert "$2,500.00 → <strong>$1,300.00</strong>" in page
    page = post("co_approve", change.pk)
    assert "Change order 1 approved" in page
    assert 'data-testid="po-revision">Revision 1<' in page
    assert lines(PurchaseOrder.objects.get(pk=po.pk)) == [
        ("2507", "Grip", Decimal("2.000"), Decimal("1000.000")),
        ("2507", "Dolly", Decimal("1.000"), Decimal("300.000")),
    ]
    assert 'id="change-order-list"' in page and "Add a dolly" in page


def test_a_coordinator_drafts_but_cannot_approve_a_change_order(client, production, po):
    change = services.co_start(po=po, reason="Later", deliver_on=date(2030, 3, 9))
    services.co_line_remove(change_order=change, line=grip(po))
    services.co_submit(change_order=change)
    client.force_login(member(production, Role.COORDINATOR))
    url = reverse(
        "vendors:co_approve", kwargs={"production_slug": production.slug, "pk": change.pk}
    )
    assert client.post(url).status_code == 403


def test_the_dashboard_panel_lists_change_orders_waiting_for_my_approval(client, production, po):
    change = services.co_start(po=po, reason="Lenses")
    services.co_line_add(
        change_order=change, account_number="3307", description="Primes", unit_price=Decimal(2600)
    )
    services.co_submit(change_order=change)
    client.force_login(member(production))  # the AP: 5,100.00 is over her limit
    page = client.get(production.get_absolute_url()).content.decode()
    assert 'data-testid="awaiting-change-order"' not in page
    client.force_login(member(production, Role.PRODUCER))
    page = client.get(production.get_absolute_url()).content.decode()
    assert "Change order 1 to PO 0001" in page and "$2,500.00 → $5,100.00" in page
