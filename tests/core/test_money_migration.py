"""The migrations that widen money to three places (budgets 0002, crew 0003, vendors 0002) keep
every stored amount."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("budgets", "0001_budgets_versions_lines_ledger"),
    ("crew", "0002_day_assignments_and_committed_cost"),
    ("vendors", "0001_vendors_quotes_orders_rentals_invoices"),
]


@pytest.mark.django_db(transaction=True)
def test_widening_money_to_three_places_keeps_the_stored_amounts():
    from tests.factories import ProductionFactory

    production = ProductionFactory()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    old.get_model("vendors", "VendorSettings").objects.create(
        production_id=production.pk,
        ap_approval_limit=Decimal("1234.56"),
        rental_days_per_week=Decimal("4"),
    )
    old.get_model("budgets", "Actual").objects.create(
        production_id=production.pk,
        account_number="2001",
        date=date(2026, 1, 5),
        payee="Payee",
        description="Paid",
        amount=Decimal("-98765.43"),
    )
    department = old.get_model("crew", "Department").objects.create(
        production_id=production.pk, name="Camera", order=1
    )
    old.get_model("crew", "Position").objects.create(
        production_id=production.pk,
        department_id=department.pk,
        title="Focus puller",
        rate_min=Decimal("12.3456"),
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from apps.budgets.models import Actual
    from apps.crew.models import Position
    from apps.vendors.models import VendorSettings

    assert VendorSettings.objects.get().ap_approval_limit == Decimal("1234.56")
    assert Actual.objects.get().amount == Decimal("-98765.43")
    assert Position.objects.get().rate_min == Decimal("12.3456")
