"""The board follows the day's shooting: completed scenes leave it, partly shot and not shot ones
go to the bin or a chosen day with their remaining pages; totals and the Day Out of Days say
scheduled against actual. Expected numbers are worked out by hand in each test, not read back
from the code."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.schedules import services, shooting
from apps.schedules.models import Scene, SceneShot, ShootDay
from apps.schedules.queries import board, dood
from apps.schedules.reports import day_out_of_days
from apps.schedules.shooting import ShotOutcome, preview_shooting, record_shooting
from tests.factories import ProductionFactory
from tests.schedules.factories import CastFactory, SceneFactory, SetFactory

pytestmark = pytest.mark.django_db


def place(production, day, number, eighths, cast=(), set_=None):
    scene = SceneFactory(
        production=production,
        number=number,
        eighths=eighths,
        set=set_ or SetFactory(production=production),
        synopsis='He says "=SUM(A1)"\nand leaves — déjà vu',
    )
    scene.cast.set(cast)
    if day is not None:
        services.scene_move(production=production, scene_id=scene.pk, day_id=day.pk, position=99)
    return scene


@pytest.fixture
def shoot(production):
    """Four shoot days from Mon 1 March 2027. Day 1: 12 (1 2/8, Ana), 14 (1 4/8, Ben),
    15 (2/8, Cy). Day 2: 20 (2 pp, Ana). Day 3: 30 (1 pp, Ben). Day 4: 40 (1 pp, Ana and Cy).
    The bin: 50 (4/8). 60 pages in eighths in all: 10+12+2+16+8+8+4."""
    d1, d2, d3, d4 = services.days_append(production=production, count=4)
    ana, ben, cy = (
        CastFactory(production=production, id_number=n, character=name)
        for n, name in ((1, "ANA"), (2, "BEN ‘BIG’ O'NEIL"), (3, "CY"))
    )
    ferry = SetFactory(production=production, name='FERRY — "CAR" DECK')
    s = {
        "12": place(production, d1, "12", 10, [ana], ferry),
        "14": place(production, d1, "14", 12, [ben]),
        "15": place(production, d1, "15", 2, [cy]),
        "20": place(production, d2, "20", 16, [ana]),
        "30": place(production, d3, "30", 8, [ben]),
        "40": place(production, d4, "40", 8, [ana, cy]),
        "50": place(production, None, "50", 4),
    }
    return {"production": production, "days": (d1, d2, d3, d4), "scenes": s}


def fresh(scene):
    return Scene.objects.get(pk=scene.pk)


def partly_day(shoot, to=None):
    """Day 1: 12 completed, 14 partly (3/8 shot, the rest to `to` or the bin), 15 not shot."""
    d1 = shoot["days"][0]
    s = shoot["scenes"]
    return [
        ShotOutcome(s["12"].pk, "completed", 10, None),
        ShotOutcome(s["14"].pk, "partly", 3, to.pk if to else None),
        ShotOutcome(s["15"].pk, "not_shot", 0, None),
    ], d1


# --- What moves -----------------------------------------------------------------------------


def test_the_preview_says_what_would_move_in_words_and_numbers_and_moves_nothing(shoot):
    production, (d1, _, d3, _) = shoot["production"], shoot["days"]
    outcomes, _ = partly_day(shoot, to=d3)
    moves = preview_shooting(production, d1, outcomes)
    assert [m.words for m in moves] == [
        "Scene 12 shot on day 1 (1 2/8 pp) — leaves the board",
        "Scene 14: 3/8 of 1 4/8 pp shot; the remaining 1 1/8 pp go to day 3",
        "Scene 15 not shot (2/8 pp) — goes to the bin",
    ]
    assert [(m.eighths_before, m.eighths_shot, m.eighths_left) for m in moves] == [
        (10, 10, 0),
        (12, 3, 9),
        (2, 0, 2),
    ]
    assert [m.to_day_id for m in moves] == [None, d3.pk, None]
    assert not SceneShot.objects.exists()
    assert fresh(shoot["scenes"]["12"]).shoot_day_id == d1.pk
    assert ShootDay.objects.get(pk=d1.pk).shooting_recorded_at is None


def test_a_completed_scene_leaves_the_board_and_is_listed_as_shot_with_its_day(shoot):
    production, d1 = shoot["production"], shoot["days"][0]
    outcomes, _ = partly_day(shoot)
    record_shooting(production, d1, outcomes, None)
    twelve = fresh(shoot["scenes"]["12"])
    assert (twelve.shoot_day_id, twelve.shot_day_id, twelve.eighths_shot) == (None, d1.pk, 10)
    result = board(production)
    on_board = {s.number for b in result.days for s in b.scenes} | {s.number for s in result.bin}
    assert "12" not in on_board
    assert [(s.number, s.shot_on.pk) for s in result.shot] == [("12", d1.pk)]


def test_a_partly_shot_day_sends_the_remaining_pages_to_the_bin(shoot):
    production, d1 = shoot["production"], shoot["days"][0]
    outcomes, _ = partly_day(shoot)
    record_shooting(production, d1, outcomes, None)
    fourteen = fresh(shoot["scenes"]["14"])
    assert fourteen.shoot_day_id is None and fourteen.shot_day_id is None
    assert fourteen.eighths_shot == 3
    assert fourteen.remaining_eighths == 12 - 3
    assert fourteen.strip_pages == "1 1/8 of 1 4/8"
    assert [s.number for s in board(production).bin] == ["50", "14", "15"]


def test_a_partly_shot_day_sends_the_remaining_pages_to_the_chosen_day(shoot, ap_client):
    production, (d1, _, d3, _) = shoot["production"], shoot["days"]
    outcomes, _ = partly_day(shoot, to=d3)
    record_shooting(production, d1, outcomes, None)
    result = board(production)
    day3 = next(b for b in result.days if b.day.pk == d3.pk)
    assert [s.number for s in day3.scenes] == ["30", "14"]  # at the end of the day
    assert day3.eighths == 8 + (12 - 3)
    page = ap_client.get(reverse("schedules:board", kwargs={"production_slug": production.slug}))
    html = page.content.decode()
    assert 'data-testid="strip-14"' in html and "1 1/8 of 1 4/8" in html
    assert 'data-testid="strip-12"' not in html
    assert 'data-testid="shot-12"' in html and 'data-testid="day-shot"' in html


def test_board_totals_after_a_partly_shot_day(shoot, ap_client):
    production, (d1, d2, d3, d4) = shoot["production"], shoot["days"]
    outcomes, _ = partly_day(shoot, to=d3)
    record_shooting(production, d1, outcomes, None)
    result = board(production)
    by_day = {b.day.pk: b for b in result.days}
    # Day 1 is done: nothing left on it; it planned 10+12+2 and shot 10+3.
    assert (by_day[d1.pk].eighths, by_day[d1.pk].planned_eighths) == (0, 24)
    assert by_day[d1.pk].shot_eighths == 13
    assert [by_day[d.pk].eighths for d in (d2, d3, d4)] == [16, 17, 8]
    assert result.scheduled_eighths == 16 + 17 + 8
    # Left to shoot: the script's 60 eighths less the 13 shot; the bin holds 15 (2) and 50 (4).
    assert result.total_eighths == 60 - 13 == result.scheduled_eighths + 2 + 4
    summary = ap_client.get(
        reverse("schedules:board", kwargs={"production_slug": production.slug})
    ).content.decode()
    assert "4 shoot days (1 done)" in summary
    assert "5 1/8 of 5 7/8 pages left to shoot scheduled" in summary
    assert "shot 1 5/8 of 3 pp planned on the days done, 1 scene completed" in summary


def test_the_one_liner_counts_what_is_left_and_says_what_day_one_shot(shoot, ap_client):
    production, (d1, _, d3, _) = shoot["production"], shoot["days"]
    outcomes, _ = partly_day(shoot, to=d3)
    record_shooting(production, d1, outcomes, None)
    from apps.schedules.reports import one_liner

    report = one_liner(production)
    footers = [section.footer for section in report.sections]
    assert footers[0] == "Day 1 shot: 1 5/8 of 3 pages planned"
    assert footers[2] == "Total 2 1/8 pages"
    rows = report.sections[2].rows
    assert [row[0] for row in rows] == ["30", "14"] and rows[1][4] == "1 1/8 of 1 4/8"


# --- Scheduled against actual: Day Out of Days ----------------------------------------------


def test_the_day_out_of_days_after_a_partly_shot_day(shoot):
    production, (d1, _, d3, _) = shoot["production"], shoot["days"]
    outcomes, _ = partly_day(shoot, to=d3)
    record_shooting(production, d1, outcomes, None)
    result = dood(production)
    rows = {row.member.id_number: row for row in result.rows}
    # Ana worked day 1 (12 completed), is on day 2 (20) and day 4 (40); day 3 she holds.
    assert rows[1].codes == ["SW", "W", "H", "WF"]
    assert (rows[1].work, rows[1].hold, rows[1].planned_done, rows[1].worked_done) == (3, 1, 1, 1)
    # Ben worked day 1 (14, partly), and day 3 has 30 and the rest of 14.
    assert rows[2].codes == ["SW", "H", "WF", ""]
    assert (rows[2].work, rows[2].hold, rows[2].planned_done, rows[2].worked_done) == (2, 1, 1, 1)
    # Cy was planned on day 1 (15) but it was not shot, so he did not work it: day 4 only.
    assert rows[3].codes == ["", "", "", "SWF"]
    assert (rows[3].work, rows[3].planned_done, rows[3].worked_done) == (1, 1, 0)
    assert [(p.planned, p.shot) for p in result.pages] == [
        (24, 13),
        (16, None),
        (17, None),
        (8, None),
    ]
    # Without the pages (a call sheet, casting, a daily report read only the codes): the same
    # rows, one query less.
    with CaptureQueriesContext(connection) as with_pages:
        dood(production)
    with CaptureQueriesContext(connection) as without:
        codes_only = dood(production, pages=False)
    assert codes_only.pages == [] and len(without) == len(with_pages) - 1
    assert codes_only.rows == result.rows and codes_only.days == result.days


def test_the_day_out_of_days_report_marks_the_days_done_and_counts_planned_and_worked(
    shoot, ap_client
):
    production, (d1, _, d3, _) = shoot["production"], shoot["days"]
    outcomes, _ = partly_day(shoot, to=d3)
    record_shooting(production, d1, outcomes, None)
    report = day_out_of_days(production)
    assert report.header[3:7] == ["D1 01/03 ✓", "D2 02/03", "D3 03/03", "D4 04/03"]
    assert report.header[-2:] == ["Planned, days done", "Worked, days done"]
    cy = next(row for row in report.sections[0].rows if row[0] == 3)
    assert cy[-2:] == [1, 0]
    assert "planned and shot" in report.chart
    url = reverse("schedules:report", kwargs={"production_slug": production.slug, "key": "dood"})
    body = ap_client.get(url + "?format=csv").content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(body)))
    assert lines[0][-2:] == ["Planned, days done", "Worked, days done"]
    assert lines[1][3:7] == ["SW", "W", "H", "WF"]


def test_a_day_out_of_days_with_nothing_shot_reads_as_before(shoot):
    result = dood(shoot["production"])
    rows = {row.member.id_number: row for row in result.rows}
    assert rows[3].codes == ["SW", "H", "H", "WF"]
    assert (
        result.pages == []
        and "Planned, days done" not in day_out_of_days(shoot["production"]).header
    )


# --- A scene shot over two days -------------------------------------------------------------


def test_a_scene_shot_over_two_days_counts_both_days_pages(shoot):
    production, (d1, _, d3, _) = shoot["production"], shoot["days"]
    fourteen = shoot["scenes"]["14"]
    outcomes, _ = partly_day(shoot, to=d3)
    record_shooting(production, d1, outcomes, None)
    moves = record_shooting(production, d3, [ShotOutcome(fourteen.pk, "partly", 4, None)], None)
    assert moves[0].words == (
        "Scene 14: 4/8 of the 1 1/8 pp left shot; the remaining 5/8 pp go to the bin"
    )
    assert moves[1].words == "Scene 30 has no outcome: it stays on day 3"
    fourteen = fresh(fourteen)
    assert (fourteen.eighths_shot, fourteen.remaining_eighths) == (3 + 4, 12 - 7)
    final = record_shooting(production, d3, [ShotOutcome(fourteen.pk, "completed", 0, None)], None)
    assert final[0].words == "Scene 14 shot on day 3 (1 1/8 pp) — leaves the board"
    fourteen = fresh(fourteen)
    assert (fourteen.eighths_shot, fourteen.shot_day_id) == (12, d3.pk)


# --- Idempotence and history ----------------------------------------------------------------


def test_recording_the_same_outcomes_twice_changes_nothing_the_second_time(shoot):
    production, (d1, _, d3, _) = shoot["production"], shoot["days"]
    outcomes, _ = partly_day(shoot, to=d3)
    record_shooting(production, d1, outcomes, None)
    state = list(
        Scene.objects.order_by("pk").values_list("shoot_day", "board_position", "eighths_shot")
    )
    history = Scene.history.count()
    again = record_shooting(production, d1, outcomes, None)
    assert [m.changed for m in again] == [False, False, False]
    assert all("already recorded" in m.words for m in again)
    assert (
        list(
            Scene.objects.order_by("pk").values_list("shoot_day", "board_position", "eighths_shot")
        )
        == state
    )
    assert Scene.history.count() == history
    assert SceneShot.objects.count() == 3
    assert board(production).shot_done_eighths == 13


def test_recording_a_day_again_with_other_figures_replaces_them(shoot):
    production, d1 = shoot["production"], shoot["days"][0]
    fourteen = shoot["scenes"]["14"]
    record_shooting(production, d1, [ShotOutcome(fourteen.pk, "partly", 3, None)], None)
    record_shooting(production, d1, [ShotOutcome(fourteen.pk, "partly", 5, None)], None)
    assert fresh(fourteen).eighths_shot == 5  # not 3 + 5
    row = SceneShot.objects.get(scene=fourteen)
    assert (row.eighths_before, row.eighths_shot) == (12, 5)


def test_each_moved_scene_says_in_its_history_what_moved_and_who_recorded_it(shoot, ap):
    production, d1 = shoot["production"], shoot["days"][0]
    outcomes, _ = partly_day(shoot)
    record_shooting(production, d1, outcomes, ap)
    latest = fresh(shoot["scenes"]["14"]).history.first()
    assert latest.history_change_reason == (
        "Scene 14: 3/8 of 1 4/8 pp shot; the remaining 1 1/8 pp go to the bin"
    )
    assert latest.history_user_id == ap.pk
    assert SceneShot.objects.get(scene=shoot["scenes"]["14"]).recorded_by_id == ap.pk


# --- Refusals -------------------------------------------------------------------------------


def refused(shoot, day, outcomes) -> str:
    with pytest.raises(services.ScheduleError) as caught:
        record_shooting(shoot["production"], day, outcomes, None)
    assert not SceneShot.objects.exists()
    return caught.value.message


def test_nonsense_is_refused_and_nothing_is_written(shoot):
    production, (d1, d2, d3, _) = shoot["production"], shoot["days"]
    s = shoot["scenes"]
    other = ProductionFactory()
    stranger = SceneFactory(production=other, number="99")
    (their_day,) = services.days_append(production=other, count=1)
    twelve, fourteen = s["12"], s["14"]
    assert refused(shoot, d1, [ShotOutcome(stranger.pk, "completed", 8, None)]) == (
        shooting.UNKNOWN_SCENE.format(scene_id=stranger.pk)
    )
    assert refused(shoot, d1, [ShotOutcome(fourteen.pk, "partly", 13, None)]) == (
        "Scene 14: 1 5/8 pp shot, but only 1 4/8 pp were left to shoot."
    )
    assert refused(shoot, d1, [ShotOutcome(fourteen.pk, "partly", 3, their_day.pk)]) == (
        shooting.TARGET_ELSEWHERE.format(number="14")
    )
    assert refused(shoot, d1, [ShotOutcome(fourteen.pk, "partly", 3, d1.pk)]) == (
        shooting.TARGET_SAME_DAY.format(number="14", day=d1)
    )
    assert refused(shoot, d1, [ShotOutcome(fourteen.pk, "not_shot", 2, None)]) == (
        "Scene 14 is marked not shot but has 2/8 pp shot."
    )
    assert refused(shoot, d1, [ShotOutcome(fourteen.pk, "partly", 12, None)]) == (
        "Scene 14: all its 1 4/8 pp were shot; mark it completed."
    )
    assert refused(shoot, d1, [ShotOutcome(fourteen.pk, "wrapped", 0, None)]) == (
        "Scene 14: 'wrapped' is not an outcome (completed, partly, not_shot)."
    )
    assert refused(
        shoot, d1, [ShotOutcome(twelve.pk, "completed", 0, None)] * 2
    ) == shooting.SCENE_TWICE.format(number="12")
    assert refused(shoot, their_day, []) == shooting.NOT_THIS_PRODUCTIONS_DAY
    # A scene completed on day 1 has nothing left for day 2; nor does a done day take the rest.
    record_shooting(production, d1, [ShotOutcome(twelve.pk, "completed", 0, None)], None)
    with pytest.raises(services.ScheduleError) as caught:
        record_shooting(production, d2, [ShotOutcome(twelve.pk, "partly", 1, None)], None)
    assert caught.value.message == shooting.ALREADY_COMPLETED.format(
        number="12", day=ShootDay.objects.get(pk=d1.pk)
    )
    with pytest.raises(services.ScheduleError) as caught:
        record_shooting(production, d3, [ShotOutcome(s["30"].pk, "partly", 1, d1.pk)], None)
    assert "already recorded" in caught.value.message


def test_the_board_keeps_shot_scenes_and_days_done_as_they_are(shoot):
    production, (d1, d2, _, _) = shoot["production"], shoot["days"]
    outcomes, _ = partly_day(shoot)
    record_shooting(production, d1, outcomes, None)
    twelve, twenty = shoot["scenes"]["12"], shoot["scenes"]["20"]
    with pytest.raises(services.ScheduleError, match="was shot on Day 1"):
        services.scene_move(production=production, scene_id=twelve.pk, day_id=d2.pk, position=0)
    with pytest.raises(services.ScheduleError, match="scenes can leave it, not join it"):
        services.scene_move(production=production, scene_id=twenty.pk, day_id=d1.pk, position=0)
    with pytest.raises(services.ScheduleError, match="the day stays on the board"):
        services.day_remove(production=production, day=ShootDay.objects.get(pk=d1.pk))
    # Pouring the bin into days fills days to come only, by the pages left.
    services.days_fill(production=production, source="all", eighths=40)
    assert not Scene.objects.filter(shoot_day=d1).exists()
    assert fresh(twelve).shoot_day_id is None


def test_the_stripboard_marks_a_recorded_day_so_no_strip_is_dropped_on_it(shoot, ap_client):
    # The board's script refuses a drop on a list marked data-recorded (the server would too).
    production, (d1, d2, _, _) = shoot["production"], shoot["days"]
    outcomes, _ = partly_day(shoot)
    record_shooting(production, d1, outcomes, None)

    html = ap_client.get(reverse("schedules:board", args=[production.slug])).content.decode()

    assert f'data-day="{d1.pk}" data-recorded="1"' in html
    assert f'data-day="{d2.pk}" data-label' in html


def test_a_scenario_made_active_does_not_put_a_shot_scene_back(shoot, ap):
    production, d1 = shoot["production"], shoot["days"][0]
    from apps.schedules.services.scenarios import scenario_activate, scenario_create

    scenario = scenario_create(production=production, name="Plan B", user=ap)
    outcomes, _ = partly_day(shoot)
    record_shooting(production, d1, outcomes, None)
    scenario_activate(scenario=scenario, user=ap)
    twelve = fresh(shoot["scenes"]["12"])
    assert (twelve.shoot_day_id, twelve.shot_day_id) == (None, d1.pk)


# --- Queries do not grow with the days shot -------------------------------------------------


def built(scenes_per_day: int):
    production = ProductionFactory()
    days = services.days_append(production=production, count=3)
    cast = [CastFactory(production=production) for _ in range(3)]
    for day in days:
        for i in range(scenes_per_day):
            place(production, day, f"{day.position}-{i}", 3 + i % 5, cast[: 1 + i % 3])
    for day in days[:2]:
        scenes = list(Scene.objects.filter(shoot_day=day).order_by("board_position"))
        outcomes = [
            ShotOutcome(
                s.pk, ("completed", "partly", "not_shot")[i % 3], 1 if i % 3 == 1 else 0, None
            )
            for i, s in enumerate(scenes)
        ]
        record_shooting(production, day, outcomes, None)
    return production


def count(fn) -> int:
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured)


def test_the_board_and_day_out_of_days_read_a_fixed_number_of_queries_after_shooting():
    small, large = built(3), built(12)
    # settings, days, banners, scenes, sets, cast, cast links; what the days done recorded
    assert count(lambda: board(small)) == count(lambda: board(large)) == 8
    # days, travellers, cast, links; what was recorded, the pages of the scenes on the board
    assert count(lambda: dood(small)) == count(lambda: dood(large)) == 6


def test_the_stripboard_page_does_not_grow_with_the_scenes_shot(client):
    from tests.factories import member

    counts = []
    for production in (built(3), built(12)):
        client.force_login(member(production))
        url = reverse("schedules:board", kwargs={"production_slug": production.slug})
        client.get(url)
        counts.append(count(lambda url=url: client.get(url)))
    assert counts[0] == counts[1]


def test_the_calendar_and_the_location_summary_keep_a_shot_scene_on_its_day(shoot):
    from icalendar import Calendar

    from apps.schedules.ical import calendar_feed
    from apps.schedules.models import Location
    from apps.schedules.reports import location_summary

    production, (d1, _, d3, _) = shoot["production"], shoot["days"]
    ferry = shoot["scenes"]["12"].set
    ferry.location = Location.objects.create(production=production, name="Harbour “B”")
    ferry.save()
    outcomes, _ = partly_day(shoot, to=d3)
    record_shooting(production, d1, outcomes, None)
    events = [
        e
        for e in Calendar.from_ical(calendar_feed(production)).walk("VEVENT")
        if str(e["uid"]).startswith(f"shootday-{d1.pk}@")
    ]
    assert 'Sc. 12 INT FERRY — "CAR" DECK DAY (shot)' in str(events[0]["description"])
    harbour = next(
        r for r in location_summary(production).sections[0].rows if r[0] == "Harbour “B”"
    )
    assert harbour[3] == "1"  # day 1, where scene 12 was shot


def test_the_call_sheet_of_a_later_day_has_what_is_left_and_no_shot_scene(shoot):
    from apps.callsheets.models import CallSheet
    from apps.callsheets.queries import sheet_data

    production, (d1, d2, d3, _) = shoot["production"], shoot["days"]
    outcomes, _ = partly_day(shoot, to=d3)
    record_shooting(production, d1, outcomes, None)
    sheet = sheet_data(CallSheet.objects.create(production=production, shoot_day=d3))
    assert [(s.number, s.pages, s.eighths) for s in sheet.scenes] == [
        ("30", "1", 8),
        ("14", "1 1/8 of 1 4/8", 9),
    ]
    assert sheet.pages == "2 1/8"
    # Ben works day 3 (30 and the rest of 14) after working day 1: W, his last day WF.
    assert {c.role: c.status for c in sheet.cast} == {"BEN ‘BIG’ O'NEIL": "WF"}
    day2 = sheet_data(CallSheet.objects.create(production=production, shoot_day=d2))
    assert [s.number for s in day2.scenes] == ["20"]
