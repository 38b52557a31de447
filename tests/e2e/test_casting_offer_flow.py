"""As the office and the actor would: a new role is added on the roles page for the schedule's
part, an offer is made on the offers page and sent; the actor opens the e-mailed link, types their
name and accepts; the role shows them booked and the call sheet for the day names them."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from apps.casting.models import Actor, Role
from apps.casting.offers.models import Offer, OfferState
from tests.callsheets.factories import shoot_day_with_crew
from tests.e2e.helpers import sign_in
from tests.factories import PASSWORD, ProductionFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_from_a_new_role_to_a_booked_actor_on_the_call_sheet(live_server, page: Page, browser):
    production = ProductionFactory(
        title="Night Ferry",
        slug="night-ferry-offers",
        prep_start=date.today(),
        first_shoot_day=date.today() + timedelta(days=3),
    )
    shoot_day_with_crew(production, crew=1, cast=1, day_players=0)
    part = production.cast.get()
    Actor.objects.create(production=production, name="Inês Duarte", email="ines@example.test")
    ap = member(production)
    base = live_server.url
    sign_in(page, base, ap.email, PASSWORD)

    page.goto(f"{base}/p/{production.slug}/casting/")
    page.get_by_role("link", name="Add a role").click()
    page.locator("#id_name").fill("Role Zero")
    page.locator("#id_cast_member").select_option(value=str(part.pk))
    page.locator("#id_description").fill("The ferry's night watchman.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Role Role Zero added.")).to_be_visible()
    role = Role.objects.get(production=production)
    assert role.cast_member == part and role.status == "open"

    page.goto(f"{base}/p/{production.slug}/casting/offers/")
    page.get_by_role("link", name="New offer").click()
    page.locator("#id_role").select_option(label="Role Zero")
    page.locator("#id_actor").select_option(label="Inês Duarte")
    page.locator("#id_rate").fill("1500")
    page.locator("#id_guaranteed_days").fill("2")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("offer-state")).to_have_text("Draft")
    page.get_by_role("button", name="Send to the actor").click()
    expect(page.get_by_test_id("offer-state")).to_have_text("Sent")

    (message,) = [m for m in mail.outbox if m.to == ["ines@example.test"]]
    link = re.search(r"https?://\S+(/casting-offers/[\w-]+/)", message.body).group(1)
    actor_context = browser.new_context()
    actor = actor_context.new_page()
    actor.goto(base + link)
    actor.get_by_label("Type your full name to accept").fill("  ines DUARTE ")
    expect(actor.get_by_role("button", name="Accept the offer")).to_be_visible()
    actor.get_by_label("Type your full name to accept").fill("  inês DUARTE ")
    actor.get_by_role("button", name="Accept the offer").click()
    expect(actor.get_by_role("heading", name="Thank you: the offer is accepted")).to_be_visible()
    actor_context.close()
    assert Offer.objects.get().state == OfferState.ACCEPTED
    page.goto(f"{base}/p/{production.slug}/casting/roles/{role.pk}/")
    expect(page.get_by_text("Inês Duarte").first).to_be_visible()
    role.refresh_from_db()
    assert role.status == "booked" and role.booked_actor.name == "Inês Duarte"

    page.goto(f"{base}/p/{production.slug}/callsheets/")
    page.get_by_test_id("day-1").get_by_role("button", name="Start call sheet").click()
    expect(page.get_by_text("Inês Duarte").first).to_be_visible()
