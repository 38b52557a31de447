from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command

from apps.vendors.models import Invoice, POStatus, PurchaseOrder, Quote, Rental, Vendor

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_vendors_quotes_orders_a_rental_and_invoices_once():
    call_command("seed_demo")
    counts = [m.objects.count() for m in (Vendor, Quote, PurchaseOrder, Rental, Invoice)]
    assert counts[0] == 15 and counts[1] == 3 and counts[3] == 1 and counts[4] == 3
    states = set(PurchaseOrder.objects.values_list("status", flat=True))
    assert {POStatus.DRAFT, POStatus.SUBMITTED, POStatus.APPROVED, POStatus.VOID} <= states
    numbers = sorted(PurchaseOrder.objects.values_list("number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))

    # Through the budget's services: the approved camera PO is an open commitment, the approved
    # catering invoice an actual, and the closed catering PO commits nothing any more.
    from apps.budgets.models import Actual, Commitment

    camera = PurchaseOrder.objects.get(number=1)
    commitment = Commitment.objects.get(source_id=camera.pk, source_label="PO 0001")
    assert (commitment.account_number, commitment.amount) == ("3307", Decimal("42500.00"))
    assert Actual.objects.get(reference="TW-2291").amount == Decimal("720.00")
    catering = PurchaseOrder.objects.get(status=POStatus.CLOSED)
    assert not Commitment.objects.filter(
        source_id=catering.pk, source_label=str(catering), status="open"
    ).exists()

    call_command("seed_demo")
    assert [m.objects.count() for m in (Vendor, Quote, PurchaseOrder, Rental, Invoice)] == counts
