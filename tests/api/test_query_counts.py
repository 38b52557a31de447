"""Every list endpoint reads a fixed number of queries whatever the number of rows: each list is
read with a few rows of everything, then with several times as many, and must not run one query
more. (tests/test_query_budget.py also reads every endpoint on the large demo.)"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.callsheets.models import CallSheet, Revision
from apps.schedules.models import DayKind, ShootDay
from apps.schedules.services import element_create
from apps.vendors import services as vendor_services
from tests.budgets.factories import add_line, budget_from_template, fringe_ids
from tests.crew.factories import DealMemoFactory, DepartmentFactory, EngagementFactory
from tests.schedules.factories import CastFactory, SceneFactory
from tests.vendors.factories import VendorFactory, purchase_order

pytestmark = pytest.mark.django_db

LISTS = [
    "budget/versions/",
    "budget/versions/{version}/accounts/",
    "budget/versions/{version}/lines/",
    "budget/versions/{version}/globals/",
    "budget/versions/{version}/fringes/",
    "budget/cost-report/",
    "schedule/scenes/",
    "schedule/days/",
    "schedule/elements/",
    "crew/people/",
    "crew/engagements/",
    "crew/memos/",
    "vendors/",
    "vendors/purchase-orders/",
    "vendors/invoices/",
    "callsheets/",
    "",
]


def grow(production, version, start: int, count: int) -> None:
    """`count` more rows of every kind the lists show, numbered from `start`."""
    camera = DepartmentFactory(production=production, name=f"Dept {start}")
    vendor = VendorFactory(production=production)
    for n in range(start, start + count):
        add_line(version, description=f"Line {n}", fringes=fringe_ids(version, "FICA"))
        day = ShootDay.objects.create(
            production=production, position=n, date=date(2027, 3, 1) + timedelta(days=n),
            kind=DayKind.SHOOT, day_number=n,
        )  # fmt: skip
        element = element_create(production=production, category="props", name=f"Prop {n}")
        scene = SceneFactory(production=production, number=str(n), shoot_day=day)
        scene.cast.add(CastFactory(production=production))
        scene.elements.add(element)
        engagement = EngagementFactory(position__department=camera)
        DealMemoFactory(person=engagement.person, position=engagement.position)
        purchase_order(vendor, "100", "250.50")
        vendor_services.invoice_create(
            production=production, vendor=vendor, number=f"INV-{n}", date=date(2027, 3, 1),
            purchase_order=None, lines=[{"account_number": "3307", "description": "x",
                                        "amount": Decimal("10")}],
        )  # fmt: skip
        sheet = CallSheet.objects.create(production=production, shoot_day=day)
        for number in (1, 2):
            Revision.objects.create(
                production=production, call_sheet=sheet, number=number, data={},
                published_at=timezone.now(),
            )  # fmt: skip


def counts(api, production, version) -> dict[str, int]:
    found = {}
    for path in LISTS:
        url = f"/api/p/{production.slug}/" + path.format(version=version.pk)
        api.get(url)  # warm: the token's first use is noted once
        with CaptureQueriesContext(connection) as queries:
            response = api.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        found[path] = len(queries)
    return found


def test_no_list_reads_more_queries_with_more_rows(production, api):
    version = budget_from_template(production)
    grow(production, version, 1, 2)
    few = counts(api, production, version)
    grow(production, version, 3, 6)
    many = counts(api, production, version)
    assert many == few
    # Every request: the token, the membership, and the rate counter in the database cache (a
    # read, then a write of four statements); the production detail needs nothing more (8).
    assert few[""] == 8
    assert max(few.values()) <= 20, few
