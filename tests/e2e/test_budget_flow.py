"""As an AP would: create the budget from a template, add and edit a line inline, read the top
sheet."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import sign_in
from tests.factories import PASSWORD, ProductionFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_ap_builds_a_small_budget_and_reads_the_top_sheet(live_server, page: Page):
    production = ProductionFactory(title="Night Ferry", slug="night-ferry")
    ap = member(production)
    base = live_server.url
    sign_in(page, base, ap.email, PASSWORD)
    page.goto(f"{base}/p/night-ferry/")

    page.get_by_role("link", name="Budget").first.click()
    page.get_by_label("Budget name").fill("Production budget")
    page.get_by_label("Template").select_option("feature")
    page.get_by_role("button", name="Create budget").click()
    expect(page.get_by_role("heading", name="Production budget · Working")).to_be_visible()

    page.locator("#top-sheet").get_by_role("link", name="Camera", exact=True).click()
    page.get_by_role("link", name="Director of Photography").click()

    add = page.locator("form[aria-label='Add a line']")
    add.get_by_label("Description").fill("DP, prep and shoot")
    add.get_by_label("Units").select_option("weeks")
    add.get_by_label("X", exact=True).fill("SHOOT_WEEKS + 3")
    add.get_by_label("Rate", exact=True).fill("4200")
    add.get_by_role("button", name="Add line").click()

    row = page.locator("tr[data-line]", has_text="DP, prep and shoot")
    expect(row.locator("[data-line-total]")).to_have_text("33,600.00")
    # 33,600 + contingency 10% + insurance 1.5% + completion bond 2%, without a reload
    expect(page.locator("#grand-total")).to_have_text("38,136.00")

    # From the keyboard: open the editor, change the rate, Enter saves.
    row.get_by_role("button", name="Edit DP, prep and shoot").click()
    editor = page.locator("[data-line-edit]")
    rate = editor.get_by_label("Rate", exact=True)
    rate.fill("4000")
    rate.press("Enter")
    expect(page.locator("tr[data-line] [data-line-total]")).to_have_text("32,000.00")
    expect(page.locator("#account-total")).to_have_text("32,000.00")

    # A bad formula is refused on its field.
    page.locator("tr[data-line]").get_by_role("button", name="Edit DP, prep and shoot").click()
    editor = page.locator("[data-line-edit]")
    editor.get_by_label("X", exact=True).fill("__import__('os')")
    editor.get_by_role("button", name="Save line").click()
    expect(page.locator("[data-field-error='x_formula']")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("[data-line-edit]")).to_have_count(0)

    page.get_by_role("link", name="Top sheet").first.click()
    camera = page.locator("#top-sheet tr", has_text="Camera")
    expect(camera.first).to_contain_text("32,000.00")
    expect(page.locator("#grand-total")).to_have_text("36,320.00")

    # The cost report opens at categories, all-zero ones left out; Camera opens to its accounts
    # in place and closes again.
    page.get_by_role("link", name="Cost report").first.click()
    report = page.locator("#cost-report")
    expect(report.locator("tr[data-level='category']")).to_have_count(1)
    expect(report.locator("tr[data-level='account']")).to_have_count(0)
    report.get_by_role("link", name="Camera").click()
    dp = report.locator("tr[data-level='account']", has_text="Director of Photography")
    expect(dp).to_contain_text("32,000.00")
    report.get_by_role("link", name="Camera").click()
    expect(dp).to_be_hidden()
    page.get_by_role("link", name=re.compile(r"Show \d+ rows that are all zero")).click()
    expect(report.locator("tr[data-level='category']", has_text="Editing")).to_be_visible()
