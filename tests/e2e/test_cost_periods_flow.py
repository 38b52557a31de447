"""As an accountant would: close a week's cost report, write why a line moved, open the frozen
period, drill from its EFC to the entries behind it and back."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from apps.budgets import services
from apps.productions.capabilities import Role
from tests.budgets.factories import add_line, budget_from_template
from tests.e2e.helpers import sign_in
from tests.factories import PASSWORD, ProductionFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_accountant_closes_two_weeks_and_drills_into_a_moved_line(live_server, page: Page):
    production = ProductionFactory(title="Night Ferry", slug="night-ferry")
    accountant = member(production, Role.ACCOUNTANT)
    version = budget_from_template(production)
    version.markups.all().delete()
    add_line(version, "3307", rate="10000", description="Camera package")
    services.actual_post(
        production=production,
        account_number="3307",
        amount=Decimal(6000),
        date=date(2026, 1, 10),
        payee='Harbour "Cams"',
        description="Week 1",
    )
    services.period_close(production=production, week_ending=date(2026, 1, 11))
    services.actual_post(
        production=production,
        account_number="3307",
        amount=Decimal(5500),
        date=date(2026, 1, 14),
        payee='Harbour "Cams"',
        description="Second body",
    )
    base = live_server.url
    sign_in(page, base, accountant.email, PASSWORD)
    page.goto(f"{base}/p/night-ferry/budget/cost-report/periods/")
    page.locator("#close-period").click()

    # What moved since the last week: the camera account, 10,000 -> 11,500.
    moved = page.locator('#changed-lines tr[data-key="account:3307"]')
    expect(moved).to_contain_text("+1,500.00")
    page.get_by_label("Week ending").fill("2026-01-18")
    moved.locator("textarea").fill("Second camera body for the ferry deck")
    page.locator("#close-confirm").click()

    expect(page.get_by_role("heading", name=re.compile("week ending 2026-01-18"))).to_be_visible()
    row = page.locator("#acct-3307")
    expect(row).to_contain_text("11,500.00")
    expect(page.locator(".period-note")).to_contain_text("Second camera body for the ferry deck")

    row.locator("a.cost-figure").nth(3).click()  # its EFC
    expect(page.locator("#drill-total")).to_have_text("11,500.00")
    expect(page.locator("#drill-entries")).to_contain_text("Second body")
    page.locator("#drill-back").click()
    expect(page.locator("#cost-period")).to_be_visible()
