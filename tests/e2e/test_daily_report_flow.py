"""As the office would, the day after: the coordinator starts the day's report on a phone (it comes
prefilled from the published call sheet), marks scene 1 completed and scene 2 partly shot with the
rest going to day 2, and saves; the production manager reads what will move on the board, signs it
off and sees the report frozen, with the producer's list e-mailed, the day's hot cost over plan
by the extra cost entered, and the board moved."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from apps.callsheets import services as callsheets
from apps.productions.capabilities import Role
from tests.callsheets.factories import shoot_day_with_crew
from tests.e2e.helpers import sign_in
from tests.factories import PASSWORD, ProductionFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_fill_a_daily_report_sign_it_off_and_see_it_frozen(live_server, page: Page, browser):
    production = ProductionFactory(
        title="Night Ferry",
        slug="night-ferry-dpr-e2e",
        prep_start=date.today() - timedelta(days=20),
        first_shoot_day=date.today() - timedelta(days=1),
    )
    day = shoot_day_with_crew(production, crew=2)
    call_sheet = callsheets.callsheet_start(shoot_day=day)
    callsheets.callsheet_update(
        call_sheet=call_sheet,
        expected_version=call_sheet.version,
        fields={"general_call": time(7, 0), "shooting_call": time(8, 0),
                "background": "12 drivers — 07:00"},
    )  # fmt: skip
    callsheets.callsheet_publish(call_sheet=call_sheet)
    coordinator = member(production, Role.COORDINATOR)
    manager = member(production, Role.PRODUCTION_MANAGER)
    base = live_server.url

    # The coordinator, on a phone.
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    on_phone = phone.new_page()
    sign_in(on_phone, base, coordinator.email, PASSWORD)
    on_phone.goto(f"{base}/p/{production.slug}/daily-reports/")
    on_phone.get_by_test_id("day-1").get_by_role("button", name="Start report").click()
    expect(on_phone.get_by_test_id("draft")).to_be_visible()
    expect(on_phone.get_by_test_id("scenes")).to_contain_text("1 3/8")
    expect(on_phone.get_by_test_id("background")).to_contain_text("drivers")

    on_phone.get_by_role("link", name="Edit").click()
    times = on_phone.get_by_test_id("units-row-0")
    times.get_by_label("First shot").fill("08:20")
    times.get_by_label("Camera wrap").fill("18:45")
    first = on_phone.get_by_test_id("scenes-row-0")
    expect(first.get_by_label("Number")).to_have_value("1")
    first.get_by_label("Setups").fill("14")
    second = on_phone.get_by_test_id("scenes-row-1")
    second.get_by_label("Status").select_option("partly")
    second.get_by_label("Pages shot").fill("2/8")
    second.get_by_label("The rest goes to").select_option(label=str(day.extra["day2"]))
    delay = on_phone.get_by_test_id("events-row-0")
    delay.get_by_label("At").fill("10:15")
    delay.get_by_label("Minutes lost").fill("25")
    delay.get_by_label("Description").fill("Ferry late")
    on_phone.get_by_label("Remarks").fill("Weather held.")
    cost = on_phone.get_by_test_id("costs-row-0")
    cost.get_by_label("Description").fill('Condor "extra hour"')
    cost.get_by_label("Planned").fill("800")
    cost.get_by_label("Actual").fill("950")
    # The page fits the phone: nothing scrolls sideways.
    assert on_phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    on_phone.get_by_role("button", name="Save").click()
    expect(on_phone.get_by_text("Report saved.")).to_be_visible()
    expect(on_phone.get_by_test_id("scene-2")).to_contain_text("Partly shot")
    expect(on_phone.get_by_test_id("pages-shot")).to_have_text("1 5/8")
    expect(on_phone.get_by_role("link", name="Sign off…")).to_have_count(0)
    phone.close()

    # The production manager signs it off.
    sign_in(page, base, manager.email, PASSWORD)
    page.goto(f"{base}/p/{production.slug}/")
    page.get_by_role("link", name="Daily reports").first.click()
    page.get_by_test_id("day-1").get_by_role("link", name="Open").click()
    page.get_by_role("link", name="Sign off…").click()
    expect(page.get_by_test_id("moves")).to_contain_text("Scene 1 shot on day 1")
    expect(page.get_by_test_id("moves")).to_contain_text("the remaining 2/8 pp go to day 2")
    page.get_by_role("button", name="Sign off and send").click()

    expect(page.get_by_test_id("frozen")).to_have_text("Signed off — frozen")
    expect(page.get_by_test_id("signed")).to_contain_text(manager.display_name)
    expect(page.get_by_role("link", name="Edit")).to_have_count(0)
    expect(page.get_by_test_id("distribution-progress")).to_have_text("1 of 1 sent")
    assert [m.to for m in mail.outbox if "Daily production report" in m.subject] == [
        [manager.email]
    ]
    # The day's hot cost: the condor's extra hour over plan, frozen with the report.
    page.get_by_role("link", name="Hot cost", exact=True).click()
    expect(page.get_by_test_id("report-state")).to_have_text("Signed off")
    expect(page.get_by_test_id("day-variance")).to_have_text("+150.00")
    # The edit page is closed to a frozen report.
    page.goto(f"{base}/p/{production.slug}/daily-reports/")
    expect(page.get_by_test_id("day-1")).to_contain_text("Signed off")
    # The board followed: scene 1 is off it, shot on day 1; day 2 has scene 2's remaining 2/8.
    page.get_by_role("link", name="Schedule").first.click()
    expect(page.get_by_test_id("shot-scenes")).to_contain_text("1 scene completed")
    expect(page.get_by_test_id("shot-1")).to_contain_text("Day 1")
    expect(page.get_by_test_id("strip-2")).to_contain_text("2/8")
