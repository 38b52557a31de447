"""As a first AD reads a long Day Out of Days: scrolled across to the last days and down to the
last actor, the header, the ID and character columns and the Total column stay in view."""

from __future__ import annotations

import os
from datetime import date

import pytest
from playwright.sync_api import Page

from apps.schedules import services
from tests.e2e.helpers import sign_in
from tests.factories import PASSWORD, ProductionFactory, member
from tests.schedules.factories import CastFactory, SceneFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_dood_keeps_names_header_and_totals_in_view(live_server, page: Page, tmp_path):
    production = ProductionFactory(
        prep_start=date(2030, 2, 4), first_shoot_day=date(2030, 3, 4), wrap_date=date(2030, 5, 5)
    )
    ap = member(production)
    days = services.days_append(production=production, count=30)
    cast = [
        CastFactory(production=production, character=f"CHARACTER NUMBER {n}", actor=f"Actor {n}")
        for n in range(1, 31)
    ]
    for index, day in enumerate(days):
        scene = SceneFactory(production=production, number=str(index + 1))
        scene.cast.set(cast[index % 30 : index % 30 + 3])
        services.scene_move(production=production, scene_id=scene.pk, day_id=day.pk, position=0)
    page.set_viewport_size({"width": 1100, "height": 700})
    sign_in(page, live_server.url, ap.email, PASSWORD)
    page.goto(f"{live_server.url}/p/{production.slug}/schedule/reports/dood/")

    box = page.locator(".report-scroll")
    character = page.locator("thead th.sticky-col-2")
    total = page.locator("thead th.sticky-total")
    start = character.bounding_box()
    box.evaluate("el => { el.scrollLeft = el.scrollWidth / 2; el.scrollTop = el.scrollHeight; }")
    page.wait_for_timeout(100)
    scrolled = character.bounding_box()
    assert box.evaluate("el => el.scrollLeft") > 200 and box.evaluate("el => el.scrollTop") > 100
    assert abs(scrolled["x"] - start["x"]) < 2  # the names stay at the left
    assert abs(scrolled["y"] - start["y"]) < 2  # the header stays at the top
    frame = box.bounding_box()
    total_box = total.bounding_box()
    assert total_box["x"] + total_box["width"] <= frame["x"] + frame["width"] + 1  # in view
    last_name = page.get_by_role("cell", name="CHARACTER NUMBER 30", exact=True)
    name_box = last_name.bounding_box()
    assert frame["y"] <= name_box["y"] <= frame["y"] + frame["height"]
    if os.environ.get("PD_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["PD_SCREENSHOTS"], "dood-scrolled.png"))
