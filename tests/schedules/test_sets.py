"""Sets can be renamed and merged: a script's near-duplicates ("KITCHEN" and "KITCHEN - LATER")
become one set, its scenes with it, and the audit log says so."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.productions.audit import entries_for
from apps.schedules import services
from apps.schedules.models import Scene, Set
from apps.schedules.services import SET_NAME_TAKEN, SETS_TO_MERGE, ScheduleError
from tests.schedules.factories import LocationFactory, SceneFactory, SetFactory

pytestmark = pytest.mark.django_db


def _url(production, name, **kwargs):
    return reverse(f"schedules:{name}", kwargs={"production_slug": production.slug, **kwargs})


@pytest.fixture
def kitchens(production):
    """KITCHEN (2 scenes, at the studio), KITCHEN - NIGHT (1973) and Kitchen, later (1 each)."""
    studio = LocationFactory(production=production, name="Stage 2")
    kitchen = SetFactory(production=production, name="KITCHEN", location=studio)
    stray = SetFactory(production=production, name="KITCHEN - NIGHT (1973)")
    later = SetFactory(production=production, name="KITCHEN, LATER")
    SceneFactory(production=production, number="1", set=kitchen, eighths=8)
    SceneFactory(production=production, number="2", set=kitchen, eighths=3, int_ext="EXT")
    SceneFactory(production=production, number="3", set=stray, eighths=5)
    SceneFactory(production=production, number="4", set=later, eighths=2)
    return kitchen, stray, later


def test_a_set_is_renamed_and_keeps_its_scenes(production, kitchens):
    _, stray, _ = kitchens
    renamed = services.set_rename(set_=stray, name="  kitchen 1973 ")
    assert renamed.name == "KITCHEN 1973"
    assert Scene.objects.get(number="3").set == renamed


def test_a_rename_to_a_name_in_use_is_refused_whatever_its_case(production, kitchens):
    kitchen, stray, _ = kitchens
    with pytest.raises(ScheduleError) as refused:
        services.set_rename(set_=stray, name="Kitchen")
    assert refused.value.message == SET_NAME_TAKEN.format(name="KITCHEN")
    stray.refresh_from_db()
    assert stray.name == "KITCHEN - NIGHT (1973)"


def test_renaming_a_set_to_its_own_name_in_another_case_is_allowed(production):
    set_ = SetFactory(production=production, name="Pier")
    assert services.set_rename(set_=set_, name="pier").name == "PIER"


def test_sets_merge_into_one_moving_their_scenes_and_the_audit_log_says_so(
    production, kitchens, ap
):
    kitchen, stray, later = kitchens
    merged = services.sets_merge(target=kitchen, others=[stray, later], user=ap)
    assert merged == kitchen
    assert list(Set.objects.filter(production=production)) == [kitchen]
    assert set(Scene.objects.values_list("set__name", flat=True)) == {"KITCHEN"}
    reasons = [entry.reason for entry in entries_for(production)]
    assert "merged KITCHEN - NIGHT (1973), KITCHEN, LATER into this set (2 scenes)" in reasons
    assert "merged into KITCHEN" in reasons
    assert "set KITCHEN - NIGHT (1973) merged into KITCHEN" in reasons


def test_a_merge_needs_another_set_of_the_same_production(production, kitchens):
    kitchen, _, _ = kitchens
    with pytest.raises(ScheduleError) as refused:
        services.sets_merge(target=kitchen, others=[kitchen])
    assert refused.value.message == SETS_TO_MERGE
    elsewhere = SetFactory(name="KITCHEN")  # another production
    with pytest.raises(ScheduleError):
        services.sets_merge(target=kitchen, others=[elsewhere])
    assert Set.objects.filter(pk=elsewhere.pk).exists()


def test_the_sets_page_lists_location_scene_count_pages_and_int_ext(
    production, kitchens, ap_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        html = ap_client.get(_url(production, "sets")).content.decode()
    kitchen, _, _ = kitchens
    row = html[html.index(f'data-set="{kitchen.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "Stage 2" in row and "1 3/8" in row and "INT, EXT" in row
    assert ">2<" in row  # scenes
    assert 'name="sets"' in html and 'name="target"' in html  # pick sets, keep one


def test_sets_are_merged_from_the_sets_page(production, kitchens, ap_client):
    kitchen, stray, later = kitchens
    response = ap_client.post(
        _url(production, "sets_merge"),
        {"sets": [kitchen.pk, stray.pk, later.pk], "target": kitchen.pk},
    )
    assert response.status_code == 302
    assert list(Set.objects.filter(production=production)) == [kitchen]


def test_a_merge_from_the_page_needs_two_sets(production, kitchens, ap_client):
    kitchen, _, _ = kitchens
    response = ap_client.post(
        _url(production, "sets_merge"), {"sets": [kitchen.pk], "target": kitchen.pk}, follow=True
    )
    assert SETS_TO_MERGE in response.content.decode()
    assert Set.objects.filter(production=production).count() == 3


def test_renaming_on_the_set_page_to_a_taken_name_offers_a_merge(production, kitchens, ap_client):
    kitchen, stray, _ = kitchens
    response = ap_client.post(
        _url(production, "set_edit", pk=stray.pk), {"name": "kitchen", "location": ""}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is already a set called KITCHEN" in html
    assert f'value="{kitchen.pk}"' in html and "Merge into KITCHEN" in html
    stray.refresh_from_db()
    assert stray.name == "KITCHEN - NIGHT (1973)"


def test_the_set_page_renames_and_maps_a_set(production, kitchens, ap_client):
    _, stray, _ = kitchens
    studio = LocationFactory(production=production, name="Stage 3")
    response = ap_client.post(
        _url(production, "set_edit", pk=stray.pk), {"name": "Kitchen 1973", "location": studio.pk}
    )
    assert response.status_code == 302
    stray.refresh_from_db()
    assert (stray.name, stray.location) == ("KITCHEN 1973", studio)
