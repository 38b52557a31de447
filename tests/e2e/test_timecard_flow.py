"""As the crew, their department head and the accountant would: a grip fills in their week on a
phone and submits it, the head approves it for the department, the accountant approves it and
it posts to the budget."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from apps.budgets.models import Actual
from apps.productions.capabilities import Role
from tests.budgets.factories import add_line, budget_from_template, fringe_ids
from tests.e2e.helpers import approve_timecard, sign_in
from tests.factories import PASSWORD, member
from tests.payroll.conftest import START, hire

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_week_goes_from_the_phone_to_the_budget(live_server, page: Page, production):
    version = budget_from_template(production)
    fica = fringe_ids(version, "FICA")
    add_line(version, "3301", x="6", rate="5000", units="weeks", fringes=fica)
    engagement = hire(production, "Camera", name="Ada Lovelace")
    crew = member(production, Role.CREW)
    engagement.person.user = crew
    engagement.person.save()
    head = member(production, Role.DEPARTMENT_HEAD, department="Camera")
    accountant = member(production, Role.ACCOUNTANT)
    base = live_server.url
    week = f"{base}/p/{production.slug}/timecards/?week={START}"

    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    sign_in(page, base, crew.email, PASSWORD)
    page.goto(week)
    page.get_by_role("button", name="Start timecard").click()
    monday = page.get_by_test_id(f"day-{START}")
    monday.get_by_label("Day").select_option("work")
    monday.get_by_label("Call").fill("07:00")
    monday.get_by_label("Meal out", exact=True).fill("13:00")
    monday.get_by_label("Meal in", exact=True).fill("13:30")
    monday.get_by_label("Wrap").fill("21:00")
    page.get_by_test_id(f"day-{START + timedelta(days=1)}").get_by_label("Day").select_option(
        "travel"
    )
    page.get_by_role("button", name="Save days").click()
    expect(monday).to_contain_text("2 h at 1.5x after 10 h")
    expect(monday).to_contain_text("3 half hours late")
    expect(page.get_by_test_id("total")).to_contain_text("1,375.00")
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_test_id("state")).to_have_text("Submitted")
    page.context.clear_cookies()

    page.set_viewport_size({"width": 1280, "height": 900})
    approve_timecard(page, base, head.email, week, "Approve for the department",
                     "Approved by the department")  # fmt: skip
    sign_in(page, base, accountant.email, PASSWORD)
    page.goto(week)
    page.get_by_role("link", name="Open").click()
    page.get_by_role("button", name="Approve and post").click()
    expect(page.get_by_test_id("state")).to_have_text("Approved")
    expect(page.get_by_test_id("frozen")).to_contain_text("posted to account 3301: 1,375.00")
    assert Actual.objects.get().amount == 1375
