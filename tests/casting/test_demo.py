"""The demo's casting: roles in every state, agencies, actors, submissions, a ranked shortlist."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from apps.accounts.models import User
from apps.casting.models import Role, RoleStatus, ShortlistEntry, Submission
from apps.productions.models import Production
from apps.schedules.models import CastMember

pytestmark = pytest.mark.django_db


def test_the_demo_has_roles_in_every_state_and_a_ranked_shortlist(client):
    call_command("seed_demo", stdout=io.StringIO())
    production = Production.objects.get(slug="night-ferry")
    roles = Role.objects.filter(production=production)
    assert {role.status for role in roles} == set(RoleStatus)
    parts = CastMember.objects.filter(production=production).count()
    assert roles.filter(cast_member__isnull=False).count() == parts
    booked = roles.filter(status=RoleStatus.BOOKED)
    assert booked.count() == 2 and all(role.booked_actor_id for role in booked)
    assert Submission.objects.filter(production=production).count() >= 6
    ranks = list(
        ShortlistEntry.objects.filter(production=production).values_list("rank", flat=True)
    )
    assert sorted(ranks) == [1, 2, 3]
    call_command("seed_demo", stdout=io.StringIO())  # again: nothing changes
    assert Role.objects.filter(production=production).count() == roles.count()
    assert Submission.objects.filter(production=production).count() >= 6
    client.force_login(User.objects.get(email="casting@demo.producerdesk.test"))
    role = booked.first()
    for page in ("", f"roles/{role.pk}/", "actors/", "agencies/", "roles.csv"):
        assert client.get(f"/p/{production.slug}/casting/{page}").status_code == 200, page
