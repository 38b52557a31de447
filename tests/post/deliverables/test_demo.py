"""The demo's post (deliverables and distribution): one checklist with items in several states,
one deal with its instalments and its checklist; seeding twice changes nothing; the pages open."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from apps.accounts.models import User
from apps.post.deliverables.models import Checklist, DeliverableItem, ItemStatus
from apps.post.distribution.models import Deal
from apps.productions.models import Production

pytestmark = pytest.mark.django_db


def test_night_ferry_has_a_checklist_in_several_states_and_a_deal(client):
    call_command("seed_demo", stdout=io.StringIO())
    production = Production.objects.get(slug="night-ferry")
    checklist = Checklist.objects.get(production=production)
    items = DeliverableItem.objects.filter(checklist=checklist)
    assert {item.status for item in items} == set(ItemStatus)
    assert all(i.rejection_reason for i in items.filter(status=ItemStatus.REJECTED))
    deal = Deal.objects.get(production=production)
    assert deal.checklist == checklist and deal.delivery_due == checklist.due_date
    assert sum(i.amount for i in deal.instalments.all()) == deal.minimum_guarantee
    call_command("seed_demo", stdout=io.StringIO())  # again: nothing changes
    assert Checklist.objects.filter(production=production).count() == 1
    assert Deal.objects.filter(production=production).count() == 1
    client.force_login(User.objects.get(email="ap@demo.producerdesk.test"))
    base = f"/p/{production.slug}/post/"
    for page in (
        "deliverables/",
        f"deliverables/{checklist.pk}/",
        f"deliverables/items/{items.first().pk}/",
        f"deliverables/{checklist.pk}/export.xlsx",
        "distribution/",
        f"distribution/{deal.pk}/",
        "distribution/grid/",
        "distribution/deals.csv",
    ):
        assert client.get(base + page).status_code == 200, page
