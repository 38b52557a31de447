"""As an AP would: see an imported "EDWARD AND WILL" flagged as noise on the cast page, merge it
into both parts, then look at the Day Out of Days of the vehicles."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from apps.schedules import services
from apps.schedules.models import CastMember
from tests.e2e.helpers import sign_in
from tests.factories import PASSWORD, ProductionFactory, member
from tests.schedules.factories import CastFactory, SceneFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_ap_merges_noise_into_the_parts_it_names_and_reads_a_vehicle_dood(
    live_server, page: Page
):
    production = ProductionFactory()
    ap = member(production)
    (day,) = services.days_append(production=production, count=1)
    edward = CastFactory(production=production, id_number=1, character="EDWARD")
    will = CastFactory(production=production, id_number=2, character="WILL")
    both = CastFactory(production=production, id_number=3, character="EDWARD AND WILL")
    scene = SceneFactory(production=production)
    scene.cast.add(both)
    scene.elements.add(
        services.element_create(production=production, category="vehicles", name="Ferry van")
    )
    services.scene_move(production=production, scene_id=scene.pk, day_id=day.pk, position=0)
    base = live_server.url
    sign_in(page, base, ap.email, PASSWORD)

    page.goto(f"{base}/p/{production.slug}/schedule/cast/")
    expect(page.get_by_test_id("noise")).to_contain_text("two or more parts named together")
    page.locator(f'tr[data-cast="{both.pk}"]').get_by_role("link", name="Merge").click()
    expect(page.get_by_label("1. EDWARD")).to_be_checked()
    expect(page.get_by_label("2. WILL")).to_be_checked()
    page.get_by_role("button", name="Merge", exact=True).click()
    expect(page.get_by_text("EDWARD AND WILL merged into 1. EDWARD and 2. WILL.")).to_be_visible()
    assert set(scene.cast.all()) == {edward, will}
    assert not CastMember.objects.filter(pk=both.pk).exists()

    page.get_by_role("link", name="Reports", exact=True).first.click()
    page.get_by_role("link", name="Day Out of Days", exact=True).click()
    page.get_by_label("For", exact=True).select_option("vehicles")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="Day Out of Days: Vehicles")).to_be_visible()
    expect(page.locator("table[data-report=dood]")).to_contain_text("Ferry van")
    expect(page.locator("table[data-report=dood]")).to_contain_text("SWF")
