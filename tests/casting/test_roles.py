"""Roles: from the schedule's cast (once), by hand, with their days from the Day Out of Days."""

from __future__ import annotations

import pytest

from apps.casting import queries, services
from apps.casting.errors import CastingError
from apps.casting.models import Role, RoleStatus
from apps.schedules import services as schedule
from apps.schedules.services.cast import cast_delete
from tests.casting.factories import RoleFactory
from tests.schedules.factories import CastFactory, SceneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(production):
    """Days D1, D2, D3: ANA works D1 and D3 (a hold on D2), BEN works D2."""
    d1, d2, d3 = schedule.days_append(production=production, count=3)
    ana = CastFactory(production=production, id_number=1, character="ANA")
    ben = CastFactory(production=production, id_number=2, character="BEN", speaking=False)
    for day, cast in ((d1, [ana]), (d2, [ben]), (d3, [ana])):
        scene = SceneFactory(production=production)
        scene.cast.set(cast)
        schedule.scene_move(production=production, scene_id=scene.pk, day_id=day.pk, position=0)
    return {"ana": ana, "ben": ben, "days": (d1, d2, d3)}


def test_roles_from_the_cast_make_one_role_per_part_and_run_twice_add_nothing(production, board):
    made = services.roles_from_cast(production=production)
    assert [role.name for role in made] == ["ANA", "BEN"]
    assert Role.objects.get(name="BEN").speaking is False
    assert services.roles_from_cast(production=production) == []
    assert Role.objects.filter(production=production).count() == 2


def test_a_role_added_by_hand_under_the_parts_name_becomes_the_parts_role(production, board):
    by_hand = RoleFactory(production=production, name="ana", description="The lead.")
    services.roles_from_cast(production=production)
    by_hand.refresh_from_db()
    assert by_hand.cast_member == board["ana"]
    assert Role.objects.filter(production=production).count() == 2


def test_a_roles_days_are_the_day_out_of_days(production, board):
    services.roles_from_cast(production=production)
    RoleFactory(production=production, name="WAITER")  # not on the schedule: no days
    rows = {row.role.name: row for row in queries.role_rows(production)}
    assert (rows["ANA"].work, rows["ANA"].hold, rows["ANA"].travel, rows["ANA"].days) == (
        2,
        1,
        0,
        3,
    )
    assert rows["BEN"].days == 1
    assert rows["WAITER"].days is None


def test_moving_a_strip_changes_the_roles_days(production, board):
    services.roles_from_cast(production=production)
    d1, d2, _ = board["days"]
    scene = board["ana"].scenes.get(shoot_day=d1)
    schedule.scene_move(production=production, scene_id=scene.pk, day_id=d2.pk, position=0)
    ana = next(r for r in queries.role_rows(production) if r.role.name == "ANA")
    assert (ana.work, ana.hold) == (2, 0)


def test_role_names_are_unique_whatever_their_case(production):
    RoleFactory(production=production, name="Nurse")
    with pytest.raises(CastingError, match="already a role called NURSE"):
        services.role_save(role=Role(production=production, name="NURSE"))


def test_another_productions_role_names_are_free(production):
    RoleFactory(name="Nurse")
    assert services.role_save(role=Role(production=production, name="Nurse")).pk


def test_dropping_the_part_keeps_the_role_without_it(production, board):
    services.roles_from_cast(production=production)
    member = board["ben"]
    member.scenes.clear()
    cast_delete(member=member)
    role = Role.objects.get(name="BEN")
    assert role.cast_member is None and role.status == RoleStatus.OPEN


def _edit(ap_client, production, role, status):
    from apps.productions.links import production_url

    data = {"name": role.name, "description": role.description, "gender": role.gender}
    data.update({"speaking": "on", "status": status})
    return ap_client.post(production_url(production, "casting:role_edit", pk=role.pk), data)


def test_a_role_with_an_offer_out_is_not_set_back_to_open_by_hand(ap_client, production):
    from apps.casting.offers import services as offers
    from tests.casting.offer_fixtures import TERMS, board, role_and_actor

    ana, _, _ = board(production)
    role, actor = role_and_actor(production, ana)
    offer = offers.offer_create(role=role, actor=actor, **TERMS)
    offers.offer_send(offer=offer)
    role.refresh_from_db()
    assert role.status == RoleStatus.OFFERED
    response = _edit(ap_client, production, role, RoleStatus.OPEN)
    assert response.status_code == 200
    assert "An offer is out to Ada Lovelace" in response.text
    role.refresh_from_db()
    assert role.status == RoleStatus.OFFERED


def test_a_booked_role_keeps_its_status_and_booked_is_not_set_by_hand(ap_client, production):
    from apps.casting.models import Actor

    actor = Actor.objects.create(production=production, name="Ines Duarte")
    booked = RoleFactory(production=production, status=RoleStatus.BOOKED, booked_actor=actor)
    response = _edit(ap_client, production, booked, RoleStatus.OPEN)
    assert "Ines Duarte is booked for" in response.text
    booked.refresh_from_db()
    assert booked.status == RoleStatus.BOOKED
    open_role = RoleFactory(production=production)
    response = _edit(ap_client, production, open_role, RoleStatus.BOOKED)
    assert "booked when the actor accepts an offer" in response.text
    open_role.refresh_from_db()
    assert open_role.status == RoleStatus.OPEN
    assert _edit(ap_client, production, open_role, RoleStatus.AUDITIONING).status_code == 302
