"""As a hire would: the start paperwork's link from the e-mail, each item filled in and saved (a
tax form and a passport uploaded), signed by typed name; then the link shows it read-only, and
the accountant reads the bank details masked."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from apps.payroll.paperwork import services
from apps.productions.capabilities import Role
from tests.crew.factories import EngagementFactory
from tests.e2e.helpers import complete_start_pack, sign_in
from tests.factories import PASSWORD, ProductionFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_hire_completes_their_start_paperwork_through_the_link(live_server, page: Page):
    production = ProductionFactory(title="Harbour Lights", slug="harbour-lights")
    engagement = EngagementFactory(
        production=production, person__name="Grace Achebe", person__email="grace@example.test"
    )
    services.pack_send(engagement=engagement)
    (message,) = mail.outbox
    link = next(line for line in message.body.splitlines() if "/start-paperwork/" in line)
    base = live_server.url
    page.goto(base + urlsplit(link.strip()).path)
    expect(
        page.get_by_role("heading", name="Your start paperwork for Harbour Lights")
    ).to_be_visible()

    complete_start_pack(page, "Grace Achebe")
    expect(page.get_by_role("button", name="Save")).to_have_count(0)

    accountant = member(production, Role.ACCOUNTANT)
    sign_in(page, base, accountant.email, PASSWORD)
    page.goto(f"{base}/p/{production.slug}/paperwork/{engagement.pk}/")
    entries = page.locator("#entries")
    expect(entries).to_contain_text("•••• 2490")
    expect(entries).not_to_contain_text("70872490")
