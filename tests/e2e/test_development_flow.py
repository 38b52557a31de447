"""As a producer would: from the slate, a new idea; its project page; research added; the green
light (confirmed); the project is then in pre-production, its research still there, and its
budget opens."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from apps.development.models import Status
from apps.productions.models import Phase, Production
from tests.e2e.helpers import sign_in
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_from_an_idea_on_the_slate_to_a_production_with_its_budget(live_server, page: Page):
    producer = UserFactory()
    base = live_server.url
    sign_in(page, base, producer.email, PASSWORD)

    page.goto(f"{base}/slate/")
    page.get_by_test_id("new-idea").click()
    page.get_by_label("Title").fill("The Salt Road")
    page.get_by_label("Format").select_option(label="Feature film")
    page.get_by_label("Logline").fill("A smuggler's daughter walks the old salt road.")
    page.get_by_label("Genre").fill("Historical drama")
    page.get_by_label("Target budget from").fill("2500000")
    page.get_by_label("Target budget to").fill("4000000")
    page.get_by_test_id("idea-save").click()
    expect(page.get_by_test_id("logline")).to_have_text(
        "A smuggler's daughter walks the old salt road."
    )
    expect(page.get_by_test_id("phase")).to_have_text("Development")

    page.get_by_role("link", name="Research").click()
    page.get_by_role("link", name="Add a note").click()
    page.get_by_label("Title").fill("Salt routes of the coast")
    page.get_by_label("Tags").fill("salt, history")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Salt routes of the coast")).to_be_visible()

    page.goto(f"{base}/slate/")
    row = page.locator("#slate tbody tr", has_text="The Salt Road")
    expect(row).to_contain_text("Idea")
    row.get_by_role("link", name="The Salt Road").click()

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("green-light").click()
    expect(page.get_by_test_id("phase")).to_have_text("Pre-production")
    expect(page.get_by_test_id("status")).to_have_text("Green-lit")

    page.get_by_role("link", name="Research").click()
    expect(page.get_by_text("Salt routes of the coast")).to_be_visible()
    page.get_by_role("link", name="Project").click()
    page.get_by_test_id("open-budget").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert "/budget/" in page.url

    production = Production.objects.get(title="The Salt Road")
    assert production.phase == Phase.PRE_PRODUCTION
    assert production.development.status == Status.GREEN_LIT
    assert production.research_notes.count() == 1
