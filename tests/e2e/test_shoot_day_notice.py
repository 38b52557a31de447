"""As an AP would: insert a shoot day on the stripboard, then find on the budget what that moved.

The version that chose to follow the schedule says "SHOOT_DAYS 25 -> 26 from the schedule" with the
change in money until someone marks it read; an imported version that keeps its own shoot days says
nothing and keeps its total; the audit trail has the same words.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Page, expect

from apps.budgets.importers import import_budget
from apps.budgets.models import Global
from apps.budgets.queries import top_sheet
from apps.budgets.services import versions
from apps.core.money import format_money
from apps.schedules.services.board import days_append
from tests.budgets.factories import add_line
from tests.e2e.helpers import sign_in
from tests.factories import PASSWORD, ProductionFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_budget_says_what_a_new_shoot_day_moved(live_server, page: Page):
    production = ProductionFactory(
        title="Night Ferry",
        slug="night-ferry",
        prep_start=date(2030, 2, 4),
        first_shoot_day=date(2030, 3, 4),
        wrap_date=date(2030, 4, 26),
    )
    ap = member(production)
    days_append(production=production, count=25)
    linked = versions.budget_create_from_template(
        production=production,
        budget_name="Production budget",
        template_key="feature",
        follow_schedule=True,
    )
    add_line(linked, "3201", description="Gaffer", x="SHOOT_DAYS", rate="650")
    imported, _ = import_budget(
        production=production,
        budget_name="Financier's budget",
        version_name="v1",
        lines_file=SimpleUploadedFile(
            "lines.csv",
            b"category_number,category_name,account_number,account_name,description,"
            b"amount,units,x,rate,fringes\n"
            b"3200,Electric,3201,Gaffer,Gaffer,1,days,SHOOT_DAYS,650,\n",
        ),
        globals_file=SimpleUploadedFile("globals.csv", b"name,value\nSHOOT_DAYS,25\n"),
    )
    linked_before = top_sheet(linked).grand_total
    imported_before = top_sheet(imported).grand_total

    base = live_server.url
    sign_in(page, base, ap.email, PASSWORD)
    page.goto(f"{base}/p/night-ferry/schedule/")
    page.get_by_label("Kind of day").select_option("shoot")
    page.get_by_role("button", name="Insert day").click()
    expect(page.get_by_role("heading", name="Stripboard")).to_be_visible()

    assert Global.objects.get(budget_version=linked, name="SHOOT_DAYS").value == 26
    assert Global.objects.get(budget_version=imported, name="SHOOT_DAYS").value == 25
    change = top_sheet(linked).grand_total - linked_before
    assert change > 0
    assert top_sheet(imported).grand_total == imported_before
    words = f"SHOOT_DAYS 25 -> 26 from the schedule: +{format_money(change, linked.currency)}"

    page.goto(f"{base}/p/night-ferry/budget/versions/{linked.pk}/")
    notice = page.locator("[data-link-notices]")
    expect(notice).to_contain_text("Linked globals moved this version")
    expect(notice.locator("[data-link-notice]")).to_contain_text(words)

    page.goto(f"{base}/p/night-ferry/budget/versions/{imported.pk}/")
    expect(page.locator("[data-link-notices]")).to_have_count(0)

    page.goto(f"{base}/p/night-ferry/budget/versions/{linked.pk}/")
    page.locator("[data-link-notices]").get_by_role("button", name="Mark read").click()
    expect(page.locator("[data-link-notices]")).to_have_count(0)
    page.reload()
    expect(page.locator("[data-link-notices]")).to_have_count(0)

    page.goto(f"{base}/p/night-ferry/audit/")
    expect(page.locator("main")).to_contain_text(words)
