"""The dashboard's shoot progress panel: days done, pages shot against plan, and days ahead or
behind by the rule apps/schedules/actuals.py writes down (pages left / the schedule's average
planned pages a day, against the shoot days left). Expected figures are worked out by hand with
fractions here, never read back from the code."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from django.urls import reverse

from apps.schedules import services
from apps.schedules.actuals import progress
from apps.schedules.shooting import ShotOutcome, record_shooting
from tests.schedules.factories import SceneFactory, SetFactory

pytestmark = pytest.mark.django_db


def tenth(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal("0.1"), ROUND_HALF_UP
    )


@pytest.fixture
def four_days(production):
    """Four shoot days, each planned with one page (8 eighths): scenes 1-4, one a day."""
    days = services.days_append(production=production, count=4)
    set_ = SetFactory(production=production, name="KITCHEN — “NIGHT”")
    scenes = []
    for n, day in enumerate(days, start=1):
        scene = SceneFactory(production=production, number=str(n), eighths=8, set=set_)
        services.scene_move(production=production, scene_id=scene.pk, day_id=day.pk, position=0)
        scenes.append(scene)
    return production, days, scenes


def dashboard(client, production) -> str:
    url = reverse("productions:dashboard", kwargs={"production_slug": production.slug})
    return client.get(url).content.decode()


def test_half_a_page_short_on_day_one_is_half_a_day_behind(four_days, ap_client):
    production, days, scenes = four_days
    record_shooting(production, days[0], [ShotOutcome(scenes[0].pk, "partly", 4, None)], None)
    summary, per_day = progress(production)
    # Planned: 8 a day, 32 in all over 4 days -> 8 a day. Left: 32 - 4 shot = 28 eighths, which
    # at 8 a day need 3.5 days; 3 days are left: half a day behind.
    needed = Fraction(32 - 4, Fraction(32, 4))
    assert (summary.days_done, summary.shoot_days) == (1, 4)
    assert (summary.planned_done_eighths, summary.shot_done_eighths) == (8, 4)
    assert summary.remaining_eighths == 28
    assert summary.days_ahead == tenth(3 - needed) == Decimal("-0.5")
    assert summary.verdict == "0.5 days behind"
    assert [(d.planned, d.shot) for d in per_day] == [(8, 4), (8, None), (8, None), (8, None)]
    page = dashboard(ap_client, production)
    assert 'data-testid="progress-panel"' in page
    assert "1 of 4" in page and "4/8 of 1 planned" in page and "0.5 days behind" in page
    assert "Pages shot per day against plan" in page


def test_shooting_a_later_scene_early_puts_the_shoot_ahead(four_days, ap_client):
    production, days, scenes = four_days
    outcomes = [
        ShotOutcome(scenes[0].pk, "completed", 8, None),
        ShotOutcome(scenes[3].pk, "completed", 8, None),  # pulled up from day 4
    ]
    record_shooting(production, days[0], outcomes, None)
    summary, _ = progress(production)
    # Day 1 planned 8 and shot 16. Days to come carry 8, 8 and 0: the plan averages
    # (8 + 16) / 4 = 6 eighths a day; the 16 left need 16/6 days, 3 are left.
    average = Fraction(8 + 8 + 8 + 0, 4)
    expected = tenth(3 - Fraction(16) / average)
    assert (summary.planned_done_eighths, summary.shot_done_eighths) == (8, 16)
    assert summary.days_ahead == expected == Decimal("0.3")
    assert summary.verdict == "0.3 days ahead"
    assert "0.3 days ahead" in dashboard(ap_client, production)


def test_a_shoot_on_plan_says_so(four_days):
    production, days, scenes = four_days
    record_shooting(production, days[0], [ShotOutcome(scenes[0].pk, "completed", 8, None)], None)
    summary, _ = progress(production)
    assert summary.days_ahead == 0 and summary.verdict == "on schedule"


def test_before_any_day_is_shot_the_panel_says_so(four_days, ap_client):
    production, _, _ = four_days
    summary, _ = progress(production)
    assert summary.days_done == 0 and summary.days_ahead == 0
    page = dashboard(ap_client, production)
    assert "0 of 4" in page and "no day shot yet" in page


def test_without_shoot_days_there_is_no_plan(production, ap_client):
    summary, per_day = progress(production)
    assert summary.days_ahead is None and summary.verdict == "no plan yet" and per_day == []
    assert "No shoot days on the board yet." in dashboard(ap_client, production)


def test_the_panel_follows_a_recording_made_after_the_page_was_kept(four_days, ap_client):
    """The dashboard is kept under the production's data stamp: recording a day moves it."""
    production, days, scenes = four_days
    assert "0 of 4" in dashboard(ap_client, production)
    url = reverse("productions:dashboard", kwargs={"production_slug": production.slug})
    from apps.core import freshness

    record_shooting(production, days[0], [ShotOutcome(scenes[0].pk, "completed", 8, None)], None)
    freshness.settle()
    assert "1 of 4" in ap_client.get(url).content.decode()
