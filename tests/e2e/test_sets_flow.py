"""As an AP tidies a script's sets: two names for one kitchen become one set from the sets page."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Page, expect

from apps.schedules.models import Scene, Set
from tests.e2e.helpers import sign_in
from tests.factories import PASSWORD, ProductionFactory, member
from tests.schedules.factories import SceneFactory, SetFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_ap_merges_two_sets_from_the_sets_page(live_server, page: Page):
    production = ProductionFactory()
    ap = member(production)
    kitchen = SetFactory(production=production, name="KITCHEN")
    stray = SetFactory(production=production, name="KITCHEN - NIGHT (1973)")
    SetFactory(production=production, name="HALL")
    SceneFactory(production=production, number="1", set=kitchen)
    SceneFactory(production=production, number="2", set=stray, int_ext="EXT")
    sign_in(page, live_server.url, ap.email, PASSWORD)
    page.goto(f"{live_server.url}/p/{production.slug}/schedule/sets/")

    page.get_by_label("Merge KITCHEN", exact=True).check()
    page.get_by_label("Merge KITCHEN - NIGHT (1973)").check()
    page.get_by_label("Keep KITCHEN", exact=True).check()
    if os.environ.get("PD_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["PD_SCREENSHOTS"], "sets.png"))
    page.get_by_role("button", name="Merge ticked sets into the kept one").click()

    expect(page.locator(".alert")).to_contain_text("KITCHEN - NIGHT (1973) merged into KITCHEN")
    assert sorted(Set.objects.filter(production=production).values_list("name", flat=True)) == [
        "HALL",
        "KITCHEN",
    ]
    assert set(Scene.objects.filter(production=production).values_list("set", flat=True)) == {
        kitchen.pk
    }
