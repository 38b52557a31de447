"""As an AP would: a signed deal memo cannot be edited, so the AP drafts an amendment (rate $550 ->
$450, and why) and sends it; the hire opens the e-mailed link, sees what changes, types their
name and accepts; the memo, its history and the cost report then carry the new rate."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from apps.budgets.models import Commitment
from apps.crew import services
from apps.crew.models import DealMemo, MemoState
from tests.budgets.factories import budget_from_template
from tests.crew.factories import DealMemoFactory, PositionFactory
from tests.e2e.helpers import sign_in
from tests.factories import PASSWORD, ProductionFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_memo(production, ap) -> DealMemo:
    """Grace as Gaffer at $550 a day for 20 days plus $100 kit, accepted and countersigned."""
    memo = DealMemoFactory(
        position=PositionFactory(
            department__production=production, title="Gaffer", account_number="3201"
        ),
        person__name="Grace Achebe",
        person__email="grace@example.test",
        rate=Decimal("550.00"),
        guarantee=Decimal("20"),
        kit_rental=Decimal("100.00"),
        created_by=ap,
    )
    memo.state = MemoState.SENT
    memo.expires_at = timezone.now() + timedelta(days=14)
    token = services.memo_issue_token(memo)
    memo.save()
    services.memo_accept(token=token, typed_name="Grace Achebe", ip="127.0.0.1")
    return services.memo_countersign(memo=memo, user=ap)


def test_an_amendment_is_accepted_through_its_e_mailed_link(live_server, page: Page, browser):
    production = ProductionFactory(title="Harbour Lights", slug="harbour-lights")
    budget_from_template(production)  # the feature chart: 3201 is Gaffer
    ap = member(production)
    memo = signed_memo(production, ap)
    assert Commitment.objects.get().amount == Decimal("11100.00")
    mail.outbox.clear()
    base = live_server.url
    memo_url = f"{base}/p/{production.slug}/crew/memos/{memo.pk}/"
    sign_in(page, base, ap.email, PASSWORD)

    # Signed: no edit, an amendment instead.
    page.goto(memo_url)
    expect(page.get_by_test_id("memo-state")).to_have_text("Countersigned")
    expect(page.get_by_role("link", name="Edit", exact=True)).to_have_count(0)
    page.get_by_role("link", name="Amend…").click()
    page.locator("#id_rate").fill("450")
    page.locator("#id_reason").fill("The studio cut the lighting budget")
    page.get_by_role("button", name="Save the amendment").click()
    expect(page.get_by_text("Amendment 1 drafted")).to_be_visible()
    amendment = page.get_by_test_id("open-amendment")
    expect(amendment).to_contain_text("$550.00")
    expect(amendment).to_contain_text("$450.00")
    page.get_by_role("button", name="Send the amendment to grace@example.test").click()
    expect(page.get_by_text("Amendment 1 is on its way to grace@example.test")).to_be_visible()
    # Until Grace accepts, the memo and the budget keep the signed terms.
    expect(page.locator(".memo-terms").first).to_contain_text("$550.00 per day")
    expect(page.get_by_test_id("commitment")).to_contain_text("$11,100.00")

    (message,) = mail.outbox
    assert message.to == ["grace@example.test"]
    link = re.search(r"https?://\S+(/memo-amendments/[\w-]+/)", message.body).group(1)

    # Grace, not signed in anywhere, answers from the e-mail.
    hire_context = browser.new_context()
    hire = hire_context.new_page()
    hire.goto(base + link)
    expect(hire.get_by_role("heading", name="Amendment 1 to your deal memo")).to_be_visible()
    changes = hire.get_by_test_id("amendment-changes")
    expect(changes.get_by_role("row", name="Rate $550.00 $450.00")).to_be_visible()
    expect(changes).to_contain_text("The studio cut the lighting budget")
    hire.get_by_label("Type your full name to accept").fill("Grace Achebe")
    hire.get_by_role("button", name="Accept the amendment").click()
    expect(hire.get_by_role("heading", name="Amendment accepted")).to_be_visible()
    hire.goto(base + link)
    expect(hire.get_by_text("This amendment link is not valid.")).to_be_visible()
    hire_context.close()

    # The memo carries the new rate and shows the amendment in its history.
    page.goto(memo_url)
    expect(page.locator(".memo-terms").first).to_contain_text("$450.00 per day")
    history = page.get_by_test_id("memo-history")
    expect(history).to_contain_text("Signed by “Grace Achebe”")
    expect(page.get_by_test_id("amendment-1")).to_contain_text("Accepted")
    expect(page.get_by_test_id("amendment-1")).to_contain_text("The studio cut the lighting")
    # 450 × 20 + 100 kit, on the memo and in the cost report.
    expect(page.get_by_test_id("commitment")).to_contain_text("$9,100.00")
    page.goto(f"{base}/p/{production.slug}/budget/cost-report/?account=3201")
    expect(page.locator("#acct-3201 td").nth(4)).to_have_text("9,100.00")

    # Grace has a copy of what she signed; the AP was told.
    recipients = sorted(m.to[0] for m in mail.outbox[1:])
    assert recipients == sorted([ap.email, "grace@example.test"])
