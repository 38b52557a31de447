"""As an AP would: start the first day's call sheet, set the meal times and the weather, publish
it and watch the distribution; a crew member opens the e-mailed link (no account) and confirms;
the tracking page then shows them confirmed."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from tests.callsheets.factories import shoot_day_with_crew
from tests.e2e.helpers import sign_in
from tests.factories import PASSWORD, ProductionFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_publish_a_call_sheet_and_confirm_from_the_email(live_server, page: Page, browser):
    production = ProductionFactory(
        title="Night Ferry",
        slug="night-ferry-e2e",
        prep_start=date.today(),
        first_shoot_day=date.today() + timedelta(days=3),
    )
    day = shoot_day_with_crew(production, crew=2)
    ap = member(production)
    base = live_server.url
    sign_in(page, base, ap.email, PASSWORD)

    page.goto(f"{base}/p/{production.slug}/")
    page.get_by_role("link", name="Call sheets").first.click()
    page.get_by_test_id("day-1").get_by_role("button", name="Start call sheet").click()
    expect(page.get_by_test_id("general-call")).to_have_text("07:00")

    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Breakfast").fill("06:00")
    page.get_by_label("Lunch").fill("13:00")
    page.get_by_label("Weather").fill("Fog lifting by ten")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Fog lifting by ten")).to_be_visible()

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_test_id("progress")).to_have_text("4 of 4 sent")

    # A day player opens their own link from the e-mail, on a fresh browser without an account.
    player = day.extra["day_players"][0]
    (message,) = [m for m in mail.outbox if m.to == [player.email]]
    assert "your call 06:00" in message.subject
    link = re.search(r"https?://\S+/callsheets/confirm/\S+/", message.body).group(0)
    path = link.split("/callsheets/", 1)[1]
    # On their phone: the whole sheet reads without sideways scrolling of the page.
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    crew_page = context.new_page()
    crew_page.goto(f"{base}/callsheets/{path}")
    expect(crew_page.get_by_test_id("own-call")).to_have_text("06:00")
    expect(crew_page.get_by_test_id("scenes")).to_contain_text("FERRY - CAR DECK")
    assert crew_page.evaluate("document.documentElement.scrollWidth") <= 390
    crew_page.get_by_role("button", name="I got my call sheet").click()
    expect(crew_page.get_by_test_id("confirmed")).to_be_visible()
    context.close()

    page.reload()
    expect(page.get_by_test_id(f"recipient-{player.pk}")).to_contain_text("Confirmed")
    expect(page.get_by_test_id("tracking")).to_contain_text("1 confirmed")
