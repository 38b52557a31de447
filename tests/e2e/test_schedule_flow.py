"""As an AP would: import a script, open the stripboard, drag a strip to another day and see the
day totals change; then use the keyboard alternative to send it back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from apps.schedules import services
from apps.schedules.models import Scene, ShootDay
from tests.e2e.helpers import sign_in
from tests.factories import PASSWORD, ProductionFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCRIPT = Path(__file__).parents[2] / "tests" / "schedules" / "fixtures" / "sample.fountain"


def test_an_ap_imports_a_script_and_drags_a_strip_to_another_day(live_server, page: Page):
    production = ProductionFactory(
        prep_start=date(2030, 2, 4), first_shoot_day=date(2030, 3, 4), wrap_date=date(2030, 4, 5)
    )
    ap = member(production)
    services.days_append(production=production, count=2)
    base = live_server.url
    sign_in(page, base, ap.email, PASSWORD)

    page.goto(f"{base}/p/{production.slug}/schedule/scenes/import/")
    page.get_by_label("File").set_input_files(str(SCRIPT))
    page.get_by_role("button", name="Read the draft").click()
    expect(page.get_by_test_id("import-report")).to_contain_text("to add")
    assert not Scene.objects.filter(production=production).exists()  # the report comes first
    page.get_by_role("button", name="Apply this draft").click()
    expect(page.locator(".alert-success")).to_contain_text("added")

    day_one, day_two = ShootDay.objects.filter(production=production).order_by("position")
    first = Scene.objects.filter(production=production).order_by("sort_key").first()
    services.scene_move(production=production, scene_id=first.pk, day_id=day_one.pk, position=0)

    page.get_by_role("link", name="Schedule").first.click()
    one_total = page.locator(f"#day-header-{day_one.pk} [data-testid=day-total]")
    two_total = page.locator(f"#day-header-{day_two.pk} [data-testid=day-total]")
    expect(one_total).to_have_text(f"{first.pages} pp")
    expect(two_total).to_have_text("0 pp")

    expect(page.locator("#board")).to_have_attribute("data-ready", "1")  # the drag handlers are on
    strip = page.get_by_test_id(f"strip-{first.number}")
    # SortableJS follows mouse events; several intermediate moves let it see the drag start.
    strip.locator(".strip-set").drag_to(page.locator(f'ol[data-day="{day_two.pk}"]'), steps=10)

    expect(two_total).to_have_text(f"{first.pages} pp")
    expect(one_total).to_have_text("0 pp")
    first.refresh_from_db()
    assert first.shoot_day_id == day_two.pk

    # The keyboard/phone alternative: type the day and press Move.
    page.reload()
    strip = page.get_by_test_id(f"strip-{first.number}")
    strip.get_by_label(f"Move scene {first.number} to day number").fill("1")
    strip.get_by_role("button", name="Move", exact=True).click()
    expect(page.locator(f"#day-header-{day_one.pk} [data-testid=day-total]")).to_have_text(
        f"{first.pages} pp"
    )
