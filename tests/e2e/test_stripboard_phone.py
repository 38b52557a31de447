"""As a first AD works the board on a phone: scrolled down to a strip near the end, type a day in
its Move box and tap Move; the strip goes to that day without a page reload and the page stays
where it was (issue 14, point 4: "moves without a full page reload ... on a phone (scroll
kept)")."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from apps.schedules import services
from apps.schedules.models import Scene
from tests.e2e.helpers import sign_in
from tests.factories import PASSWORD, ProductionFactory, member
from tests.schedules.factories import SceneFactory, SetFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_strip_moved_from_its_move_box_on_a_phone_keeps_the_page_where_it_was(
    live_server, browser
):
    production = ProductionFactory(
        prep_start=date(2030, 2, 4), first_shoot_day=date(2030, 3, 4), wrap_date=date(2030, 4, 5)
    )
    ap = member(production)
    day_one, day_two = services.days_append(production=production, count=2)
    deck = SetFactory(production=production, name="CAR DECK")
    for position in range(30):
        SceneFactory(
            production=production, number=str(position + 1), set=deck, eighths=4,
            board_position=position,
        )  # fmt: skip
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = phone.new_page()
    base = live_server.url
    sign_in(page, base, ap.email, PASSWORD)
    page.goto(f"{base}/p/{production.slug}/schedule/")
    expect(page.locator("#board")).to_have_attribute("data-ready", "1")
    page.evaluate("window.stillTheSamePage = true")

    strip = page.get_by_test_id("strip-28")
    strip.scroll_into_view_if_needed()
    page.mouse.wheel(0, 200)
    page.wait_for_function("window.scrollY > 400")
    scrolled = page.evaluate("window.scrollY")
    strip.get_by_label("Move scene 28 to day number").fill("1")
    strip.get_by_role("button", name="Move", exact=True).tap()

    expect(page.get_by_role("status")).to_have_text("Scene 28 moved to Day 1.")
    expect(page.locator(f"#day-header-{day_one.pk} [data-testid=day-total]")).to_have_text("4/8 pp")
    assert page.evaluate("window.stillTheSamePage") is True  # no reload
    # The page stayed where it was (give or take the browser keeping the strips in view steady):
    # the strips around the one moved are still on the screen.
    assert abs(page.evaluate("window.scrollY") - scrolled) < 50
    expect(page.get_by_test_id("strip-29")).to_be_in_viewport()
    assert Scene.objects.get(production=production, number="28").shoot_day_id == day_one.pk

    # A day that does not exist is refused in place too.
    other = page.get_by_test_id("strip-29")
    other.get_by_label("Move scene 29 to day number").fill("9")
    other.get_by_role("button", name="Move", exact=True).tap()
    expect(page.get_by_role("status")).to_have_text("There is no day 9.")
    assert page.evaluate("window.stillTheSamePage") is True
    assert Scene.objects.get(production=production, number="29").shoot_day_id is None

    # And back to the bin from the day, with the strip's Bin button.
    moved = page.get_by_test_id("strip-28")
    moved.scroll_into_view_if_needed()
    scrolled = page.evaluate("window.scrollY")
    moved.get_by_role("button", name="Move scene 28 to the bin").tap()
    expect(page.get_by_role("status")).to_have_text("Scene 28 moved to Unscheduled.")
    assert page.evaluate("window.stillTheSamePage") is True
    assert abs(page.evaluate("window.scrollY") - scrolled) < 50
    assert Scene.objects.get(production=production, number="28").shoot_day_id is None
    assert day_two.scenes.count() == 0
    phone.close()
