"""The board's tools: the filter, automatic day breaks, printed strips and breakdown sheets."""

from __future__ import annotations

import subprocess

import pytest
from django.urls import reverse

from apps.productions.signals import shoot_days_changed
from apps.schedules import services
from apps.schedules.models import BannerKind, BreakdownElement, Scene, ShootDay
from apps.schedules.services import NOTHING_TO_BREAK, ScheduleError, plan_breaks
from tests.schedules.factories import CastFactory, LocationFactory, SceneFactory, SetFactory

pytestmark = pytest.mark.django_db


def board_url(p, name="board", **kwargs):
    return reverse(f"schedules:{name}", kwargs={"production_slug": p.slug, **kwargs})


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF-")
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


# --- Filter -------------------------------------------------------------------------------------


@pytest.fixture
def mixed(production):
    p = production
    dock = SetFactory(production=p, name="DOCK", location=LocationFactory(production=p, name="Q"))
    cabin = SetFactory(production=p, name="CABIN")
    lead = CastFactory(production=p, id_number=1)
    gun = BreakdownElement.objects.create(production=p, category="props", name="Flare gun")
    a = SceneFactory(production=p, number="1", set=dock, int_ext="EXT", time_of_day="NIGHT")
    b = SceneFactory(production=p, number="2", set=cabin, int_ext="INT", time_of_day="DAY")
    c = SceneFactory(production=p, number="12A", set=cabin, int_ext="INT", time_of_day="DUSK")
    a.cast.add(lead)
    c.cast.add(lead)
    b.elements.add(gun)
    return p, {"dock": dock, "lead": lead, "gun": gun}


def strip_classes(html: str, number: str) -> str:
    start = html.index(f'data-testid="strip-{number}"')
    return html[html.rindex("<li", 0, start) : start]


@pytest.mark.parametrize(
    ("params", "matching"),
    [
        ({"int_ext": "EXT"}, {"1"}),
        ({"light": "NIGHT"}, {"1", "12A"}),  # dusk plays as night
        ({"number": "2-12"}, {"2", "12A"}),
        ({"number": "12a, 1"}, {"1", "12A"}),
    ],
)
def test_the_filter_dims_the_strips_that_do_not_match_and_counts_the_rest(
    ap_client, mixed, params, matching
):
    p, _ = mixed
    html = ap_client.get(board_url(p), params).content.decode()
    for number in ("1", "2", "12A"):
        dimmed = "strip-dim" in strip_classes(html, number)
        assert dimmed == (number not in matching), number
    assert f"{len(matching)} of 3 strips match" in html


def test_the_filter_by_set_location_cast_and_element_and_hides_on_request(ap_client, mixed):
    p, found = mixed
    cases = [
        ({"set": found["dock"].pk}, {"1"}),
        ({"location": found["dock"].location_id}, {"1"}),
        ({"cast": found["lead"].pk}, {"1", "12A"}),
        ({"element": found["gun"].pk, "hide": "on"}, {"2"}),
    ]
    for params, matching in cases:
        html = ap_client.get(board_url(p), params).content.decode()
        hidden = "strip-hidden" if "hide" in params else "strip-dim"
        for number in ("1", "2", "12A"):
            assert (hidden in strip_classes(html, number)) == (number not in matching), params


def test_a_redraw_after_a_move_keeps_the_filter(ap_client, mixed):
    p, _ = mixed
    (day,) = services.days_append(production=p, count=1)
    scene = Scene.objects.get(production=p, number="2")
    response = ap_client.post(
        board_url(p, "move_many") + "?int_ext=EXT",
        {"scenes": [scene.pk], "day": day.pk},
        HTTP_ACCEPT="application/json",
    )
    assert "strip-dim" in response.json()["lists"][str(day.pk)]


# --- Automatic day breaks -----------------------------------------------------------------------


def test_the_plan_fills_days_up_to_the_target_and_gives_an_oversized_scene_its_own_day():
    class S:
        def __init__(self, n, e):
            self.number, self.eighths = n, e

    scenes = [S("1", 16), S("2", 16), S("3", 16), S("4", 60), S("5", 8)]
    plan = plan_breaks(scenes, lambda s: s.eighths, 40)
    assert [[s.number for s in day] for day in plan] == [["1", "2"], ["3"], ["4"], ["5"]]


def test_day_breaks_by_pages_make_days_and_announce_the_count_once(
    production, django_capture_on_commit_callbacks
):
    p = production
    (existing,) = services.days_append(production=p, count=1)
    for n in range(1, 8):
        SceneFactory(production=p, number=str(n), eighths=16, board_position=n)  # 2 pages each
    SceneFactory(production=p, number="8", eighths=56, board_position=8)  # 7 pages
    preview = services.days_fill(production=p, source="bin", eighths=40, dry_run=True)
    assert (preview.days, preview.created) == (5, 4)
    assert "This makes 5 days (4 new)" in preview.describe(applied=False)
    assert "8 (7 pp)" in preview.describe(applied=False)
    assert ShootDay.objects.filter(production=p).count() == 1  # the preview changed nothing

    heard = []

    def listener(sender, production, shoot_days, **kwargs):
        heard.append(shoot_days)

    shoot_days_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.days_fill(production=p, source="bin", eighths=40)
    finally:
        shoot_days_changed.disconnect(listener)
    assert heard == [5]
    days = list(ShootDay.objects.filter(production=p).order_by("position"))
    assert days[0] == existing
    numbers = [
        list(d.scenes.order_by("board_position").values_list("number", flat=True)) for d in days
    ]
    assert numbers == [["1", "2"], ["3", "4"], ["5", "6"], ["7"], ["8"]]


def test_day_breaks_by_time_rebreak_the_whole_board(production):
    p = production
    settings = services.settings_for(p)
    settings.minutes_per_page = 60
    settings.save()
    one, two = services.days_append(production=p, count=2)
    scenes = [SceneFactory(production=p, number=str(n), eighths=8) for n in range(1, 6)]
    services.scenes_move(
        production=p, scene_ids=[s.pk for s in scenes[:3]], day_id=two.pk, position=0
    )
    report = services.days_fill(production=p, source="all", minutes=120)
    assert (report.days, report.created) == (3, 1)
    assert list(one.scenes.order_by("board_position").values_list("number", flat=True)) == [
        "1",
        "2",
    ]


def test_day_breaks_with_nothing_to_break_or_two_targets_are_refused(production):
    with pytest.raises(ScheduleError) as caught:
        services.days_fill(production=production, source="bin", eighths=40)
    assert caught.value.message == NOTHING_TO_BREAK
    with pytest.raises(ScheduleError):
        services.days_fill(production=production, source="bin", eighths=40, minutes=100)


def test_the_day_break_form_previews_then_makes_the_days(ap_client, production):
    p = production
    for n in range(1, 4):
        SceneFactory(production=p, number=str(n), eighths=24)
    response = ap_client.post(
        board_url(p, "fill"), {"source": "bin", "pages": "6", "action": "preview"}, follow=True
    )
    assert "This makes 2 days (2 new)" in response.content.decode()
    assert not ShootDay.objects.filter(production=p).exists()
    ap_client.post(board_url(p, "fill"), {"source": "bin", "pages": "6", "action": "apply"})
    assert ShootDay.objects.filter(production=p).count() == 2
    assert not Scene.objects.filter(production=p, shoot_day=None).exists()


# --- Printing -----------------------------------------------------------------------------------


def test_the_strips_print_with_day_breaks_banners_and_the_bin(ap_client, production):
    p = production
    (day,) = services.days_append(production=p, count=1)
    lead = CastFactory(production=p, id_number=7)
    scene = SceneFactory(production=p, number="41", int_ext="EXT", time_of_day="NIGHT", eighths=12)
    scene.cast.add(lead)
    services.scene_move(production=p, scene_id=scene.pk, day_id=day.pk, position=0)
    services.banner_add(
        production=p, day_id=day.pk, kind=BannerKind.COMPANY_MOVE, text="Unit to the pier"
    )
    SceneFactory(production=p, number="99")
    response = ap_client.get(board_url(p, "strips_pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Day 1" in text and "1 4/8 pages" in text and "est. 2 h 30 min" in text
    assert "41" in text and "EXT" in text and "NIGHT" in text and "7" in text
    assert "Company move: Unit to the pier" in text
    assert "Unscheduled" in text and "99" in text


def test_breakdown_sheets_of_all_scenes_a_day_or_a_selection_in_one_pdf(ap_client, production):
    p = production
    (day,) = services.days_append(production=p, count=1)
    a, b, c = (SceneFactory(production=p, number=n, synopsis=f"Syn {n}") for n in "123")
    services.scenes_move(production=p, scene_ids=[b.pk], day_id=day.pk, position=0)
    gun = BreakdownElement.objects.create(production=p, category="props", name="Flare gun")
    b.elements.add(gun)

    every = pdf_text(ap_client.get(board_url(p, "breakdown_sheets")).content)
    assert all(f"Breakdown sheet, scene {n}" in every for n in "123")
    assert every.count("\f") >= 3  # one page each

    one_day = pdf_text(ap_client.get(board_url(p, "breakdown_sheets"), {"day": day.pk}).content)
    assert "scene 2" in one_day and "scene 1" not in one_day and "Flare gun" in one_day

    chosen = ap_client.get(board_url(p, "breakdown_sheets"), {"scenes": f"{a.pk},{c.pk}"})
    text = pdf_text(chosen.content)
    assert "scene 1" in text and "scene 3" in text and "scene 2" not in text


def test_the_day_night_filter_reads_the_light_a_scene_carries_on_from_the_one_before(
    ap_client, production
):
    """Issue 14, point 2: "SAME" after a night scene plays at night; its strip is coloured night,
    so the board's Night filter finds it and Day does not."""
    p = production
    hall = SetFactory(production=p, name="HALL")
    SceneFactory(production=p, number="1", set=hall, time_of_day="NIGHT", day_night="NIGHT")
    SceneFactory(production=p, number="2", set=hall, time_of_day="SAME", day_night="NIGHT")
    SceneFactory(production=p, number="3", set=hall, time_of_day="LATER", day_night="DAY")
    for light, matching in (("NIGHT", {"1", "2"}), ("DAY", {"3"})):
        html = ap_client.get(board_url(p), {"light": light}).content.decode()
        for number in ("1", "2", "3"):
            assert ("strip-dim" in strip_classes(html, number)) == (number not in matching), (
                light,
                number,
            )


@pytest.mark.parametrize(
    ("pages", "matching"),
    [
        ("1-2", {"2", "3"}),  # from one page to two, both ends in
        ("-4/8", {"1"}),  # up to half a page: the short scenes to fill a day
        ("2 1/8-", {"4"}),  # longer than two pages
        ("1 4/8", {"3"}),  # exactly
    ],
)
def test_the_filter_by_pages_takes_a_range_in_eighths(ap_client, production, pages, matching):
    p = production
    for number, eighths in (("1", 3), ("2", 8), ("3", 12), ("4", 20)):
        SceneFactory(production=p, number=number, eighths=eighths)
    html = ap_client.get(board_url(p), {"pages": pages}).content.decode()
    for number in ("1", "2", "3", "4"):
        assert ("strip-dim" in strip_classes(html, number)) == (number not in matching), number
    assert f"{len(matching)} of 4 strips match" in html
    assert f'name="pages" value="{pages}"' in html  # the filter shows what it was given
