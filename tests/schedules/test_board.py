"""The stripboard: moves in one request, day insert/remove with renumbering and new dates."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.urls import reverse

from apps.productions.signals import shoot_days_changed
from apps.schedules import services
from apps.schedules.models import DayKind, Scene, ShootDay
from apps.schedules.services import NOT_A_SHOOT_DAY, ScheduleError
from tests.schedules.factories import SceneFactory

pytestmark = pytest.mark.django_db

MONDAY = date(2027, 3, 1)


@pytest.fixture
def board_production(production):
    assert production.first_shoot_day == MONDAY  # tests/schedules/conftest.py
    return production


def order(day) -> list[str]:
    return list(
        Scene.objects.filter(shoot_day=day)
        .order_by("board_position")
        .values_list("number", flat=True)
    )


def test_moves_within_a_day_between_days_and_back_to_the_bin_resequence(board_production):
    p = board_production
    one, two = services.days_append(production=p, count=2)
    a, b, c = (SceneFactory(production=p, number=n) for n in ("1", "2", "3"))
    for scene in (a, b, c):
        services.scene_move(production=p, scene_id=scene.pk, day_id=one.pk, position=99)
    assert order(one) == ["1", "2", "3"]
    services.scene_move(production=p, scene_id=c.pk, day_id=one.pk, position=0)
    assert order(one) == ["3", "1", "2"]
    affected = services.scene_move(production=p, scene_id=a.pk, day_id=two.pk, position=0)
    assert affected == {one.pk, two.pk}
    assert order(one) == ["3", "2"] and order(two) == ["1"]
    assert list(
        Scene.objects.filter(shoot_day=one)
        .values_list("board_position", flat=True)
        .order_by("board_position")
    ) == [0, 1]
    services.scene_move(production=p, scene_id=b.pk, day_id=None, position=0)
    b.refresh_from_db()
    assert b.shoot_day is None and order(one) == ["3"]


def test_one_post_moves_a_strip_and_answers_with_the_new_day_totals(ap_client, board_production):
    p = board_production
    one, two = services.days_append(production=p, count=2)
    scene = SceneFactory(production=p, eighths=12)
    services.scene_move(production=p, scene_id=scene.pk, day_id=one.pk, position=0)
    response = ap_client.post(
        reverse("schedules:move", kwargs={"production_slug": p.slug}),
        {"scene": scene.pk, "day": two.pk, "position": 0},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    days = json.loads(response.content)["days"]
    assert "1 4/8 pp" in days[str(two.pk)] and "0 pp" in days[str(one.pk)]


def test_the_move_to_day_n_button_works_without_javascript(ap_client, board_production):
    p = board_production
    services.days_append(production=p, count=3)
    scene = SceneFactory(production=p)
    response = ap_client.post(
        reverse("schedules:move", kwargs={"production_slug": p.slug}),
        {"scene": scene.pk, "day_number": 3, "go": "day"},
    )
    assert response.status_code == 302
    scene.refresh_from_db()
    assert scene.shoot_day.day_number == 3


@pytest.mark.parametrize(
    "post",
    [
        {"scene": "-99999999999999999999999999", "day_number": "", "go": "day"},
        {"scene": "99999999999999999999999999", "day": "bin"},
        {"scene": "1", "day_number": "99999999999999999999999999", "go": "day"},
        {"scene": "1", "day": "bin", "position": "99999999999999999999999999"},
    ],
)
def test_a_move_naming_a_number_no_database_key_holds_is_a_bad_request(
    ap_client, board_production, post
):
    """Found by the hostile-input test: such a number reached the database (SQLite: 500)."""
    url = reverse("schedules:move", kwargs={"production_slug": board_production.slug})
    assert ap_client.post(url, post).status_code == 400


def test_scenes_cannot_go_on_a_day_off(board_production):
    p = board_production
    off = services.day_insert(production=p, kind=DayKind.OFF)
    scene = SceneFactory(production=p)
    with pytest.raises(ScheduleError) as caught:
        services.scene_move(production=p, scene_id=scene.pk, day_id=off.pk, position=0)
    assert caught.value.message == NOT_A_SHOOT_DAY


def test_days_fall_on_weekdays_and_skip_holidays_when_weekends_are_not_worked(board_production):
    p = board_production
    settings = services.settings_for(p)
    settings.holidays = ["2027-03-03"]
    settings.save()
    days = services.days_append(production=p, count=6)
    dates = [d.date for d in ShootDay.objects.filter(production=p).order_by("position")]
    assert dates == [
        date(2027, 3, 1), date(2027, 3, 2), date(2027, 3, 4), date(2027, 3, 5),
        date(2027, 3, 8), date(2027, 3, 9),
    ]  # fmt: skip
    assert [d.day_number for d in ShootDay.objects.order_by("position")] == [1, 2, 3, 4, 5, 6]
    assert len(days) == 6


def test_inserting_a_day_renumbers_and_shifts_the_later_dates(board_production):
    p = board_production
    services.days_append(production=p, count=3)
    third = ShootDay.objects.get(production=p, day_number=3)
    new = services.day_insert(production=p, at=2)
    assert new.day_number == 2 and new.date == date(2027, 3, 2)
    third.refresh_from_db()
    assert third.day_number == 4 and third.date == date(2027, 3, 4)


def test_removing_a_day_bins_its_scenes_and_closes_the_gap(board_production):
    p = board_production
    one, two, three = services.days_append(production=p, count=3)
    scene = SceneFactory(production=p)
    services.scene_move(production=p, scene_id=scene.pk, day_id=two.pk, position=0)
    services.day_remove(production=p, day=two)
    scene.refresh_from_db()
    three.refresh_from_db()
    assert scene.shoot_day is None
    assert (three.day_number, three.date) == (2, date(2027, 3, 2))


def test_weekends_are_used_when_the_production_works_them(board_production):
    p = board_production
    settings = services.settings_for(p)
    settings.work_weekends = True
    settings.save()
    services.days_append(production=p, count=7)
    assert ShootDay.objects.order_by("position").last().date == date(2027, 3, 7)


def test_a_change_in_the_count_of_shoot_days_is_announced_after_commit(
    board_production, django_capture_on_commit_callbacks
):
    p = board_production
    heard = []

    def listener(sender, production, shoot_days, **kwargs):
        heard.append((sender, production.pk, shoot_days))

    shoot_days_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.days_append(production=p, count=3)
        assert heard[-1] == (None, p.pk, 3)
        with django_capture_on_commit_callbacks(execute=True):
            services.day_remove(production=p, day=ShootDay.objects.get(day_number=2))
        assert heard[-1] == (None, p.pk, 2)
        heard.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.day_insert(production=p, kind=DayKind.TRAVEL)  # not a shoot day
        assert heard == []
        with django_capture_on_commit_callbacks(execute=True):
            day = ShootDay.objects.get(day_number=1)
            services.day_update(day=day, kind=DayKind.OFF)
        assert heard == [(None, p.pk, 1)]
    finally:
        shoot_days_changed.disconnect(listener)
