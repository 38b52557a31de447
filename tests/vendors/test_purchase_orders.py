from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.productions.capabilities import CAPABILITY_ROLES, Capability, Role
from apps.productions.models import Membership
from apps.vendors import services
from apps.vendors.models import POStatus, PurchaseOrder, PurchaseOrderCounter
from apps.vendors.services.purchasing import (
    NO_APPROVAL_RIGHT,
    OVER_APPROVAL_LIMIT,
    PO_NEEDS_LINES,
    PO_WRONG_STATE,
    VOID_NEEDS_REASON,
)
from tests.factories import member
from tests.vendors.factories import VendorFactory, purchase_order

pytestmark = pytest.mark.django_db

LIMIT = Decimal("5000.00")


@pytest.fixture
def vendor(production):
    services.settings_for(production)  # default limit
    return VendorFactory(production=production)


def membership(production, role) -> Membership:
    return Membership.objects.get(production=production, user=member(production, role))


def submitted(vendor, amount: str) -> PurchaseOrder:
    return services.po_submit(po=purchase_order(vendor, amount))


def test_po_numbers_run_one_two_three_per_production(production, vendor):
    other = VendorFactory()
    numbers = [purchase_order(vendor).number for _ in range(3)]
    assert numbers == [1, 2, 3]
    assert purchase_order(other).number == 1  # its own production's counter
    assert PurchaseOrderCounter.objects.get(production=production).last_number == 3


def test_a_po_that_fails_to_be_created_gives_its_number_back(production, vendor):
    purchase_order(vendor)
    with pytest.raises(services.VendorError):
        services.po_create(production=production, vendor=VendorFactory(), description="x")
    assert purchase_order(vendor).number == 2


# (role, amount, approves?) — the limit itself is inside an AP's authority.
MATRIX = [
    (Role.ASSOCIATE_PRODUCER, "4999.99", True),
    (Role.ASSOCIATE_PRODUCER, "5000.00", True),
    (Role.ASSOCIATE_PRODUCER, "5000.01", False),
    (Role.PRODUCER, "5000.01", True),
    (Role.PRODUCER, "250000.00", True),
    (Role.PRODUCTION_MANAGER, "10.00", False),
    (Role.COORDINATOR, "10.00", False),
    (Role.ACCOUNTANT, "10.00", False),
]


@pytest.mark.parametrize(("role", "amount", "approves"), MATRIX)
def test_the_approval_matrix_by_role_and_amount(production, vendor, role, amount, approves):
    po = submitted(vendor, amount)
    who = membership(production, role)
    if approves:
        po = services.po_approve(po=po, membership=who)
        assert po.status == POStatus.APPROVED
        assert po.approved_total == Decimal(amount)
        assert po.approved_by == who.user
    else:
        with pytest.raises(services.VendorError) as refused:
            services.po_approve(po=po, membership=who)
        expected = (
            OVER_APPROVAL_LIMIT.format(total=f"${Decimal(amount):,}", limit="$5,000.00")
            if who.can(Capability.APPROVE_PURCHASE_ORDERS)
            else NO_APPROVAL_RIGHT
        )
        assert refused.value.message == expected
        assert PurchaseOrder.objects.get(pk=po.pk).status == POStatus.SUBMITTED


def test_the_matrix_follows_the_capability_table():
    assert CAPABILITY_ROLES[Capability.APPROVE_ANY_PURCHASE_ORDER] == {Role.PRODUCER}
    assert CAPABILITY_ROLES[Capability.APPROVE_PURCHASE_ORDERS] == {
        Role.PRODUCER,
        Role.ASSOCIATE_PRODUCER,
    }


def test_the_limit_is_the_productions_own_setting(production, vendor):
    settings = services.settings_for(production)
    settings.ap_approval_limit = Decimal("20000")
    settings.save()
    po = services.po_approve(
        po=submitted(vendor, "15000"), membership=membership(production, Role.ASSOCIATE_PRODUCER)
    )
    assert po.status == POStatus.APPROVED


def test_an_ap_cannot_approve_over_the_limit_through_the_page(client, production, vendor):
    po = submitted(vendor, "7500")
    client.force_login(member(production))
    url = reverse("vendors:po_approve", kwargs={"production_slug": production.slug, "pk": po.pk})
    page = client.post(url, follow=True).content.decode()
    assert "is over your approval limit" in page
    assert PurchaseOrder.objects.get(pk=po.pk).status == POStatus.SUBMITTED


def test_an_empty_po_cannot_be_submitted(vendor):
    with pytest.raises(services.VendorError) as refused:
        services.po_submit(po=purchase_order(vendor))
    assert refused.value.message == PO_NEEDS_LINES


def test_a_draft_cannot_be_approved_before_it_is_submitted(production, vendor):
    with pytest.raises(services.VendorError) as refused:
        services.po_approve(
            po=purchase_order(vendor, "10"), membership=membership(production, Role.PRODUCER)
        )
    assert refused.value.message == PO_WRONG_STATE.format(status="draft", action="approved")


def test_a_change_order_is_approved_like_a_po_of_the_revised_total(production, vendor):
    ap = membership(production, Role.ASSOCIATE_PRODUCER)
    po = services.po_approve(po=submitted(vendor, "4000"), membership=ap)
    change = services.co_start(po=po, reason="Second camera body")
    services.co_line_add(
        change_order=change, account_number="3307", description="B camera", unit_price=Decimal(1200)
    )
    change = services.co_submit(change_order=change)
    with pytest.raises(services.VendorError) as refused:
        services.co_approve(change_order=change, membership=ap)
    assert refused.value.message == OVER_APPROVAL_LIMIT.format(total="$5,200.00", limit="$5,000.00")
    services.co_approve(change_order=change, membership=membership(production, Role.PRODUCER))
    po.refresh_from_db()
    assert (po.status, po.revision, po.approved_total) == (
        POStatus.APPROVED,
        1,
        Decimal("5200.000"),
    )


def test_receiving_part_then_all_moves_the_state(production, vendor):
    po = purchase_order(vendor, "100")
    services.po_line_add(
        po=po, account_number="3307", description="x", unit_price=Decimal("0"), quantity=2
    )
    po = services.po_approve(
        po=services.po_submit(po=po), membership=membership(production, Role.PRODUCER)
    )
    first, second = po.lines.all()
    po = services.po_receive(po=po, received={first.pk: Decimal(1)})
    assert po.status == POStatus.PARTLY_RECEIVED
    po = services.po_receive(po=po, received={second.pk: Decimal(2)})
    assert po.status == POStatus.RECEIVED


def test_void_needs_a_reason_and_ends_the_po(production, vendor):
    po = submitted(vendor, "100")
    with pytest.raises(services.VendorError) as refused:
        services.po_void(po=po, reason=" ")
    assert refused.value.message == VOID_NEEDS_REASON
    po = services.po_void(po=po, reason="Went elsewhere")
    assert po.status == POStatus.VOID
    with pytest.raises(services.VendorError):
        services.po_line_add(po=po, account_number="1", description="x", unit_price=Decimal(1))


def test_the_po_pdf_lists_its_lines(client, production, vendor, tmp_path):
    import subprocess

    po = purchase_order(vendor, "1234.50")
    client.force_login(member(production))
    url = reverse("vendors:po_pdf", kwargs={"production_slug": production.slug, "pk": po.pk})
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "po.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "PO 0001" in text and "$1,234.50" in text and vendor.name in text


def test_receipts_are_recorded_from_the_po_page(ap_client, production, vendor):
    po = purchase_order(vendor, "100")
    services.po_line_add(
        po=po, account_number="3307", description="cables", unit_price=Decimal(5), quantity=4
    )
    po = services.po_approve(
        po=services.po_submit(po=po), membership=membership(production, Role.PRODUCER)
    )
    first, second = po.lines.all()
    url = reverse("vendors:po_receive", kwargs={"production_slug": production.slug, "pk": po.pk})
    ap_client.post(url, {f"received-{first.pk}": "1", f"received-{second.pk}": "0"})
    assert PurchaseOrder.objects.get(pk=po.pk).status == POStatus.PARTLY_RECEIVED
    page = ap_client.post(url, {f"received-{second.pk}": "lots"}, follow=True)
    assert "Received quantities must be numbers." in page.content.decode()
    page = ap_client.post(url, {f"received-{second.pk}": "5"}, follow=True)
    assert "Line cables: received 5 is more than the 4.000 ordered." in page.content.decode()
