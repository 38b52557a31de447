"""The demo schedule, the colour tables, the menu entry and the audit log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse

from apps.productions import audit
from apps.productions.models import Production
from apps.schedules.categories import CATEGORY_COLOURS, STRIP_COLOURS, Category, strip_key
from apps.schedules.models import Location, Scene, Set, ShootDay
from tests.schedules.factories import SceneFactory

pytestmark = pytest.mark.django_db


def test_the_demo_has_the_night_ferry_script_locations_and_25_scheduled_days():
    call_command("seed_demo")
    production = Production.objects.get(slug="night-ferry")
    scenes = Scene.objects.filter(production=production)
    assert 25 <= scenes.count() <= 40
    days = list(ShootDay.objects.filter(production=production).order_by("position"))
    assert [d.day_number for d in days] == list(range(1, 26))
    assert days[0].date == production.first_shoot_day
    assert all(d.date.weekday() < 5 for d in days)
    assert days[-1].date == production.first_shoot_day + timedelta(weeks=4, days=4)
    scheduled = scenes.filter(shoot_day__isnull=False).count()
    assert scheduled > scenes.count() * 3 / 4
    assert Location.objects.filter(production=production).count() == 3
    assert not Set.objects.filter(production=production, location__isnull=True).exists()
    call_command("seed_demo")
    assert Scene.objects.filter(production=production).count() == scenes.count()


def test_every_breakdown_category_has_a_colour_and_cast_is_red():
    assert set(CATEGORY_COLOURS) == set(Category)
    assert len(Category) == 22
    assert CATEGORY_COLOURS[Category.CAST][0] == "#e32636"


@pytest.mark.parametrize(
    ("int_ext", "time_of_day", "colour"),
    [
        ("INT", "DAY", "#ffffff"),
        ("EXT", "DAY", "#fff176"),
        ("INT", "NIGHT", "#64b5f6"),
        ("EXT", "NIGHT", "#81c784"),
        ("INT/EXT", "DUSK", "#81c784"),
        ("INT", "MORNING", "#ffffff"),
    ],
)
def test_strips_are_coloured_by_int_ext_and_day_night(int_ext, time_of_day, colour):
    assert STRIP_COLOURS[strip_key(int_ext, time_of_day)][0] == colour


def test_the_schedule_is_in_the_menu(ap_client, production):
    html = ap_client.get(
        reverse("productions:dashboard", kwargs={"production_slug": production.slug})
    ).content.decode()
    assert "bi-calendar3" in html
    assert reverse("schedules:board", kwargs={"production_slug": production.slug}) in html


def test_scene_edits_appear_in_the_audit_log(ap_client, production):
    scene = SceneFactory(production=production, number="5")
    ap_client.post(
        reverse(
            "schedules:scene_edit", kwargs={"production_slug": production.slug, "pk": scene.pk}
        ),
        {"number": "5", "int_ext": "EXT", "set_name": "PIER", "eighths": "3"},
    )
    entries = audit.entries_for(production, kind="Scene")
    assert entries[0].target == "Scene 5" and entries[0].action == "changed"
    assert {"Scene", "Cast member", "Location"} <= set(audit.registered_labels())


def test_days_are_inserted_and_removed_from_the_board_page(ap_client, production):
    insert = reverse("schedules:day_insert", kwargs={"production_slug": production.slug})
    ap_client.post(insert, {"kind": "shoot"})
    ap_client.post(insert, {"kind": "shoot"})
    ap_client.post(insert, {"kind": "travel", "at": 1})
    assert [d.kind for d in ShootDay.objects.order_by("position")] == ["travel", "shoot", "shoot"]
    first_shoot = ShootDay.objects.get(day_number=1)
    ap_client.post(
        reverse(
            "schedules:day_remove",
            kwargs={"production_slug": production.slug, "pk": first_shoot.pk},
        )
    )
    assert list(ShootDay.objects.values_list("day_number", flat=True).order_by("position")) == [
        None,
        1,
    ]
