"""Working the board: several strips moved as a block, sorting a day or the bin, banners."""

from __future__ import annotations

import json
from datetime import time

import pytest
from django.urls import reverse

from apps.schedules import services
from apps.schedules.models import BannerKind, BoardBanner, BreakdownElement, DayKind, Scene
from apps.schedules.services import NOTHING_SELECTED, ScheduleError
from tests.factories import ProductionFactory
from tests.schedules.factories import CastFactory, LocationFactory, SceneFactory, SetFactory

pytestmark = pytest.mark.django_db


def order(day) -> list[str]:
    return list(
        Scene.objects.filter(shoot_day=day, omitted=False)
        .order_by("board_position")
        .values_list("number", flat=True)
    )


def items(day) -> list[str]:
    """The day as the board shows it: strips by number, banners by their text."""
    scenes = list(Scene.objects.filter(shoot_day=day).order_by("board_position"))
    banners = list(BoardBanner.objects.filter(shoot_day=day))
    return [
        getattr(item, "number", None) or item.text
        for item in services.strips.merge(scenes, banners)
    ]


def board_url(p, name="board", **kwargs):
    return reverse(f"schedules:{name}", kwargs={"production_slug": p.slug, **kwargs})


@pytest.fixture
def laid_out(production):
    """Two days; day one holds 1 2 3, day two holds 4, the bin holds 5 6."""
    one, two = services.days_append(production=production, count=2)
    scenes = {n: SceneFactory(production=production, number=n) for n in "123456"}
    for n in "123":
        services.scene_move(production=production, scene_id=scenes[n].pk, day_id=one.pk, position=9)
    services.scene_move(production=production, scene_id=scenes["4"].pk, day_id=two.pk, position=0)
    return production, one, two, scenes


# --- Several strips at once ---------------------------------------------------------------------


def test_selected_strips_move_together_in_their_board_order(laid_out):
    p, one, two, s = laid_out
    # chosen out of order, from two days and the bin: they land as 1 3 5 (board order)
    affected = services.scenes_move(
        production=p, scene_ids=[s["5"].pk, s["3"].pk, s["1"].pk], day_id=two.pk, position=0
    )
    assert order(two) == ["1", "3", "5", "4"]
    assert order(one) == ["2"]
    assert list(Scene.objects.filter(shoot_day=None).values_list("number", flat=True)) == ["6"]
    assert affected == {one.pk, two.pk, None}
    assert list(Scene.objects.filter(shoot_day=one).values_list("board_position", flat=True)) == [0]
    bin_positions = Scene.objects.filter(shoot_day=None).values_list("board_position", flat=True)
    assert list(bin_positions) == [0]


def test_a_block_moves_within_its_own_day(laid_out):
    p, one, _two, s = laid_out
    services.scenes_move(production=p, scene_ids=[s["1"].pk, s["2"].pk], day_id=one.pk, position=1)
    assert order(one) == ["3", "1", "2"]


def test_a_block_goes_back_to_the_bin_at_a_position(laid_out):
    p, one, two, s = laid_out
    services.scenes_move(production=p, scene_ids=[s["4"].pk, s["2"].pk], day_id=None, position=1)
    assert list(
        Scene.objects.filter(shoot_day=None)
        .order_by("board_position")
        .values_list("number", flat=True)
    ) == ["5", "2", "4", "6"]
    assert order(one) == ["1", "3"] and order(two) == []


def test_an_empty_selection_and_a_day_off_are_refused(laid_out):
    p, _one, _two, s = laid_out
    with pytest.raises(ScheduleError) as caught:
        services.scenes_move(production=p, scene_ids=[], day_id=None, position=0)
    assert caught.value.message == NOTHING_SELECTED
    off = services.day_insert(production=p, kind=DayKind.OFF)
    with pytest.raises(ScheduleError):
        services.scenes_move(production=p, scene_ids=[s["5"].pk], day_id=off.pk, position=0)


def test_another_productions_scene_is_not_found(laid_out):
    p, one, _two, _s = laid_out
    stranger = SceneFactory(production=ProductionFactory())
    with pytest.raises(Scene.DoesNotExist):
        services.scenes_move(production=p, scene_ids=[stranger.pk], day_id=one.pk, position=0)


def test_one_post_moves_the_selection_and_answers_with_the_redrawn_days(ap_client, laid_out):
    p, one, two, s = laid_out
    response = ap_client.post(
        board_url(p, "move_many"),
        {"scenes": [s["1"].pk, s["2"].pk], "day": two.pk, "position": 1},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    payload = json.loads(response.content)
    assert order(two) == ["4", "1", "2"]
    assert "2 pp" in payload["days"][str(one.pk)] or "1 pp" in payload["days"][str(one.pk)]
    assert "3 pp" in payload["days"][str(two.pk)]
    assert set(payload["lists"]) == {str(one.pk), str(two.pk)}
    assert 'data-testid="strip-1"' in payload["lists"][str(two.pk)]
    assert "<svg" in payload["chart"]  # the pages chart redrawn with the board
    assert "shoot days" in payload["summary"]


def test_the_selection_form_works_without_javascript(ap_client, laid_out):
    p, _one, two, s = laid_out
    response = ap_client.post(
        board_url(p, "move_many"), {"scenes": [s["5"].pk, s["6"].pk], "day": two.pk}
    )
    assert response.status_code == 302
    assert order(two) == ["4", "5", "6"]  # no position: at the end of the day


def test_a_refused_selection_move_answers_409_with_the_reason(ap_client, laid_out):
    p, _one, _two, s = laid_out
    off = services.day_insert(production=p, kind=DayKind.OFF)
    response = ap_client.post(
        board_url(p, "move_many"),
        {"scenes": [s["5"].pk], "day": off.pk},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 409
    assert "shoot days" in json.loads(response.content)["error"]


# --- Sorting ------------------------------------------------------------------------------------


def test_the_bin_sorts_by_set_then_by_pages_and_a_day_by_cast(production):
    p = production
    (day,) = services.days_append(production=p, count=1)
    ferry, dock = SetFactory(production=p, name="FERRY"), SetFactory(production=p, name="DOCK")
    a = SceneFactory(production=p, number="1", set=ferry, eighths=2, board_position=0)
    b = SceneFactory(production=p, number="2", set=dock, eighths=9, board_position=1)
    c = SceneFactory(production=p, number="3", set=ferry, eighths=5, board_position=2)
    bin_order = lambda: list(  # noqa: E731
        Scene.objects.filter(shoot_day=None)
        .order_by("board_position")
        .values_list("number", flat=True)
    )
    services.strips_sort(production=p, day_id=None, key="set")
    assert bin_order() == ["2", "1", "3"]
    services.strips_sort(production=p, day_id=None, key="pages")
    assert bin_order() == ["2", "3", "1"]
    services.strips_sort(production=p, day_id=None, key="number")
    assert bin_order() == ["1", "2", "3"]

    lead, second = CastFactory(production=p, id_number=1), CastFactory(production=p, id_number=2)
    a.cast.add(second)
    c.cast.add(lead)
    services.scenes_move(production=p, scene_ids=[a.pk, b.pk, c.pk], day_id=day.pk, position=0)
    services.strips_sort(production=p, day_id=day.pk, key="cast")
    assert order(day) == ["3", "1", "2"]  # the lead's scene first, no cast last


def test_sorting_by_location_and_by_int_ext_day_night(production):
    p = production
    north = SetFactory(production=p, name="A", location=LocationFactory(production=p, name="N"))
    south = SetFactory(production=p, name="B", location=LocationFactory(production=p, name="M"))
    SceneFactory(production=p, number="1", set=north, int_ext="EXT", time_of_day="NIGHT")
    SceneFactory(production=p, number="2", set=south, int_ext="INT", time_of_day="NIGHT")
    SceneFactory(production=p, number="3", set=north, int_ext="INT", time_of_day="DAY")
    bin_order = lambda: list(  # noqa: E731
        Scene.objects.filter(shoot_day=None)
        .order_by("board_position")
        .values_list("number", flat=True)
    )
    services.strips_sort(production=p, day_id=None, key="location")
    assert bin_order() == ["2", "1", "3"]
    services.strips_sort(production=p, day_id=None, key="int_ext")
    assert bin_order() == ["1", "3", "2"]  # EXT before INT, then day before night


def test_sorting_by_element_groups_the_scenes_that_need_the_same_things(production):
    """A first AD sorts by element to shoot a picture car's or a prop's scenes together: scenes
    sharing an element come together (by category, then name, case-blind), scenes with none last."""
    p = production
    volvo = BreakdownElement.objects.create(production=p, category="vehicles", name="Red Volvo")
    ferry = BreakdownElement.objects.create(production=p, category="vehicles", name="ferry")
    gun = BreakdownElement.objects.create(production=p, category="props", name="Flare gun")
    one = SceneFactory(production=p, number="1", board_position=0)
    two = SceneFactory(production=p, number="2", board_position=1)
    three = SceneFactory(production=p, number="3", board_position=2)
    four = SceneFactory(production=p, number="4", board_position=3)
    SceneFactory(production=p, number="5", board_position=4)
    one.elements.add(volvo)
    two.elements.add(gun)
    three.elements.add(volvo, gun)
    four.elements.add(ferry)
    bin_order = lambda: list(  # noqa: E731
        Scene.objects.filter(shoot_day=None)
        .order_by("board_position")
        .values_list("number", flat=True)
    )
    services.strips_sort(production=p, day_id=None, key="element")
    # Categories in the breakdown sheet's order (vehicles before props), names case-blind: the
    # ferry, the Volvo alone, the Volvo with the flare gun, the flare gun; no elements last.
    assert bin_order() == ["4", "1", "3", "2", "5"]
    assert "element" in services.SORTS


def test_an_unknown_sort_is_refused(production):
    with pytest.raises(ScheduleError):
        services.strips_sort(production=production, day_id=None, key="colour")


def test_the_sort_form_posts_and_the_json_answer_redraws_the_list(ap_client, laid_out):
    p, one, _two, _s = laid_out
    services.scenes_move(production=p, scene_ids=[_s["3"].pk], day_id=one.pk, position=0)
    assert order(one) == ["3", "1", "2"]
    response = ap_client.post(
        board_url(p, "sort"), {"day": one.pk, "key": "number"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200
    assert order(one) == ["1", "2", "3"]
    assert str(one.pk) in json.loads(response.content)["lists"]


# --- Banners ------------------------------------------------------------------------------------


def test_a_banner_stays_between_its_strips_when_others_come_and_go(laid_out):
    p, one, two, s = laid_out
    services.banner_add(
        production=p, day_id=one.pk, kind=BannerKind.COMPANY_MOVE, text="To the dock", position=2
    )
    assert items(one) == ["1", "2", "To the dock", "3"]
    services.scenes_move(production=p, scene_ids=[s["1"].pk], day_id=two.pk, position=0)
    assert items(one) == ["2", "To the dock", "3"]
    services.scenes_move(production=p, scene_ids=[s["5"].pk], day_id=one.pk, position=3)
    assert items(one) == ["2", "To the dock", "3", "5"]
    services.scenes_move(production=p, scene_ids=[s["6"].pk], day_id=one.pk, position=1)
    assert items(one) == ["2", "6", "To the dock", "3", "5"]


def test_a_banner_moves_to_another_day_and_is_removed(laid_out):
    p, one, two, _s = laid_out
    banner = services.banner_add(production=p, day_id=one.pk, kind=BannerKind.MEAL, text="Lunch")
    assert items(one) == ["1", "2", "3", "Lunch"]
    affected = services.banner_move(production=p, banner_id=banner.pk, day_id=two.pk, position=0)
    assert affected == {one.pk, two.pk}
    assert items(two) == ["Lunch", "4"] and items(one) == ["1", "2", "3"]
    services.banner_remove(banner=banner)
    assert items(two) == ["4"]


def test_a_company_move_adds_its_time_to_the_days_estimate(ap_client, laid_out):
    p, one, _two, _s = laid_out
    settings = services.settings_for(p)
    settings.minutes_per_page, settings.company_move_minutes = 60, 45
    settings.save()
    response = ap_client.post(
        board_url(p, "banner_add"),
        {"day": one.pk, "kind": BannerKind.COMPANY_MOVE, "text": "Unit to the quay"},
    )
    assert response.status_code == 302
    html = ap_client.get(board_url(p)).content.decode()
    assert "Unit to the quay" in html
    # 3 pages at 60 min a page and one 45-minute company move
    assert "est. 3 h 45 min" in html


def test_a_day_over_its_call_to_wrap_time_is_flagged(ap_client, laid_out):
    p, one, _two, s = laid_out
    one.call_time, one.wrap_time = time(7, 0), time(9, 0)
    one.save()
    html = ap_client.get(board_url(p)).content.decode()
    assert 'data-flag="time"' in html  # 3 h of pages in a 2 h day


def test_banners_are_edited_and_removed_through_the_board(ap_client, laid_out):
    p, one, _two, _s = laid_out
    banner = services.banner_add(production=p, day_id=one.pk, kind=BannerKind.NOTE, text="Rain?")
    response = ap_client.post(
        board_url(p, "banner_edit", pk=banner.pk), {"kind": BannerKind.NOTE, "text": "Rain cover"}
    )
    assert response.status_code == 302
    banner.refresh_from_db()
    assert banner.text == "Rain cover"
    ap_client.post(board_url(p, "banner_remove", pk=banner.pk))
    assert not BoardBanner.objects.filter(pk=banner.pk).exists()


def test_a_dragged_banner_answers_with_both_days_redrawn(ap_client, laid_out):
    p, one, two, _s = laid_out
    banner = services.banner_add(production=p, day_id=one.pk, kind=BannerKind.MEAL, text="Lunch")
    response = ap_client.post(
        board_url(p, "banner_move", pk=banner.pk),
        {"day": two.pk, "position": 1},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    lists = json.loads(response.content)["lists"]
    assert "Lunch" in lists[str(two.pk)] and "Lunch" not in lists[str(one.pk)]
    assert items(two) == ["4", "Lunch"]


def test_a_banner_cannot_go_to_the_bin(ap_client, laid_out):
    p, one, _two, _s = laid_out
    banner = services.banner_add(production=p, day_id=one.pk, kind=BannerKind.NOTE, text="Rain")
    response = ap_client.post(
        board_url(p, "banner_move", pk=banner.pk),
        {"day": "bin", "position": 0},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 409
    assert json.loads(response.content)["error"] == services.BANNER_NEEDS_A_SHOOT_DAY


def test_a_single_drag_redraws_the_days_it_touched_and_the_chart(ap_client, laid_out):
    p, one, two, s = laid_out
    response = ap_client.post(
        board_url(p, "move"),
        {"scene": s["1"].pk, "day": two.pk, "position": 0},
        HTTP_ACCEPT="application/json",
    )
    payload = json.loads(response.content)
    assert set(payload["lists"]) == {str(one.pk), str(two.pk)}
    assert "<svg" in payload["chart"]


def test_another_productions_banner_is_not_found(ap_client, laid_out):
    p, _one, _two, _s = laid_out
    other = ProductionFactory()
    (day,) = services.days_append(production=other, count=1)
    banner = services.banner_add(production=other, day_id=day.pk, kind=BannerKind.NOTE, text="x")
    response = ap_client.post(board_url(p, "banner_remove", pk=banner.pk))
    assert response.status_code == 404
    assert BoardBanner.objects.filter(pk=banner.pk).exists()


def test_sorting_by_day_night_groups_a_scene_by_the_light_it_carries_on(production):
    """A "CONTINUOUS" scene after a night scene sorts with the night scenes, as its strip's
    colour says, not with the day ones its words alone would suggest."""
    p = production
    hall = SetFactory(production=p, name="HALL")
    SceneFactory(production=p, number="1", set=hall, time_of_day="NIGHT", day_night="NIGHT")
    SceneFactory(production=p, number="2", set=hall, time_of_day="DAY", day_night="DAY")
    SceneFactory(production=p, number="3", set=hall, time_of_day="CONTINUOUS", day_night="NIGHT")
    services.strips_sort(production=p, day_id=None, key="int_ext")
    bin_order = list(
        Scene.objects.filter(shoot_day=None)
        .order_by("board_position")
        .values_list("number", flat=True)
    )
    assert bin_order == ["2", "1", "3"]  # day, then the two night scenes
