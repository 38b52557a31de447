"""Every kind of write the API takes lands in the audit trail under the token's owner, as the
pages' writes do (issue 16, point 4): an element, a vendor changed, a fringe and a global changed
(the line, scene, person, PO and settings writes are checked beside their own tests). A board
move is not in the audit trail, through the API or the board page alike: the schedule records
the days it renumbers and redates, not each strip's drag."""

from __future__ import annotations

import pytest

from apps.budgets.models import Fringe, Global
from apps.schedules.models import BreakdownElement
from apps.vendors.models import Vendor
from tests.budgets.factories import budget_from_template

pytestmark = pytest.mark.django_db


def _base(production) -> str:
    return f"/api/p/{production.slug}/"


def test_a_new_element_is_audited_under_the_tokens_owner(production, ap, api):
    made = api.post(
        _base(production) + "schedule/elements/", {"category": "props", "name": "Oar"}, "json"
    )
    assert made.status_code == 201, made.json()
    assert BreakdownElement.objects.get(pk=made.json()["id"]).history.latest().history_user == ap


def test_a_vendor_changed_is_audited_under_the_tokens_owner(production, ap, api):
    vendor = Vendor.objects.create(production=production, name="Lights Inc")
    changed = api.patch(_base(production) + f"vendors/{vendor.pk}/", {"phone": "555 0100"}, "json")
    assert changed.status_code == 200, changed.json()
    latest = Vendor.objects.get(pk=vendor.pk).history.latest()
    assert (latest.history_user, latest.phone) == (ap, "555 0100")


def test_a_fringe_and_a_global_changed_are_audited_under_the_tokens_owner(production, ap, api):
    version = budget_from_template(production)
    base = _base(production) + f"budget/versions/{version.id}/"
    fringe = Fringe.objects.filter(budget_version=version).first()
    changed = api.patch(base + f"fringes/{fringe.pk}/", {"rate": "7"}, "json")
    assert changed.status_code == 200, changed.json()
    assert Fringe.objects.get(pk=fringe.pk).history.latest().history_user == ap
    made = api.post(base + "globals/", {"name": "OARS", "value": "3"}, "json")
    assert made.status_code == 201, made.json()
    changed = api.patch(base + "globals/OARS/", {"value": "4"}, "json")
    assert changed.status_code == 200, changed.json()
    kept = Global.objects.get(budget_version=version, name="OARS")
    assert kept.history.latest().history_user == ap
