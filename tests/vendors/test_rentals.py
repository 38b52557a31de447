from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.vendors import services
from apps.vendors.models import Rental
from apps.vendors.services.rentals import RETURN_BEFORE_PICK_UP, billable_days
from tests.vendors.factories import VendorFactory, rental_fields

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("days", "week", "billed"),
    [
        (1, "4", "1"),
        (3, "4", "3"),
        (5, "4", "4"),  # five days out bill as a week of four
        (7, "4", "4"),
        (8, "4", "5"),
        (14, "3", "6"),
        (10, "3", "6"),  # a week and three days: 3 + min(3, 3)
        (9, "5", "7"),
        (7, "3.5", "3.5"),
    ],
)
def test_billable_days_follow_the_days_per_week_rule(days, week, billed):
    assert billable_days(days, Decimal(week)) == Decimal(billed)


def rental(production, **fields) -> Rental:
    vendor = VendorFactory(production=production)
    return services.rental_create(vendor=vendor, **rental_fields(**fields))


def test_a_weekly_rate_is_spread_over_the_billable_days_to_the_cent(production):
    start = date(2030, 3, 4)
    r = rental(
        production,
        pick_up_on=start,
        return_due_on=start + timedelta(days=10),
        rate=Decimal("1000.00"),
        rate_unit="week",
        days_per_week=Decimal("3"),
        quantity=2,
    )
    # 10 days = 1 week + 3 days = 6 billable days at 1000/3 a day, × 2 = 4000.00
    assert services.rental_cost(r) == Decimal("4000.00")
    r.days_per_week = Decimal("4")
    r.return_due_on = start + timedelta(days=9)  # 1 week + 2 days = 6 days at 250
    assert services.rental_cost(r) == Decimal("3000.00")
    r.rate = Decimal("1000.01")  # 6 × 250.0025 × 2 = 3000.03
    assert services.rental_cost(r) == Decimal("3000.03")


def test_a_new_rental_takes_the_productions_week_rule_and_a_checklist(production):
    settings = services.settings_for(production)
    settings.rental_days_per_week = Decimal("5")
    settings.save()
    r = rental(production)
    assert r.days_per_week == Decimal("5")
    assert r.checklist.count() == 3


def test_a_return_before_the_pick_up_is_refused(production):
    with pytest.raises(services.VendorError) as refused:
        rental(production, pick_up_on=date(2030, 1, 5), return_due_on=date(2030, 1, 4))
    assert refused.value.message == RETURN_BEFORE_PICK_UP


def test_overdue_rentals_are_highlighted_until_returned(ap_client, production):
    today = production.today()
    late = rental(
        production,
        item="Late walkies",
        return_due_on=today - timedelta(days=1),
        pick_up_on=today - timedelta(days=5),
    )
    rental(production, item="On time", return_due_on=today + timedelta(days=2))
    url = reverse("vendors:rentals", kwargs={"production_slug": production.slug})
    page = ap_client.get(url).content.decode()
    assert page.count('data-overdue="1"') == 1 and "Late walkies" in page

    item = late.checklist.first()
    detail = reverse("vendors:rental", kwargs={"production_slug": production.slug, "pk": late.pk})
    ap_client.post(
        detail,
        {
            "returned_on": today.isoformat(),
            "checked": [item.pk],
            "loss_damage_notes": "One antenna snapped",
            "loss_damage_amount": "45.00",
        },
    )
    late.refresh_from_db()
    assert late.returned_on == today and late.loss_damage_amount == Decimal("45.00")
    assert late.checklist.get(pk=item.pk).done
    assert 'data-overdue="1"' not in ap_client.get(url).content.decode()


def test_a_rental_goes_only_on_a_po_to_its_own_vendor(production):
    from apps.vendors.services.rentals import RENTAL_PO_OTHER_VENDOR
    from tests.vendors.factories import purchase_order

    po = purchase_order(VendorFactory(production=production), "10")
    with pytest.raises(services.VendorError) as refused:
        rental(production, purchase_order=po)
    assert refused.value.message == RENTAL_PO_OTHER_VENDOR.format(po=po, vendor=po.vendor)
