"""Alternate boards (issue 14, point 5): copy the schedule as a named scenario, change it freely,
compare side by side, make one active; the budget and call sheets follow only the active one."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.budgets.models import Global, LinkNotice
from apps.budgets.queries import top_sheet
from apps.budgets.services import links, versions
from apps.callsheets.services import callsheet_start
from apps.schedules import compare
from apps.schedules.models import CastMember, Scenario, ScenarioDay, Scene, ShootDay
from apps.schedules.services import ScheduleError, days_append, scene_move
from apps.schedules.services import board as service_board
from apps.schedules.services import scenarios as service
from tests.budgets.factories import add_line
from tests.schedules.factories import SceneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def boarded(production):
    """Four scenes on two shoot days, two in the bin, and a budget that follows the schedule."""
    days = days_append(production=production, count=2)
    lead = CastMember.objects.create(production=production, id_number=1, character="ANA")
    scenes = [SceneFactory(production=production, number=str(n), eighths=8) for n in range(1, 7)]
    for scene in scenes:
        scene.cast.add(lead)
    for index, scene in enumerate(scenes[:4]):
        scene_move(
            production=production,
            scene_id=scene.pk,
            day_id=days[index // 2].pk,
            position=index % 2,
        )
    version = versions.budget_create_from_template(
        production=production,
        budget_name="Production budget",
        template_key="feature",
        follow_schedule=True,
    )
    add_line(version, "3201", description="Gaffer", x="SHOOT_DAYS", rate="650")
    links.global_link(
        item=Global.objects.get(budget_version=version, name="SHOOT_DAYS"), follows=True
    )
    LinkNotice.objects.all().delete()  # taking today's count is not what these tests are about
    return {"days": days, "scenes": scenes, "version": version, "lead": lead}


def active_board(production) -> list[tuple]:
    return [
        (
            day.position,
            day.date,
            day.kind,
            list(day.scenes.order_by("board_position").values_list("number", flat=True)),
        )
        for day in ShootDay.objects.filter(production=production).order_by("position")
    ]


def test_a_scenario_is_a_copy_that_changes_freely_without_touching_the_active_board(
    production, boarded, django_capture_on_commit_callbacks
):
    before = active_board(production)
    with django_capture_on_commit_callbacks(execute=True):
        scenario = service.scenario_create(production=production, name="Rain cover")
        assert scenario.days.count() == 2
        extra = service.scenario_day_insert(scenario=scenario)
        bin_ids = [s.pk for s in boarded["scenes"][4:]]
        service.scenario_move(scenario=scenario, scene_ids=bin_ids, day_id=extra.pk)
        first_day = scenario.days.get(position=1)
        service.scenario_day_remove(scenario=scenario, day=first_day)

    assert active_board(production) == before
    assert Global.objects.get(budget_version=boarded["version"], name="SHOOT_DAYS").value == 2
    assert not LinkNotice.objects.exists()
    result = compare.scenario_board(scenario)
    assert [[s.number for s in block.scenes] for block in result.days] == [["3", "4"], ["5", "6"]]
    assert sorted(s.number for s in result.bin) == ["1", "2"]


def test_moving_several_strips_keeps_their_order_and_closes_the_gap(production, boarded):
    scenario = service.scenario_create(production=production, name="Block")
    day1, day2 = scenario.days.order_by("position")
    by_number = {s.number: s.pk for s in boarded["scenes"]}
    service.scenario_move(
        scenario=scenario, scene_ids=[by_number["4"], by_number["1"]], day_id=day2.pk, position=0
    )
    result = compare.scenario_board(scenario)
    assert [s.number for s in result.days[0].scenes] == ["2"]
    assert [s.number for s in result.days[1].scenes] == ["1", "4", "3"]


def test_boards_side_by_side_with_the_budget_through_the_linked_global(
    production, boarded, django_capture_on_commit_callbacks
):
    scenario = service.scenario_create(production=production, name="Three days")
    service.scenario_day_insert(scenario=scenario)
    before = Global.objects.get(budget_version=boarded["version"], name="SHOOT_DAYS").value

    active, three = compare.columns(production, [scenario])

    assert (active.shoot_day_count, three.shoot_day_count) == (2, 3)
    (now,) = active.budget
    (then,) = three.budget
    assert then.change > Decimal("650.00")  # one more day of the gaffer, with the markups
    assert now.change == 0
    assert f"+${then.change:,} against today" in three.budget_words()[0]
    # Working it out wrote nothing.
    assert Global.objects.get(budget_version=boarded["version"], name="SHOOT_DAYS").value == before
    assert not LinkNotice.objects.exists()
    rows = dict(compare.cast_rows(production, [active, three]))
    assert rows[str(boarded["lead"])] == [2, 2]
    # And it is exactly what the budget says once the board really has three days.
    with django_capture_on_commit_callbacks(execute=True):
        days_append(production=production, count=1)
    assert top_sheet(boarded["version"]).grand_total == then.total


def test_making_a_scenario_active_moves_the_board_keeps_the_old_one_and_tells_the_budget(
    production, boarded, django_capture_on_commit_callbacks
):
    scenario = service.scenario_create(production=production, name="Three days")
    extra = service.scenario_day_insert(scenario=scenario)
    service.scenario_move(
        scenario=scenario, scene_ids=[s.pk for s in boarded["scenes"][4:]], day_id=extra.pk
    )
    before = active_board(production)

    with django_capture_on_commit_callbacks(execute=True):
        kept = service.scenario_activate(scenario=scenario)

    after = active_board(production)
    assert [numbers for *_, numbers in after] == [["1", "2"], ["3", "4"], ["5", "6"]]
    assert [day.pk for day in boarded["days"]] == list(
        ShootDay.objects.filter(production=production)
        .order_by("position")
        .values_list("pk", flat=True)[:2]
    )  # the days others may hang on are the same rows
    assert kept.name == "Board before “Three days”"
    assert [[s.number for s in b.scenes] for b in compare.scenario_board(kept).days] == [
        numbers for *_, numbers in before
    ]
    assert Global.objects.get(budget_version=boarded["version"], name="SHOOT_DAYS").value == 3
    assert LinkNotice.objects.get().new_value == 3


def test_a_day_with_a_call_sheet_is_never_dropped_or_moved_by_a_scenario(production, boarded):
    day1 = boarded["days"][0]
    callsheet_start(shoot_day=day1)
    scenario = service.scenario_create(production=production, name="Shorter")
    service.scenario_day_remove(scenario=scenario, day=scenario.days.get(source_day=day1))

    problems = service.activation_problems(scenario)
    assert len(problems) == 1 and "has a call sheet" in problems[0]
    with pytest.raises(ScheduleError, match="call sheet"):
        service.scenario_activate(scenario=scenario)
    assert ShootDay.objects.filter(pk=day1.pk).exists()


def test_names_are_unique_and_required(production, boarded):
    service.scenario_create(production=production, name="Plan B")
    with pytest.raises(ScheduleError, match="already a scenario"):
        service.scenario_create(production=production, name="  Plan   B ")
    with pytest.raises(ScheduleError, match="name"):
        service.scenario_create(production=production, name="   ")


def test_a_scene_imported_after_the_copy_waits_in_the_scenarios_bin(production, boarded):
    scenario = service.scenario_create(production=production, name="Early")
    SceneFactory(production=production, number="7")
    result = compare.scenario_board(scenario)
    assert "7" in [s.number for s in result.bin]
    Scene.objects.filter(number="1").update(omitted=True)
    result = compare.scenario_board(scenario)
    assert "1" not in [s.number for block in result.days for s in block.scenes]


# --- Pages --------------------------------------------------------------------------------------


def url(production, name, **kwargs):
    return reverse(f"schedules:{name}", kwargs={"production_slug": production.slug, **kwargs})


def test_the_pages_make_move_compare_and_activate(ap_client, production, boarded):
    made = ap_client.post(url(production, "scenarios"), {"name": "Rain cover"}, follow=True)
    assert "Scenario: Rain cover" in made.content.decode()
    scenario = Scenario.objects.get()
    day2 = scenario.days.get(position=2)
    ap_client.post(
        url(production, "scenario", pk=scenario.pk),
        {
            "action": "move",
            "scene": [s.pk for s in boarded["scenes"][4:]],
            "target": day2.pk,
            "where": "start",
        },
    )
    assert [s.number for s in compare.scenario_board(scenario).days[1].scenes] == [
        "5",
        "6",
        "3",
        "4",
    ]
    page = ap_client.get(
        url(production, "scenario_compare") + f"?s={scenario.pk}&s=x&s=99999999999999999999"
    )
    assert page.status_code == 200
    assert "Rain cover" in page.content.decode() and "Active board" in page.content.decode()
    confirm = ap_client.get(url(production, "scenario_activate", pk=scenario.pk))
    assert "Make it the active board" in confirm.content.decode()
    ap_client.post(url(production, "scenario_activate", pk=scenario.pk))
    assert [n for *_, n in active_board(production)][1] == ["5", "6", "3", "4"]
    ap_client.post(url(production, "scenario", pk=scenario.pk), {"action": "remove-abc"})
    assert ScenarioDay.objects.filter(scenario=scenario).count() == 2


def test_a_day_with_a_call_sheet_cannot_be_removed_from_the_active_board_either(
    ap_client, production, boarded
):
    """Found while building activation: removing a day deleted its call sheet by cascade."""
    day1 = boarded["days"][0]
    sheet = callsheet_start(shoot_day=day1)
    with pytest.raises(ScheduleError, match="has a call sheet"):
        service_board.day_remove(production=production, day=day1)
    page = ap_client.post(
        reverse("schedules:day_remove", kwargs={"production_slug": production.slug, "pk": day1.pk}),
        follow=True,
    )
    assert "has a call sheet" in page.content.decode()
    assert ShootDay.objects.filter(pk=day1.pk).exists()
    assert type(sheet).objects.filter(pk=sheet.pk).exists()
    service_board.day_remove(production=production, day=boarded["days"][1])  # nothing hangs on it
    assert not ShootDay.objects.filter(pk=boarded["days"][1].pk).exists()


def test_a_call_sheet_follows_the_active_board_not_a_scenario(
    production, boarded, django_capture_on_commit_callbacks
):
    """Issue 14, point 5: a scenario that moves scenes onto day 2 changes nothing on day 2's call
    sheet; once it is made the active board, the call sheet lists them."""
    from apps.callsheets.queries import sheet_data

    day2 = boarded["days"][1]
    call_sheet = callsheet_start(shoot_day=day2)
    numbers = lambda: sorted(s.number for s in sheet_data(call_sheet).scenes)  # noqa: E731
    assert numbers() == ["3", "4"]
    scenario = service.scenario_create(production=production, name="Bin to day 2")
    service.scenario_move(
        scenario=scenario,
        scene_ids=[s.pk for s in boarded["scenes"][4:]],
        day_id=scenario.days.get(source_day=day2).pk,
    )
    assert numbers() == ["3", "4"]  # the scenario is not the schedule

    with django_capture_on_commit_callbacks(execute=True):
        service.scenario_activate(scenario=scenario)
    assert numbers() == ["3", "4", "5", "6"]
