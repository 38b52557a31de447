"""As a first AD works a board: sort the unscheduled strips, select several, move them together to
a day, nudge one with the keys; the day totals change without a page reload, and the order is
still there after one."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from apps.schedules import services
from apps.schedules.models import Scene
from tests.e2e.helpers import sign_in
from tests.factories import PASSWORD, ProductionFactory, member
from tests.schedules.factories import SceneFactory, SetFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def numbers(page: Page, day) -> list[str]:
    return page.locator(f'ol[data-day="{day}"] .strip').evaluate_all(
        "strips => strips.map(s => s.dataset.number)"
    )


def test_an_ap_sorts_selects_and_moves_strips_together(live_server, page: Page):
    production = ProductionFactory(
        prep_start=date(2030, 2, 4), first_shoot_day=date(2030, 3, 4), wrap_date=date(2030, 4, 5)
    )
    ap = member(production)
    day_one, day_two = services.days_append(production=production, count=2)
    for position, (number, set_name, eighths) in enumerate(
        [("1", "ZULU DECK", 8), ("2", "ALPHA CABIN", 12), ("3", "MIKE BRIDGE", 4)]
    ):
        SceneFactory(
            production=production,
            number=number,
            set=SetFactory(production=production, name=set_name),
            eighths=eighths,
            board_position=position,
        )
    base = live_server.url
    sign_in(page, base, ap.email, PASSWORD)
    page.goto(f"{base}/p/{production.slug}/schedule/")
    assert numbers(page, "bin") == ["1", "2", "3"]

    # Sort the unscheduled strips by set: one request, the bin redrawn in place.
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_text("Sort and day breaks").click()
    form = page.get_by_test_id("sort-form")
    form.get_by_label("Strips to sort").select_option("bin")
    form.get_by_label("Sort by").select_option("set")
    form.get_by_role("button", name="Sort").click()
    expect(page.locator('ol[data-day="bin"] .strip').first).to_have_attribute("data-number", "2")
    assert numbers(page, "bin") == ["2", "3", "1"]

    # Select two strips and move them together to day 2.
    chart = page.locator("#board-chart").inner_html()
    page.get_by_label("Select scene 2").check()
    page.get_by_label("Select scene 3").check()
    expect(page.get_by_test_id("selection-count")).to_have_text("2 selected")
    bar = page.get_by_test_id("selection-bar")
    bar.get_by_label("Move the selected strips to").select_option(str(day_two.pk))
    bar.get_by_role("button", name="Move selected").click()
    two_total = page.locator(f"#day-header-{day_two.pk} [data-testid=day-total]")
    expect(two_total).to_have_text("2 pp")
    expect(page.get_by_role("status")).to_have_text("2 scenes moved to Day 2.")
    assert numbers(page, day_two.pk) == ["2", "3"]
    assert numbers(page, "bin") == ["1"]
    expect(page.get_by_test_id("board-summary")).to_contain_text("1 unscheduled")
    assert page.locator("#board-chart").inner_html() != chart  # the pages chart redrawn
    # Still selected after the redraw; the page never reloaded.
    expect(page.get_by_label("Select scene 2")).to_be_checked()
    assert page.evaluate("window.stillTheSamePage") is True

    # The keys: clear the selection, focus scene 3 and move it up, then to the day before.
    bar.get_by_role("button", name="Clear").click()
    page.get_by_test_id("strip-3").focus()
    page.keyboard.press("Alt+ArrowUp")
    expect(page.get_by_role("status")).to_have_text("Scene 3 moved to Day 2.")
    assert numbers(page, day_two.pk) == ["3", "2"]
    page.keyboard.press("Alt+Shift+ArrowUp")
    one_total = page.locator(f"#day-header-{day_one.pk} [data-testid=day-total]")
    expect(one_total).to_have_text("4/8 pp")
    expect(two_total).to_have_text("1 4/8 pp")
    assert page.evaluate("window.stillTheSamePage") is True

    # The order is the server's: a reload shows the same board.
    page.reload()
    assert page.evaluate("window.stillTheSamePage") is None
    assert numbers(page, day_one.pk) == ["3"]
    assert numbers(page, day_two.pk) == ["2"]
    assert numbers(page, "bin") == ["1"]
    assert list(Scene.objects.filter(shoot_day=day_two).values_list("number", flat=True)) == ["2"]
