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
    from apps.budgets.models import Commitment
    from apps.casting.auditions.models import AuditionSession
    from apps.casting.offers import money
    from apps.casting.offers.models import SIGNED_STATES, Offer

    signed = Offer.objects.filter(production=production, state__in=SIGNED_STATES)
    assert {offer.role_id for offer in signed} == {role.pk for role in booked}
    assert all(offer.committed_amount and offer.committed_amount > 0 for offer in signed)
    for offer in signed:  # committed in the budget, at what the demo board gives today
        assert offer.committed_amount == money.cost_now(offer).amount
        line = Commitment.objects.get(
            production=production, description__startswith=offer.actor.name
        )
        assert line.amount == offer.committed_amount
    assert Offer.objects.filter(production=production).exclude(state__in=SIGNED_STATES).exists()
    (session,) = AuditionSession.objects.filter(production=production, follows__isnull=True)
    assert session.slots.count() >= 3
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
