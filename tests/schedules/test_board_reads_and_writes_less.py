"""The board reads what it shows and writes what moved: an imported script's text stays in the
database when the board is drawn, and a strip set down where it already was writes nothing, so
the kept pages that read the scenes stay kept."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core import freshness
from apps.productions.models import Production
from apps.schedules import services
from apps.schedules.models import Scene
from apps.schedules.queries import board
from tests.schedules.factories import SceneFactory

pytestmark = pytest.mark.django_db

SCRIPT = 'INT. FERRY - NIGHT\n\nANA (V.O.)\n"Don\'t" — she says.\n' * 400  # ~20 KB a scene


@pytest.fixture
def strips(production):
    day, other = services.days_append(production=production, count=2)
    scenes = []
    for n in range(4):
        scene = SceneFactory(production=production, number=str(n + 1), text=SCRIPT)
        scene.speaking = ["ANA"]
        scene.save()
        services.scene_move(production=production, scene_id=scene.pk, day_id=day.pk, position=n)
        scenes.append(scene)
    return day, other, scenes


def test_the_board_leaves_the_scripts_text_in_the_database(production, strips):
    with CaptureQueriesContext(connection) as read:
        result = board(production)
    scene_reads = [q["sql"] for q in read if 'FROM "schedules_scene"' in q["sql"]]
    assert scene_reads
    for column in ("text", "speaking", "content_hash"):
        assert all(f'"schedules_scene"."{column}"' not in sql for sql in scene_reads), column
    assert [s.number for s in result.days[0].scenes] == ["1", "2", "3", "4"]


def test_the_stripboard_of_a_whole_script_reads_no_scene_twice(production, strips, ap_client):
    with CaptureQueriesContext(connection) as read:
        page = ap_client.get(reverse("schedules:board", args=[production.slug]))
    assert page.status_code == 200
    # A column left out and then read would be fetched back scene by scene:
    by_id = 'FROM "schedules_scene" WHERE "schedules_scene"."id" ='
    assert [q for q in read if by_id in q["sql"]] == []


def stamp(production, table: str):
    stamps = Production.objects.values_list("table_stamps", flat=True).get(pk=production.pk)
    return stamps.get(table)


def test_a_strip_set_down_where_it_was_writes_nothing(production, strips, ap_client):
    day, _, scenes = strips
    freshness.settle()
    before = stamp(production, "schedules_scene")
    answer = ap_client.post(
        reverse("schedules:move", args=[production.slug]),
        {"scene": scenes[2].pk, "day": day.pk, "position": 2},
        HTTP_ACCEPT="application/json",
    )
    assert answer.status_code == 200
    assert stamp(production, "schedules_scene") == before


def test_a_move_writes_the_strips_whose_place_changed(production, strips, ap_client):
    day, other, scenes = strips
    answer = ap_client.post(
        reverse("schedules:move", args=[production.slug]),
        {"scene": scenes[1].pk, "day": other.pk, "position": 0},
        HTTP_ACCEPT="application/json",
    )
    assert answer.status_code == 200
    places = dict(
        Scene.objects.filter(production=production).values_list("number", "board_position")
    )
    assert places == {"1": 0, "2": 0, "3": 1, "4": 2}
    assert set(Scene.objects.filter(shoot_day=other).values_list("number", flat=True)) == {"2"}
