"""As an AP would, the morning after: day 1's shooting is recorded (the daily report's sign-off
does it); the stripboard shows the completed scene as shot, the partly shot one with the pages it
has left on the day chosen for it, day 1 done and closed to new strips; the dashboard shows the
shoot's progress."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from apps.schedules import services
from apps.schedules.shooting import ShotOutcome, record_shooting
from tests.e2e.helpers import sign_in
from tests.factories import PASSWORD, ProductionFactory, member
from tests.schedules.factories import SceneFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_board_and_the_dashboard_follow_a_recorded_day(live_server, page: Page):
    production = ProductionFactory(
        prep_start=date(2030, 2, 4), first_shoot_day=date(2030, 3, 4), wrap_date=date(2030, 4, 5)
    )
    ap = member(production)
    d1, d2, d3 = services.days_append(production=production, count=3)
    twelve = SceneFactory(production=production, number="12", eighths=10)
    fourteen = SceneFactory(production=production, number="14", eighths=12)
    twenty = SceneFactory(production=production, number="20", eighths=8)
    for scene, day in ((twelve, d1), (fourteen, d1), (twenty, d2)):
        services.scene_move(production=production, scene_id=scene.pk, day_id=day.pk, position=9)
    record_shooting(
        production,
        d1,
        [
            ShotOutcome(twelve.pk, "completed", 10, None),
            ShotOutcome(fourteen.pk, "partly", 3, d3.pk),
        ],
        ap,
    )
    base = live_server.url
    sign_in(page, base, ap.email, PASSWORD)

    page.goto(f"{base}/p/{production.slug}/schedule/")
    expect(page.locator("#board")).to_have_attribute("data-ready", "1")
    expect(page.get_by_test_id("strip-12")).to_have_count(0)
    rest = page.locator(f'ol[data-day="{d3.pk}"]').get_by_test_id("strip-14")
    expect(rest.locator(".strip-pages")).to_have_text("1 1/8 of 1 4/8")
    expect(page.locator(f"#day-header-{d1.pk} [data-testid=day-shot]")).to_contain_text(
        "shot 1 5/8 of 2 6/8 pp"
    )
    expect(page.locator(f"#day-header-{d3.pk} [data-testid=day-total]")).to_have_text("1 1/8 pp")
    shot = page.get_by_test_id("shot-scenes")
    shot.locator("summary").click()
    expect(shot.get_by_test_id("shot-12")).to_contain_text("Day 1")

    # Day 1 is done: the keyboard move of scene 20 onto it is refused, in words.
    strip = page.get_by_test_id("strip-20")
    strip.get_by_label("Move scene 20 to day number").fill("1")
    strip.get_by_role("button", name="Move", exact=True).click()
    # The refusal answers in place, in the board's status line (no reload).
    expect(page.get_by_role("status")).to_contain_text("scenes can leave it, not join it")

    page.goto(f"{base}/p/{production.slug}/")
    panel = page.get_by_test_id("progress-panel")
    expect(panel.get_by_test_id("progress-days")).to_have_text("1 of 3")
    expect(panel.get_by_test_id("progress-pages")).to_have_text("1 5/8 of 2 6/8 planned")
