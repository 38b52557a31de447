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
from tests.e2e.helpers import sign_in
from tests.factories import PASSWORD, ProductionFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n% a form\n"


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

    def save(title: str) -> None:
        card = page.locator(".card", has=page.get_by_role("heading", name=title))
        card.get_by_role("button", name="Save").click()
        expect(page.locator(".card", has=page.get_by_role("heading", name=title))).to_contain_text(
            "Saved"
        )

    def card(title: str):
        return page.locator(".card", has=page.get_by_role("heading", name=title))

    card("Personal details").get_by_label("Legal name").fill("Grace Achebe")
    card("Personal details").get_by_label("Address").fill("4 Quay Street, Bristol")
    card("Personal details").get_by_label("Phone").fill("+44 117 496 0000")
    save("Personal details")
    card("Emergency contact").get_by_label("Name").fill("Ngozi Achebe")
    card("Emergency contact").get_by_label("Phone").fill("+44 117 496 0001")
    save("Emergency contact")
    card("Tax form").get_by_label("Tax id").fill("AB123456C")
    card("Tax form").get_by_label("File").set_input_files(
        {"name": "p46.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    save("Tax form")
    card("Proof of eligibility to work").get_by_label("File").set_input_files(
        {"name": "passport.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    save("Proof of eligibility to work")
    bank = card("Bank details for payment")
    bank.get_by_label("Name on the account").fill("Grace Achebe")
    bank.get_by_label("Routing number or sort code").fill("40-47-84")
    bank.get_by_label("Account number").fill("70872490")
    save("Bank details for payment")
    card("Health, safety and conduct policy").get_by_label("I have read and agree").check()
    save("Health, safety and conduct policy")

    page.get_by_label("Type your full name to sign").fill("Grace Achebe")
    page.get_by_role("button", name="Sign and send").click()
    expect(page.locator("#complete")).to_contain_text("Complete: signed by “Grace Achebe”")
    expect(page.get_by_role("button", name="Save")).to_have_count(0)

    accountant = member(production, Role.ACCOUNTANT)
    sign_in(page, base, accountant.email, PASSWORD)
    page.goto(f"{base}/p/{production.slug}/paperwork/{engagement.pk}/")
    entries = page.locator("#entries")
    expect(entries).to_contain_text("•••• 2490")
    expect(entries).not_to_contain_text("70872490")
