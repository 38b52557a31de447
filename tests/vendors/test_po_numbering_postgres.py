"""PO numbers stay gapless and unique when several people create POs at the same moment.

Only PostgreSQL really runs the threads' transactions side by side (SQLite serialises writers),
so this runs there and skips on SQLite; CI runs the suite on both.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from apps.vendors import services
from apps.vendors.models import PurchaseOrder
from tests.factories import ProductionFactory
from tests.vendors.factories import VendorFactory

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, so nothing would race")


def race(each: int) -> list[int]:
    """THREADS threads released together, each creating `each` POs in one new production;
    returns the numbers issued (and fails on any error in a thread)."""
    production = ProductionFactory()
    vendor = VendorFactory(production=production)
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def create() -> None:
        try:
            start.wait()
            for _ in range(each):
                services.po_create(production=production, vendor=vendor, description="race")
        except BaseException as exc:  # noqa: BLE001  (reported to the main thread below)
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=create) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return sorted(
        PurchaseOrder.objects.filter(production=production).values_list("number", flat=True)
    )


def test_concurrent_po_creation_gives_consecutive_numbers_with_no_gap_or_duplicate():
    assert race(each=5) == list(range(1, THREADS * 5 + 1))


def test_the_first_pos_of_a_new_production_race_safely_for_the_counter_row():
    assert race(each=1) == list(range(1, THREADS + 1))
