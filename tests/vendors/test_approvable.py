"""`approvable` filters in SQL exactly what `approval_allowed` allows row by row: the dashboard
lists what waits for a member's approval without formatting a refusal for every other PO."""

from __future__ import annotations

import pytest

from apps.productions.capabilities import Role
from apps.productions.models import Membership
from apps.vendors import queries, services
from apps.vendors.models import POStatus
from apps.vendors.services.purchasing import approvable, approval_allowed
from tests.factories import member
from tests.vendors.factories import VendorFactory, purchase_order

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", list(Role))
def test_approvable_keeps_the_pos_approval_allowed_allows(production, role):
    limit = services.settings_for(production).ap_approval_limit
    vendor = VendorFactory(production=production)
    for amount in (limit - 1, limit, limit + 1, limit * 3):
        services.po_submit(po=purchase_order(vendor, str(amount)))
    membership = Membership.objects.get(user=member(production, role), production=production)
    submitted = queries.purchase_orders_for(production).filter(status=POStatus.SUBMITTED)

    allowed = [po.pk for po in submitted if approval_allowed(membership, po.total, limit) is None]

    assert sorted(po.pk for po in approvable(membership, submitted, limit)) == sorted(allowed)
    assert submitted.count() == 4
