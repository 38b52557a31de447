"""As a user would: the AP makes an API token on their profile page, copies it (shown once),
authorizes the API's reference page with it and tries an endpoint there. The page works with no
internet (every file from this site) and within the Content Security Policy (the browser tests
fail on any violation)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import sign_in
from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_ap_makes_a_token_and_tries_the_api_with_it(live_server, page: Page):
    ap = UserFactory(email="ap@example.test", full_name="Alex Rivera")
    MembershipFactory(user=ap, production__title="Harbour Lights", production__slug="harbour")
    base = live_server.url
    outside = []
    page.on(
        "request",
        lambda request: outside.append(request.url) if not request.url.startswith(base) else None,
    )

    sign_in(page, base, "ap@example.test", PASSWORD)
    page.goto(f"{base}/accounts/profile/")
    page.get_by_label("Name").last.fill("Schedule sync")
    page.get_by_label("Expires in").select_option("30")
    page.get_by_role("button", name="Make a token").click()
    token = page.get_by_label("Your new token").input_value()
    assert token.startswith("pd_")
    page.reload()
    expect(page.get_by_label("Your new token")).to_have_count(0)  # shown once
    expect(page.get_by_role("cell", name="Schedule sync")).to_have_count(1)  # and made once

    page.get_by_role("link", name="REST API").click()
    expect(page.get_by_role("heading", name="Producer Desk API")).to_be_visible()
    page.get_by_role("button", name="Authorize").first.click()
    bearer = page.locator(".modal-ux .auth-container", has=page.locator("#auth-bearer-value"))
    bearer.locator("#auth-bearer-value").fill(token)
    bearer.get_by_role("button", name="Apply credentials").click()
    page.locator(".modal-ux .close-modal").click()

    page.locator('.opblock-summary-path[data-path="/api/productions/"]').click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    response = page.locator(".live-responses-table .response")
    expect(response.locator(".response-col_status")).to_contain_text("200")
    expect(response.locator(".response-col_description")).to_contain_text('"harbour"')
    assert outside == []
