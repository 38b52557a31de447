"""As a user would: sign in, create a production, see its dashboard, invite someone, and the
invited person accepts from the e-mail."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from apps.productions.models import Membership
from tests.e2e.helpers import sign_in
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_ap_creates_a_production_and_invites_a_coordinator(live_server, page: Page, browser):
    UserFactory(email="ap@example.test", full_name="Alex Rivera")
    base = live_server.url

    sign_in(page, base, "ap@example.test", PASSWORD)
    expect(page.get_by_role("heading", name="My productions")).to_be_visible()

    page.get_by_role("link", name="New production").first.click()
    page.get_by_label("Title").fill("Harbour Lights")
    page.get_by_label("Slug").fill("harbour-lights")
    page.get_by_label("Production company").fill("Tidal Films")
    page.get_by_label("Phase").select_option("pre_production")
    page.get_by_label("First shoot day").fill("2030-03-04")
    page.get_by_label("Wrap date").fill("2030-04-05")
    page.get_by_role("button", name="Create production").click()

    expect(page.get_by_role("heading", name="Harbour Lights")).to_be_visible()
    expect(page.get_by_text("Pre-production", exact=True)).to_be_visible()
    expect(page.get_by_test_id("countdown")).to_be_visible()

    page.get_by_role("link", name="Members").first.click()
    invite = page.locator("#invite-form")
    invite.get_by_label("E-mail").fill("coordinator@example.test")
    invite.get_by_label("Role").select_option("coordinator")
    invite.get_by_role("button", name="Send invitation").click()
    expect(
        page.get_by_text("Invitation to coordinator@example.test is on its way.")
    ).to_be_visible()
    expect(page.locator("#invitations").get_by_text("Sent")).to_be_visible()

    (message,) = mail.outbox
    link = re.search(r"https?://\S+(/invitations/[\w-]+/)", message.body).group(1)

    invited = browser.new_context()
    other = invited.new_page()
    other.goto(base + link)
    expect(other.get_by_role("heading", name="Join Harbour Lights")).to_be_visible()
    other.get_by_label("Your name").fill("Priya Nair")
    other.locator("#id_password1").fill("Lanterns-at-dusk-8")
    other.locator("#id_password2").fill("Lanterns-at-dusk-8")
    other.get_by_role("button", name="Create account and join").click()
    expect(other.get_by_text("Welcome to Harbour Lights.")).to_be_visible()
    expect(other.get_by_role("heading", name="Harbour Lights")).to_be_visible()
    assert Membership.objects.get(user__email="coordinator@example.test").role == "coordinator"

    # The same link cannot be used again.
    other.goto(base + link)
    expect(other.get_by_text("This invitation link is not valid.")).to_be_visible()
    invited.close()


def test_the_dashboard_works_on_a_phone(live_server, browser):
    from tests.factories import ProductionFactory, member

    production = ProductionFactory(title="Pocket Film")
    user = member(production)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    sign_in(page, live_server.url, user.email, PASSWORD)
    page.goto(live_server.url + production.get_absolute_url())
    expect(page.get_by_role("heading", name="Pocket Film")).to_be_visible()
    # No sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="Menu").click()
    expect(page.get_by_role("link", name="Members")).to_be_visible()
    context.close()
