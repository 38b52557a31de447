"""Issue 18's whole flow as the people would do it: a hire completes their start pack through the
link from their e-mail, then fills in and submits their week through their own timecard link on a
phone (no account); the department head approves it for the department, the associate producer
approves and posts it; the cost report's labour actual on the memo's account moves by the week's
pay and its fringes, and its commitment is relieved by as much."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from apps.budgets.queries import cost_report
from apps.payroll.crew_link import services as links
from apps.payroll.models import Timecard
from apps.payroll.paperwork import services as paperwork
from apps.productions.capabilities import Role
from apps.productions.models import Production
from tests.budgets.factories import add_line, budget_from_template, fringe_ids
from tests.e2e.helpers import approve_timecard, complete_start_pack, sign_in
from tests.factories import PASSWORD, member
from tests.payroll.conftest import START, hire

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def link_in(subject: str, path: str) -> str:
    message = next(m for m in reversed(mail.outbox) if subject in m.subject)
    return urlsplit(next(x for x in message.body.split() if path in x)).path


def labour(production, account: str = "3301") -> tuple[Decimal, Decimal]:
    row = next(r for r in cost_report(production).accounts if r.number == account)
    return row.actual, row.committed


def test_a_hire_s_pack_and_week_go_from_their_phone_to_the_cost_report(
    live_server, page: Page, production, monkeypatch
):
    monkeypatch.setattr(Production, "today", lambda self: START + timedelta(days=2))
    version = budget_from_template(production)
    fica = fringe_ids(version, "FICA")
    add_line(version, "3301", x="6", rate="5000", units="weeks", fringes=fica)
    engagement = hire(production, "Camera", name="Ada Lovelace")
    engagement.person.email = "ada@example.test"
    engagement.person.save()
    head = member(production, Role.DEPARTMENT_HEAD, department="Camera")
    ap = member(production, Role.ASSOCIATE_PRODUCER)
    actual_before, committed_before = labour(production)
    base = live_server.url

    # The start pack, through its link, on a phone.
    page.set_viewport_size({"width": 390, "height": 844})
    paperwork.pack_send(engagement=engagement)
    page.goto(base + link_in("start paperwork", "/start-paperwork/"))
    complete_start_pack(page, "Ada Lovelace")

    # The week, through the person's own timecard link.
    links.link_send(engagement=engagement)
    page.goto(base + link_in("timecards", "/timecard-link/"))
    expect(page.get_by_role("heading", name="Your timecard for")).to_be_visible()
    page.get_by_role("button", name="Start my timecard for this week").click()
    monday = page.get_by_test_id(f"day-{START}")
    monday.get_by_label("Day").select_option("work")
    monday.get_by_label("Call").fill("07:00")
    monday.get_by_label("Meal out", exact=True).fill("13:00")
    monday.get_by_label("Meal in", exact=True).fill("13:30")
    monday.get_by_label("Wrap").fill("21:00")
    page.get_by_role("button", name="Save days").click()
    expect(monday).to_contain_text("2 h at 1.5x after 10 h")
    expect(page.get_by_test_id("total")).to_contain_text("875.00")
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_test_id("state")).to_have_text("Submitted")
    expect(page.get_by_test_id("read-only")).to_be_visible()
    expect(page.get_by_role("button", name="Save days")).to_have_count(0)

    # The department head, then the associate producer.
    page.set_viewport_size({"width": 1280, "height": 900})
    week = f"{base}/p/{production.slug}/timecards/?week={START}"
    approve_timecard(page, base, head.email, week, "Approve for the department",
                     "Approved by the department")  # fmt: skip
    approve_timecard(page, base, ap.email, week, "Approve and post", "Approved")

    # The cost report's labour moved: actual up, commitment down, by the pay and its fringes.
    fringes = (Decimal("875.00") * Decimal("0.062")).quantize(Decimal("0.01"))  # FICA 6.2%
    timecard = Timecard.objects.get()
    assert (timecard.posted_amount, timecard.posted_fringes) == (Decimal("875.00"), fringes)
    actual_after, committed_after = labour(production)
    assert actual_after - actual_before == Decimal("875.00") + fringes
    assert committed_before - committed_after == Decimal("875.00") + fringes
    sign_in(page, base, ap.email, PASSWORD)
    page.goto(f"{base}/p/{production.slug}/budget/cost-report/drill/account/3301/actual/")
    expect(page.get_by_text("Timecard, week of 04 Mar 2030")).to_be_visible()
