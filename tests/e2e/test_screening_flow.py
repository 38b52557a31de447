"""As the office and a guest would: a new screening made on its page, an outside guest and the
crew added to its guest list, the invitations sent; the guest opens the e-mailed link without an
account and says yes with a plus one; after the screening the same link takes their feedback;
the office reads the feedback summary."""

from __future__ import annotations

import re
from datetime import date, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from apps.post.screenings.models import Guest, Rsvp, Screening
from tests.crew.factories import EngagementFactory
from tests.e2e.helpers import sign_in
from tests.factories import PASSWORD, ProductionFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_from_a_new_screening_to_an_rsvp_and_a_feedback_summary(live_server, page: Page, browser):
    production = ProductionFactory(title="Night Ferry", slug="night-ferry-screening")
    EngagementFactory(
        production=production,
        position__department__production=production,
        person__name="Gil Grip",
        person__email="gil@crew.test",
    )
    ap = member(production)
    base = live_server.url
    sign_in(page, base, ap.email, PASSWORD)

    page.goto(f"{base}/p/{production.slug}/post/screenings/")
    page.get_by_role("link", name="New screening").click()
    page.locator("#id_kind").select_option(label="Test screening")
    page.locator("#id_title").fill("First test screening")
    page.locator("#id_date").fill((date.today() + timedelta(days=5)).isoformat())
    page.locator("#id_starts_at").fill("19:00")
    page.locator("#id_venue").fill("Harbour Picturehouse, Screen 2")
    page.locator("#id_cut_shown").fill("Director's cut v2")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("screening-title")).to_have_text("First test screening")

    page.get_by_label("Name").fill("Priya Raman")
    page.get_by_label("E-mail").fill("priya@guest.test")
    page.get_by_role("button", name="Add the guest").click()
    expect(page.get_by_text("Priya Raman added to the guest list.")).to_be_visible()
    page.locator("#id_group").select_option(label="All crew")
    page.get_by_role("button", name="Add the group").click()
    expect(page.locator("#guests")).to_contain_text("Gil Grip")
    page.get_by_role("button", name=re.compile("Send invitations")).click()
    expect(page.get_by_text("2 invitation(s) on their way.")).to_be_visible()
    expect(page.get_by_role("button", name="Send invitations")).to_be_disabled()
    assert sorted(m.to[0] for m in mail.outbox) == ["gil@crew.test", "priya@guest.test"]

    (message,) = [m for m in mail.outbox if m.to == ["priya@guest.test"]]
    link = re.search(r"https?://\S+(/screening-invitations/[\w-]+/)", message.body).group(1)
    guest_context = browser.new_context()  # no account, no session
    guest = guest_context.new_page()
    guest.goto(base + link)
    expect(guest.get_by_test_id("when")).to_contain_text("19:00")
    guest.get_by_label("Guests you bring").fill("1")
    guest.get_by_role("button", name="Yes, I'm coming").click()
    expect(guest.get_by_test_id("answer")).to_have_text(
        "You are coming with 1 guest. See you there."
    )
    assert Guest.objects.get(email="priya@guest.test").rsvp == Rsvp.YES

    # The evening comes: the screening started an hour ago.
    began = timezone.now().astimezone(production.tz) - timedelta(hours=1)
    Screening.objects.update(date=began.date(), starts_at=time(began.hour, began.minute))
    guest.goto(base + link)
    expect(guest.get_by_role("heading", name="How was it?")).to_be_visible()
    form = guest.locator("form")
    form.locator("input[name=overall][value='4']").check()
    form.locator("input[name=story][value='5']").check()
    form.locator("input[name=pace][value='2']").check()
    guest.get_by_label("Anything else you want to tell us").fill("The middle drags a little.")
    guest.get_by_role("button", name="Send feedback").click()
    expect(guest.get_by_test_id("thanks")).to_be_visible()
    guest_context.close()

    page.goto(f"{base}/p/{production.slug}/post/screenings/")
    page.get_by_role("link", name=re.compile("First test screening")).click()
    expect(
        page.get_by_test_id(f"guest-{Guest.objects.get(email='priya@guest.test').pk}")
    ).to_contain_text("Coming (+1)")
    page.get_by_role("link", name="Feedback summary").click()
    expect(page.get_by_test_id("counts")).to_contain_text("2 invited: 1 coming (+1)")
    expect(page.get_by_test_id("q-overall").get_by_test_id("avg")).to_have_text("4.0")
    expect(page.get_by_test_id("q-pace").get_by_test_id("avg")).to_have_text("2.0")
    expect(page.get_by_test_id("q-ending").get_by_test_id("avg")).to_have_text("–")
    expect(page.locator("#comments")).to_contain_text("The middle drags a little.")
