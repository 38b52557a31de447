"""Cast and elements are managed: add, edit, renumber, merge, drop; elements without duplicates by
case, with quantities; the element report; Day Out of Days for any category."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.schedules import breakdown, castnames, queries, reports, services
from apps.schedules.models import BreakdownElement, CastMember
from apps.schedules.services import ScheduleError
from apps.schedules.services.cast import (
    CAST_ID_TAKEN,
    CAST_NAME_TAKEN,
    CAST_USED_ELSEWHERE,
    MERGE_INTO_ITSELF,
    MERGE_NEEDS_TARGET,
)
from apps.schedules.services.elements import ELEMENT_NAME_TAKEN, MERGE_NEEDS_ELEMENTS
from tests.schedules.factories import CastFactory, SceneFactory

pytestmark = pytest.mark.django_db


def url(production, name, **kwargs):
    return reverse(f"schedules:{name}", kwargs={"production_slug": production.slug, **kwargs})


# --- The two defects ----------------------------------------------------------------------------


def test_an_element_that_differs_only_by_case_is_refused_on_the_breakdown_page(
    ap_client, production
):
    scene = SceneFactory(production=production)
    volvo = BreakdownElement.objects.create(
        production=production, category="vehicles", name="Red Volvo"
    )
    response = ap_client.post(
        url(production, "element_add", pk=scene.pk),
        {"category": "vehicles", "name": "red volvo"},
        follow=True,
    )
    assert list(BreakdownElement.objects.filter(production=production)) == [volvo]
    assert "Red Volvo" in response.content.decode()
    assert "already has" in response.content.decode()
    assert not scene.elements.exists()


def test_noise_cast_from_an_import_can_be_merged_into_the_members_it_names(production):
    edward = CastFactory(production=production, id_number=1, character="EDWARD")
    will = CastFactory(production=production, id_number=2, character="WILL")
    both = CastFactory(production=production, id_number=3, character="EDWARD AND WILL")
    together, alone = SceneFactory(production=production), SceneFactory(production=production)
    together.cast.set([both])
    alone.cast.set([both, edward])

    services.cast_merge(member=both, into=[edward, will])

    assert not CastMember.objects.filter(pk=both.pk).exists()
    assert set(together.cast.all()) == {edward, will}
    assert set(alone.cast.all()) == {edward, will}


# --- Noise in the cast: a pure function -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("EDWARD AND WILL", castnames.TOGETHER),
        ("Edward and Will", castnames.TOGETHER),
        ("MARA & JOE", castnames.TOGETHER),
        ("MARA/JOE", castnames.TOGETHER),
        ("JOHN'S VOICE", castnames.A_VOICE),
        ("JOHN\u2019S VOICE", castnames.A_VOICE),
        ("VOICE ON RADIO", castnames.A_VOICE),
        ("RADIO VOICES", castnames.A_VOICE),
        ("THE CROWD", castnames.A_CROWD),
        ("CROWD", castnames.A_CROWD),
        ("ALL", castnames.A_CROWD),
        ("BOTH", castnames.A_CROWD),
        ("EVERYONE", castnames.A_CROWD),
        ("THE OTHERS", castnames.A_CROWD),
        ("GROUP", castnames.A_CROWD),
        ("ALL TOGETHER", castnames.A_CROWD),
        ("THE GUARDS", castnames.A_CROWD),
        ("TWO NUNS", castnames.A_CROWD),
        ("3 BOYS", castnames.A_CROWD),
        ("PASSENGERS", castnames.A_CROWD),
        ("SOLDIERS", castnames.A_CROWD),
        ("MARA", ""),
        ("JOE", ""),
        ("ALLISON", ""),
        ("SALLY ANDERSON", ""),
        ("THE BOSS", ""),
        ("CHARLES", ""),
        ("MRS. JONES", ""),
        ("FERRY CAPTAIN", ""),
        ("THE COLONEL'S WIFE", ""),
        ("DR. HALLS", ""),
        ("", ""),
    ],
)
def test_likely_noise_is_told_from_a_part_by_its_name(name, reason):
    assert castnames.noise_reason(name) == reason


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("EDWARD AND WILL", ["EDWARD", "WILL"]),
        ("MARA & JOE", ["MARA", "JOE"]),
        ("JOHN'S VOICE", ["JOHN"]),
        ("EDWARD, WILL AND ALL", []),  # a crowd named with parts: not a split
        ("THE CROWD", []),
        ("ALL", []),
        ("MARA", []),
    ],
)
def test_a_noisy_cue_names_the_parts_it_can_be_split_into(name, parts):
    assert castnames.named_parts(name) == parts


# --- Cast by hand -------------------------------------------------------------------------------


def test_a_silent_part_is_added_by_hand_with_the_next_cast_id(ap_client, production):
    CastFactory(production=production, id_number=4, character="MARA")
    response = ap_client.post(
        url(production, "cast_add"), {"character": "WAITER", "actor": "Sam Lee"}
    )
    assert response.status_code == 302
    waiter = CastMember.objects.get(production=production, character="WAITER")
    assert (waiter.id_number, waiter.speaking, waiter.actor) == (5, False, "Sam Lee")
    page = ap_client.get(url(production, "cast")).content.decode()
    assert "non-speaking" in page


def test_a_part_added_by_hand_is_refused_when_its_name_or_id_is_taken(production):
    CastFactory(production=production, id_number=1, character="MARA")
    with pytest.raises(ScheduleError) as caught:
        services.cast_create(production=production, character="mara")
    assert caught.value.message == CAST_NAME_TAKEN.format(existing="1. MARA")
    with pytest.raises(ScheduleError) as caught:
        services.cast_create(production=production, character="JOE", id_number=1)
    assert caught.value.message == CAST_ID_TAKEN.format(number=1, existing="MARA")


def test_editing_a_part_keeps_its_speaking_flag_and_refuses_a_name_taken_by_case(
    ap_client, production
):
    CastFactory(production=production, id_number=1, character="MARA")
    joe = CastFactory(production=production, id_number=2, character="JOE")
    response = ap_client.post(
        url(production, "cast_edit", pk=joe.pk), {"id_number": 2, "character": "mara"}
    )
    assert "already has one called" in response.content.decode()
    ap_client.post(
        url(production, "cast_edit", pk=joe.pk),
        {"id_number": 1, "character": "JOE", "speaking": "on"},
    )
    joe.refresh_from_db()
    assert (joe.id_number, joe.speaking) == (1, True)


def test_the_cast_page_flags_likely_noise_with_its_scene_count(ap_client, production):
    CastFactory(production=production, character="MARA")
    crowd = CastFactory(production=production, character="THE CROWD")
    for _ in range(3):
        SceneFactory(production=production).cast.add(crowd)
    page = ap_client.get(url(production, "cast")).content.decode()
    assert page.count('data-testid="noise"') == 1
    assert "Likely import noise: a crowd or group, not one part" in page
    assert url(production, "cast_merge", pk=crowd.pk) in page
    assert url(production, "cast_delete", pk=crowd.pk) in page
    row = page[page.index(f'data-cast="{crowd.pk}"') :]
    assert '<td class="text-end">3</td>' in row[: row.index("</tr>")]


def test_a_voice_merges_into_its_part_from_the_page_which_suggests_it(ap_client, production):
    john = CastFactory(production=production, id_number=1, character="JOHN")
    CastFactory(production=production, id_number=2, character="MARA")
    voice = CastFactory(production=production, id_number=3, character="JOHN'S VOICE")
    scene = SceneFactory(production=production)
    scene.cast.add(voice)
    page = ap_client.get(url(production, "cast_merge", pk=voice.pk)).content.decode()
    assert f'value="{john.pk}"' in page
    checked = page[page.index(f'value="{john.pk}"') - 200 : page.index(f'value="{john.pk}"') + 200]
    assert "checked" in checked
    response = ap_client.post(url(production, "cast_merge", pk=voice.pk), {"into": [john.pk]})
    assert response.status_code == 302
    assert list(scene.cast.all()) == [john]
    assert not CastMember.objects.filter(pk=voice.pk).exists()


def test_a_merge_moves_travel_days_too_and_is_written_in_the_audit_log(production):
    from apps.productions.audit import entries_for

    (day,) = services.days_append(production=production, count=1)
    john = CastFactory(production=production, id_number=1, character="JOHN")
    voice = CastFactory(production=production, id_number=2, character="JOHN'S VOICE")
    day.travellers.add(voice)
    SceneFactory(production=production).cast.add(voice)
    services.cast_merge(member=voice, into=[john])
    assert list(day.travellers.all()) == [john]
    reasons = {(e.action, e.target): e.reason for e in entries_for(production)}
    assert reasons[("deleted", "2. JOHN'S VOICE")] == "merged into 1. JOHN; 1 scene(s) moved"
    assert reasons[("changed", "1. JOHN")] == "took the 1 scene(s) of 2. JOHN'S VOICE in a merge"


def test_a_merge_is_refused_without_a_target_or_into_itself(production):
    crowd = CastFactory(production=production, character="THE CROWD")
    with pytest.raises(ScheduleError) as caught:
        services.cast_merge(member=crowd, into=[])
    assert caught.value.message == MERGE_NEEDS_TARGET.format(member=crowd)
    with pytest.raises(ScheduleError) as caught:
        services.cast_merge(member=crowd, into=[crowd])
    assert caught.value.message == MERGE_INTO_ITSELF.format(member=crowd)
    assert CastMember.objects.filter(pk=crowd.pk).exists()


def test_dropping_noise_takes_it_off_every_scene_and_records_why(ap_client, production):
    from apps.productions.audit import entries_for

    mara = CastFactory(production=production, character="MARA")
    crowd = CastFactory(production=production, id_number=9, character="ALL")
    scenes = [SceneFactory(production=production) for _ in range(2)]
    for scene in scenes:
        scene.cast.add(crowd, mara)
    page = ap_client.get(url(production, "cast_delete", pk=crowd.pk)).content.decode()
    assert "ALL is in 2 scenes" in page
    ap_client.post(url(production, "cast_delete", pk=crowd.pk))
    assert not CastMember.objects.filter(pk=crowd.pk).exists()
    assert all(list(scene.cast.all()) == [mara] for scene in scenes)
    (entry,) = [e for e in entries_for(production) if e.action == "deleted"]
    assert (entry.target, entry.reason) == ("9. ALL", "dropped from 2 scene(s)")


def test_a_part_used_on_a_call_sheet_is_neither_merged_nor_deleted(production):
    from apps.callsheets import services as callsheets
    from apps.callsheets.models import CastCall

    (day,) = services.days_append(production=production, count=1)
    john = CastFactory(production=production, character="JOHN")
    voice = CastFactory(production=production, character="JOHN'S VOICE")
    sheet = callsheets.callsheet_start(shoot_day=day)
    CastCall.objects.create(call_sheet=sheet, cast_member=voice)
    for action in (
        lambda: services.cast_delete(member=voice),
        lambda: services.cast_merge(member=voice, into=[john]),
    ):
        with pytest.raises(ScheduleError) as caught:
            action()
        assert caught.value.message == CAST_USED_ELSEWHERE.format(member=voice, uses="1 cast call")
    assert CastCall.objects.filter(cast_member=voice).exists()


# --- Cast on the breakdown sheet, like any category ---------------------------------------------


def test_cast_is_added_and_removed_on_the_breakdown_sheet_like_an_element(ap_client, production):
    mara = CastFactory(production=production, id_number=1, character="MARA")
    scene = SceneFactory(production=production)
    ap_client.post(
        url(production, "element_add", pk=scene.pk), {"category": "cast", "name": "MARA"}
    )
    ap_client.post(
        url(production, "element_add", pk=scene.pk), {"category": "cast", "name": "BARMAN"}
    )
    barman = CastMember.objects.get(production=production, character="BARMAN")
    assert set(scene.cast.all()) == {mara, barman}
    page = ap_client.get(url(production, "breakdown", pk=scene.pk)).content.decode()
    assert 'data-category="cast"' in page and "Remove MARA" in page
    ap_client.post(url(production, "cast_remove", pk=scene.pk, member_pk=mara.pk))
    assert list(scene.cast.all()) == [barman]
    assert CastMember.objects.filter(pk=mara.pk).exists()  # off the scene, still in the cast
    response = ap_client.post(
        url(production, "element_add", pk=scene.pk),
        {"category": "cast", "name": "mara"},
        follow=True,
    )
    assert "The cast already has 1. MARA" in response.content.decode().replace("&#x27;", "'")
    assert CastMember.objects.filter(production=production).count() == 2


# --- Elements -----------------------------------------------------------------------------------


def test_an_element_named_like_another_by_case_is_refused_on_add_and_on_rename(production):
    BreakdownElement.objects.create(production=production, category="vehicles", name="Red Volvo")
    taken = ELEMENT_NAME_TAKEN.format(category="Vehicles", existing="Red Volvo")
    with pytest.raises(ScheduleError) as caught:
        services.element_create(production=production, category="vehicles", name=" red volvo ")
    assert caught.value.message == taken
    van = services.element_create(production=production, category="vehicles", name="Van")
    with pytest.raises(ScheduleError) as caught:
        services.element_update(element=van, category="vehicles", name="RED VOLVO", quantity=1)
    assert caught.value.message == taken
    # Another category may have the name; an element may change its own case.
    services.element_create(production=production, category="props", name="red volvo")
    services.element_update(element=van, category="vehicles", name="VAN", quantity=2)
    van.refresh_from_db()
    assert (van.name, van.quantity) == ("VAN", 2)


def test_the_database_refuses_a_duplicate_by_case_too(production):
    from django.db import IntegrityError, transaction

    BreakdownElement.objects.create(production=production, category="vehicles", name="Red Volvo")
    with pytest.raises(IntegrityError), transaction.atomic():
        BreakdownElement.objects.create(
            production=production, category="vehicles", name="red volvo"
        )


def test_the_same_name_on_the_breakdown_sheet_puts_the_existing_element_on_the_scene(
    ap_client, production
):
    volvo = BreakdownElement.objects.create(
        production=production, category="vehicles", name="Red Volvo"
    )
    scene = SceneFactory(production=production)
    ap_client.post(
        url(production, "element_add", pk=scene.pk), {"category": "vehicles", "name": "Red Volvo"}
    )
    assert list(scene.elements.all()) == [volvo]
    page = ap_client.get(url(production, "breakdown", pk=scene.pk)).content.decode()
    assert '<option value="Red Volvo">' in page  # the type-ahead offers the names in use


def test_the_element_manager_counts_scenes_pages_and_shoot_days(ap_client, production):
    d1, d2 = services.days_append(production=production, count=2)
    cars = services.element_create(
        production=production, category="vehicles", name="Picture cars", quantity=3
    )
    services.element_create(production=production, category="animals", name="Dog")
    for day, eighths in ((d1, 4), (d1, 3), (d2, 8), (None, 2)):
        scene = SceneFactory(production=production, eighths=eighths)
        scene.elements.add(cars)
        if day:
            services.scene_move(production=production, scene_id=scene.pk, day_id=day.pk, position=0)
    omitted = SceneFactory(production=production, eighths=16, omitted=True)
    omitted.elements.add(cars)
    (vehicles,) = [
        g for g in breakdown.elements_by_category(production) if g.category == "vehicles"
    ]
    (row,) = vehicles.items
    assert (row.scene_count, row.eighths_total, row.day_count) == (4, 17, 2)
    page = ap_client.get(url(production, "elements")).content.decode()
    assert "Picture cars" in page and "Dog" in page and "2 1/8" in page
    assert 'data-category="vehicles"' in page and 'data-category="animals"' in page


def test_elements_are_added_renamed_and_recounted_on_the_manager(ap_client, production):
    response = ap_client.post(
        url(production, "elements"), {"category": "background", "name": "Commuters", "quantity": 20}
    )
    assert response.status_code == 302
    commuters = BreakdownElement.objects.get(production=production, name="Commuters")
    assert commuters.quantity == 20
    response = ap_client.post(
        url(production, "elements"), {"category": "background", "name": "COMMUTERS", "quantity": 1}
    )
    assert "Background already has “Commuters”." in response.content.decode()
    ap_client.post(
        url(production, "element_edit", pk=commuters.pk),
        {"category": "background", "name": "Morning commuters", "quantity": 25},
    )
    commuters.refresh_from_db()
    assert (commuters.name, commuters.quantity) == ("Morning commuters", 25)


def test_several_elements_merge_into_one_and_their_scenes_follow(ap_client, production):
    from apps.productions.audit import entries_for

    volvo = services.element_create(production=production, category="vehicles", name="Red Volvo")
    car = services.element_create(production=production, category="vehicles", name="Mara's car")
    saab = services.element_create(production=production, category="vehicles", name="Saab")
    scenes = [SceneFactory(production=production) for _ in range(3)]
    scenes[0].elements.add(volvo)
    scenes[1].elements.add(car, volvo)
    scenes[2].elements.add(saab)
    ap_client.post(
        url(production, "element_merge"), {"elements": [car.pk, saab.pk], "into": volvo.pk}
    )
    assert list(BreakdownElement.objects.filter(production=production)) == [volvo]
    assert all(list(scene.elements.all()) == [volvo] for scene in scenes)
    reasons = {(e.action, e.target): e.reason for e in entries_for(production)}
    assert reasons[("deleted", "Vehicles: Saab")] == "merged into Vehicles: Red Volvo"
    assert reasons[("changed", "Vehicles: Red Volvo")] == "merged in Mara's car, Saab; 2 scene(s)"


def test_a_merge_needs_other_elements(production):
    volvo = services.element_create(production=production, category="vehicles", name="Volvo")
    with pytest.raises(ScheduleError) as caught:
        services.element_merge(elements=[volvo], into=volvo)
    assert caught.value.message == MERGE_NEEDS_ELEMENTS.format(target="Volvo")


def test_deleting_an_element_shows_its_scene_count_first(ap_client, production):
    gun = services.element_create(production=production, category="props", name="Gun")
    for _ in range(2):
        SceneFactory(production=production).elements.add(gun)
    page = ap_client.get(url(production, "element_delete", pk=gun.pk)).content.decode()
    assert "Props: Gun is in 2 scenes" in page
    assert BreakdownElement.objects.filter(pk=gun.pk).exists()
    ap_client.post(url(production, "element_delete", pk=gun.pk))
    assert not BreakdownElement.objects.filter(pk=gun.pk).exists()


def test_a_quantity_shows_on_the_breakdown_sheet_and_the_shooting_schedule(ap_client, production):
    (day,) = services.days_append(production=production, count=1)
    scene = SceneFactory(production=production)
    scene.elements.add(
        services.element_create(
            production=production, category="background", name="Commuters", quantity=20
        ),
        services.element_create(production=production, category="props", name="Gun"),
    )
    services.scene_move(production=production, scene_id=scene.pk, day_id=day.pk, position=0)
    page = ap_client.get(url(production, "breakdown", pk=scene.pk)).content.decode()
    assert "20 × Commuters" in page and "1 × Gun" not in page
    report = ap_client.get(url(production, "report", key="shooting-schedule") + "?format=csv")
    assert "Background: 20 × Commuters; Props: Gun" in report.content.decode()


# --- The element report -------------------------------------------------------------------------


def test_the_element_report_lists_each_elements_scenes_by_shoot_day(ap_client, production):
    d1, d2 = services.days_append(production=production, count=2)
    mara = CastFactory(production=production, id_number=1, character="MARA")
    van = services.element_create(production=production, category="vehicles", name="Van")
    services.element_create(production=production, category="props", name="Unused")
    for number, day in (("1", d1), ("2", d2), ("3", d1), ("4", None)):
        scene = SceneFactory(production=production, number=number, eighths=4)
        scene.elements.add(van)
        scene.cast.add(mara)
        if day:
            services.scene_move(production=production, scene_id=scene.pk, day_id=day.pk, position=0)
    # Category, Element, Quantity, Day, Date, Scenes, Pages
    rows = list(reports.element_report(production).flat_rows())
    assert rows == [  # categories in the standard order: cast, ..., vehicles, props
        ["Cast", "1. MARA", 1, "Day 1", "2027-03-01", "1, 3", "1"],
        ["Cast", "1. MARA", 1, "Day 2", "2027-03-02", "2", "4/8"],
        ["Cast", "1. MARA", 1, "Not scheduled", "", "4", "4/8"],
        ["Vehicles", "Van", 1, "Day 1", "2027-03-01", "1, 3", "1"],
        ["Vehicles", "Van", 1, "Day 2", "2027-03-02", "2", "4/8"],
        ["Vehicles", "Van", 1, "Not scheduled", "", "4", "4/8"],
        ["Props", "Unused", 1, "", "", "", ""],
    ]
    for fmt in ("csv", "xlsx"):
        response = ap_client.get(url(production, "report", key="elements") + f"?format={fmt}")
        assert response.status_code == 200
    assert ap_client.get(url(production, "report", key="elements")).status_code == 200


# --- Day Out of Days for any category ------------------------------------------------------------


def test_a_dood_of_vehicles_codes_work_and_holds_as_the_cast_dood_does(ap_client, production):
    d1, d2, d3 = services.days_append(production=production, count=3)
    van = services.element_create(production=production, category="vehicles", name="Van")
    cars = services.element_create(
        production=production, category="vehicles", name="Picture cars", quantity=3
    )
    services.element_create(production=production, category="props", name="Gun")
    for day, elements in ((d1, [van]), (d2, [cars]), (d3, [van])):
        scene = SceneFactory(production=production)
        scene.elements.set(elements)
        services.scene_move(production=production, scene_id=scene.pk, day_id=day.pk, position=0)
    result = queries.dood(production, "vehicles")
    codes = {row.member.name: (row.codes, row.work, row.hold, row.total) for row in result.rows}
    assert codes == {
        "Picture cars": (["", "SWF", ""], 1, 0, 1),
        "Van": (["SW", "H", "WF"], 2, 1, 3),
    }
    response = ap_client.get(url(production, "report", key="dood") + "?category=vehicles")
    page = response.content.decode()
    assert "Day Out of Days: Vehicles" in page and "Picture cars" in page and "Gun" not in page
    assert "category=vehicles&amp;format=csv" in page  # exports keep the category
    csv_text = ap_client.get(
        url(production, "report", key="dood") + "?category=vehicles&format=csv"
    ).content.decode()
    lines = csv_text.splitlines()
    assert lines[0].startswith("Element,Quantity,D1 01/03,D2 02/03,D3 03/03,Work,Hold")
    assert lines[1].startswith("Picture cars,3,,SWF,,1,0,0,1")
    # An unknown category is the cast's DOOD, not an error.
    page = ap_client.get(url(production, "report", key="dood") + "?category=nope")
    assert page.status_code == 200 and "ID" in page.content.decode()


def test_export_dood_takes_a_category(production, tmp_path):
    import csv

    from django.core.management import call_command

    (day,) = services.days_append(production=production, count=1)
    dog = services.element_create(production=production, category="animals", name="Dog")
    scene = SceneFactory(production=production)
    scene.elements.add(dog)
    services.scene_move(production=production, scene_id=scene.pk, day_id=day.pk, position=0)
    out = tmp_path / "dood.csv"
    call_command("export_dood", production.slug, str(out), "--category", "animals")
    rows = list(csv.reader(out.open()))
    assert rows[0][:3] == ["Element", "Quantity", "D1 01/03"]
    assert rows[1][:3] == ["Dog", "1", "SWF"]
