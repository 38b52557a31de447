"""Factories for vendors; each keeps the production consistent through its parent."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import factory

from apps.vendors.models import (
    Category,
    PurchaseOrder,
    PurchaseOrderLine,
    Vendor,
)
from tests.factories import ProductionFactory


def with_budget(production) -> None:
    """Give the production the feature template's budget (3307 camera package, 2507 grip…)
    unless it has one: approving a PO commits on its accounts."""
    from apps.budgets.models import BudgetVersion
    from tests.budgets.factories import budget_from_template

    if not BudgetVersion.objects.filter(production=production).exists():
        budget_from_template(production)


class VendorFactory(factory.django.DjangoModelFactory):
    """A vendor; its production gets a budget too, unless `budget=False`."""

    class Meta:
        model = Vendor
        skip_postgeneration_save = True

    production = factory.SubFactory(ProductionFactory)
    name = factory.Sequence(lambda n: f"Vendor {n}")
    category = Category.CAMERA
    email = factory.Sequence(lambda n: f"orders{n}@vendor.example")

    @factory.post_generation
    def budget(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted is not False:
            with_budget(obj.production)


def purchase_order(vendor: Vendor, *amounts: str, account: str = "3307", user=None):
    """A draft PO to `vendor` with one line per amount, made through the services."""
    from apps.vendors import services

    po = services.po_create(
        production=vendor.production, vendor=vendor, description="Camera package", user=user
    )
    for amount in amounts:
        services.po_line_add(
            po=po, account_number=account, description="Item", unit_price=Decimal(amount)
        )
    return PurchaseOrder.objects.get(pk=po.pk)


def receive_all(po) -> PurchaseOrder:
    """Record every line of an approved PO as received in full (invoices are approved up to what
    was received)."""
    from apps.vendors import services

    return services.po_receive(po=po, received={line.pk: line.quantity for line in po.lines.all()})


def rental_fields(**overrides) -> dict:
    today = date.today()
    return {
        "item": "Walkies",
        "quantity": 1,
        "pick_up_on": today - timedelta(days=3),
        "return_due_on": today + timedelta(days=4),
        "rate": Decimal("100"),
        "rate_unit": "day",
        **overrides,
    }


__all__ = [
    "PurchaseOrderLine",
    "VendorFactory",
    "purchase_order",
    "receive_all",
    "rental_fields",
    "with_budget",
]
