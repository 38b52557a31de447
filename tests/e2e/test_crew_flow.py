"""As an AP would: set up a position, open it, move a candidate across the board (by drag and
drop and by the buttons), write and send the deal memo; the hire accepts from the e-mailed link
and appears on the crew list."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from apps.budgets.models import Commitment
from apps.crew.models import DealMemo, Engagement, MemoState
from tests.budgets.factories import budget_from_template
from tests.e2e.helpers import sign_in
from tests.factories import PASSWORD, ProductionFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_from_an_opening_to_an_accepted_memo_on_the_crew_list(live_server, page: Page, browser):
    production = ProductionFactory(title="Harbour Lights", slug="harbour-lights")
    budget_from_template(production)  # the feature chart: 3201 is Gaffer
    ap = member(production)
    base = live_server.url
    crew_url = f"{base}/p/{production.slug}/crew/"
    sign_in(page, base, ap.email, PASSWORD)

    # A position in a standard department, with its budget account.
    page.goto(crew_url + "departments/")
    position = page.locator("#position-form")
    position.get_by_label("Department").select_option(label="Electric")
    position.get_by_label("Title").fill("Gaffer")
    position.get_by_label("Budget account").fill("3201")
    position.get_by_label("Lowest rate").fill("450")
    position.get_by_label("Highest rate").fill("600")
    position.get_by_role("button", name="Add position").click()
    expect(page.get_by_text("Added the position Gaffer.")).to_be_visible()

    # Open it and put a candidate on the board.
    page.get_by_role("link", name="Openings").click()
    page.get_by_role("link", name="Open a position").click()
    page.get_by_label("Position").select_option(label="Gaffer")
    page.get_by_label("Rate").fill("520")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Gaffer")).to_be_visible()
    page.get_by_label("Candidate's name").fill("Grace Achebe")
    page.get_by_label("Candidate's e-mail").fill("grace@example.test")
    page.get_by_role("button", name="Add candidate").click()
    card = page.get_by_test_id("card-grace@example.test")
    grace = {"name": "Grace Achebe"}
    expect(page.get_by_test_id("column-applied").get_by_role("link", **grace)).to_be_visible()

    # Drag and drop to Shortlisted; then the keyboard path to Offer.
    # Grab the card by its edge: its middle holds the stage picker.
    expect(page.locator("#board")).to_have_attribute("data-ready", "1")  # the drop handler is on
    card.drag_to(page.get_by_test_id("column-shortlisted"), source_position={"x": 4, "y": 4})
    expect(page.get_by_test_id("column-shortlisted").get_by_role("link", **grace)).to_be_visible()
    page.get_by_label("Stage for Grace Achebe").select_option("offer")
    page.get_by_role("button", name="Move Grace Achebe").click()
    expect(page.get_by_text("Grace Achebe moved to Offer.")).to_be_visible()

    # The deal memo, from the card.
    page.get_by_test_id("column-offer").get_by_role("link", name="Deal memo…").click()
    page.get_by_label("Guaranteed units").fill("20")
    page.get_by_label("Time and a half after (hours)").fill("10")
    page.get_by_label("Double time after (hours)").fill("12")
    page.get_by_label("Kit or box rental (total)").fill("300")
    page.get_by_role("button", name="Save deal memo").click()
    expect(page.get_by_text("Deal memo drafted")).to_be_visible()
    page.get_by_role("button", name="Send to grace@example.test").click()
    expect(page.get_by_text("The deal memo is on its way to grace@example.test.")).to_be_visible()
    expect(page.get_by_text("e-mailed")).to_be_visible()

    (message,) = mail.outbox
    link = re.search(r"https?://\S+(/deal-memos/[\w-]+/)", message.body).group(1)

    # The hire, not signed in anywhere, answers from the e-mail.
    hire_context = browser.new_context()
    hire = hire_context.new_page()
    hire.goto(base + link)
    expect(hire.get_by_role("heading", name="Your deal memo for Harbour Lights")).to_be_visible()
    expect(hire.get_by_text("$520.00 per day")).to_be_visible()
    hire.get_by_label("Type your full name to accept").fill("Grace Achebe")
    hire.get_by_role("button", name="Accept the deal memo").click()
    expect(hire.get_by_role("heading", name="Welcome to Harbour Lights")).to_be_visible()
    hire.goto(base + link)
    expect(hire.get_by_text("This deal memo link is not valid.")).to_be_visible()
    hire_context.close()

    memo = DealMemo.objects.get()
    assert memo.state == MemoState.ACCEPTED and memo.accepted_ip == "127.0.0.1"
    assert Engagement.objects.get().person.email == "grace@example.test"

    page.goto(crew_url)
    row = page.locator("#crew tr", has_text="Grace Achebe")
    expect(row).to_contain_text("Gaffer")
    expect(row).to_contain_text("Electric")
    page.goto(crew_url + "openings/")
    expect(page.locator("#openings")).to_contain_text("Filled")

    # The guaranteed cost is committed to the Gaffer account: 520 × 20 days + 300 kit.
    commitment = Commitment.objects.get()
    assert (commitment.account_number, commitment.amount) == ("3201", Decimal("10700.00"))
    page.goto(f"{base}/p/{production.slug}/crew/memos/{memo.pk}/")
    expect(page.get_by_test_id("commitment")).to_contain_text("$10,700.00")


def test_the_board_and_crew_list_work_on_a_phone(live_server, browser):
    from tests.crew.factories import CandidateFactory, EngagementFactory

    production = ProductionFactory(title="Pocket Crew")
    user = member(production)
    candidate = CandidateFactory(
        opening__position__department__production=production, person__name="Phone Candidate"
    )
    EngagementFactory(position=candidate.opening.position, person__name="Phone Crew")
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    sign_in(page, live_server.url, user.email, PASSWORD)
    crew_url = f"{live_server.url}/p/{production.slug}/crew/"
    page.goto(f"{crew_url}openings/{candidate.opening_id}/")
    page.get_by_label("Stage for Phone Candidate").select_option("interview")
    page.get_by_role("button", name="Move Phone Candidate").click()
    expect(page.get_by_test_id("column-interview")).to_contain_text("Phone Candidate")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.goto(crew_url)
    expect(page.locator("#crew")).to_contain_text("Phone Crew")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
