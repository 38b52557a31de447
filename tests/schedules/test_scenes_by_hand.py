"""Scenes by hand: add, edit, split, omit; cast IDs; sets mapped to locations."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.schedules import services
from apps.schedules.models import BreakdownElement, CastMember, Location, Scene, Set
from apps.schedules.services import SCENE_NUMBER_TAKEN, SPLIT_TOO_SHORT, ScheduleError
from tests.schedules.factories import CastFactory, SceneFactory

pytestmark = pytest.mark.django_db


def url(production, name, **kwargs):
    return reverse(f"schedules:{name}", kwargs={"production_slug": production.slug, **kwargs})


def test_a_scene_added_by_hand_takes_pages_in_eighths(ap_client, production):
    ana = CastFactory(production=production)
    response = ap_client.post(
        url(production, "scene_add"),
        {
            "number": "12a",
            "int_ext": "EXT",
            "set_name": "pier",
            "time_of_day": "night",
            "eighths": "1 3/8",
            "cast": [ana.pk],
        },
    )
    assert response.status_code == 302
    scene = Scene.objects.get(production=production, number="12A")
    assert (scene.eighths, scene.set.name, scene.time_of_day) == (11, "PIER", "NIGHT")
    assert list(scene.cast.all()) == [ana]


def test_a_page_length_that_is_not_in_eighths_is_refused(ap_client, production):
    response = ap_client.post(
        url(production, "scene_add"), {"number": "1", "set_name": "PIER", "eighths": "1.5"}
    )
    assert "Not a page length in eighths" in response.content.decode()
    assert not Scene.objects.exists()


def test_scene_numbers_are_unique_in_a_production(production):
    SceneFactory(production=production, number="4")
    with pytest.raises(ScheduleError) as caught:
        services.scene_create(production=production, number="4", set_name="X")
    assert caught.value.message == SCENE_NUMBER_TAKEN.format(number="4")


def test_editing_a_scene_keeps_its_breakdown(ap_client, production):
    scene = SceneFactory(production=production)
    gun = BreakdownElement.objects.create(production=production, category="props", name="Gun")
    scene.elements.add(gun)
    ap_client.post(
        url(production, "scene_edit", pk=scene.pk),
        {"number": scene.number, "int_ext": "INT", "set_name": "BRIDGE", "eighths": "2"},
    )
    scene.refresh_from_db()
    assert scene.eighths == 16 and list(scene.elements.all()) == [gun]


def test_splitting_a_scene_shares_its_pages_cast_and_place_on_the_board(production):
    (day,) = services.days_append(production=production, count=1)
    scene = SceneFactory(production=production, number="7", eighths=12)
    after = SceneFactory(production=production, number="8")
    scene.cast.add(CastFactory(production=production))
    services.scene_move(production=production, scene_id=scene.pk, day_id=day.pk, position=0)
    services.scene_move(production=production, scene_id=after.pk, day_id=day.pk, position=1)
    part = services.scene_split(scene=scene, new_number="7a", new_eighths=4)
    scene.refresh_from_db()
    assert (scene.eighths, part.eighths, part.number) == (8, 4, "7A")
    assert list(part.cast.all()) == list(scene.cast.all())
    numbers = Scene.objects.filter(shoot_day=day).order_by("board_position")
    assert [s.number for s in numbers] == ["7", "7A", "8"]


def test_a_scene_of_one_eighth_cannot_be_split(production):
    scene = SceneFactory(production=production, eighths=1)
    with pytest.raises(ScheduleError) as caught:
        services.scene_split(scene=scene, new_number="1A", new_eighths=1)
    assert caught.value.message == SPLIT_TOO_SHORT


def test_omitting_a_scene_keeps_it_marked_and_takes_it_off_the_board(ap_client, production):
    (day,) = services.days_append(production=production, count=1)
    scene = SceneFactory(production=production)
    services.scene_move(production=production, scene_id=scene.pk, day_id=day.pk, position=0)
    ap_client.post(url(production, "scene_omit", pk=scene.pk), {"omitted": "1"})
    scene.refresh_from_db()
    assert scene.omitted and scene.shoot_day is None
    assert "OMITTED" in ap_client.get(url(production, "scenes")).content.decode()


def test_giving_a_cast_member_a_taken_id_swaps_the_two(ap_client, production):
    ana = CastFactory(production=production, id_number=1, character="ANA")
    ben = CastFactory(production=production, id_number=2, character="BEN")
    ap_client.post(
        url(production, "cast_edit", pk=ben.pk),
        {"id_number": 1, "character": "BEN", "actor": "Ben Actor", "unavailable_dates": ""},
    )
    ana.refresh_from_db()
    ben.refresh_from_db()
    assert (ana.id_number, ben.id_number, ben.actor) == (2, 1, "Ben Actor")


def test_a_location_keeps_coordinates_as_decimals_and_a_set_maps_to_it(ap_client, production):
    ap_client.post(
        url(production, "location_add"),
        {
            "name": "Pier 4",
            "address": "Ferry Road",
            "latitude": "43.657800",
            "longitude": "-70.248900",
            "hospital_name": "Maine Medical",
            "hospital_address": "22 Bramhall St",
            "hospital_phone": "+1 207 662 0111",
            "permit_status": "granted",
            "permit_start": "2027-03-01",
            "permit_end": "2027-03-31",
            "unavailable_dates": "2027-03-05\n2027-03-04",
        },
    )
    pier = Location.objects.get(production=production)
    assert str(pier.latitude) == "43.657800" and pier.unavailable_dates == [
        "2027-03-04",
        "2027-03-05",
    ]
    deck = Set.objects.create(production=production, name="DECK")
    ap_client.post(url(production, "set_edit", pk=deck.pk), {"name": "DECK", "location": pier.pk})
    deck.refresh_from_db()
    assert deck.location == pier


def test_breakdown_elements_are_added_and_removed_on_the_sheet(ap_client, production):
    scene = SceneFactory(production=production)
    ap_client.post(
        url(production, "element_add", pk=scene.pk), {"category": "vehicles", "name": "Van"}
    )
    van = BreakdownElement.objects.get(production=production, name="Van")
    assert list(scene.elements.all()) == [van]
    ap_client.post(url(production, "element_remove", pk=scene.pk, element_pk=van.pk))
    assert not scene.elements.exists()
    assert CastMember.objects.count() == 0


def test_a_production_with_scenes_can_be_deleted_but_a_set_in_use_cannot(production):
    from django.db.models import RestrictedError

    scene = SceneFactory(production=production)
    with pytest.raises(RestrictedError):
        scene.set.delete()
    production.delete()
    assert not Scene.objects.exists()


def test_a_second_location_or_set_with_the_same_name_is_refused(ap_client, production):
    Location.objects.create(production=production, name="Pier 4")
    response = ap_client.post(
        url(production, "location_add"), {"name": "Pier 4", "permit_status": "granted"}
    )
    assert "already has one called &#x27;Pier 4&#x27;" in response.content.decode()
    Set.objects.create(production=production, name="DECK")
    galley = Set.objects.create(production=production, name="GALLEY")
    response = ap_client.post(url(production, "set_edit", pk=galley.pk), {"name": "deck"})
    assert "There is already a set called DECK" in response.content.decode()  # any case
    assert "Merge into DECK" in response.content.decode()
    ana = CastFactory(production=production, character="ANA")
    ben = CastFactory(production=production, character="BEN")
    response = ap_client.post(
        url(production, "cast_edit", pk=ben.pk), {"id_number": ben.id_number, "character": "ANA"}
    )
    assert "already has one called" in response.content.decode()
    assert ana.character == "ANA"
