"""Committing a signed offer again is for an offer nothing is committed for (the budget was not
ready when the actor accepted). Once a cost is committed, it moves only through a re-price the AP
sees with its difference and confirms: "Commit again" is not a way around that."""

from __future__ import annotations

from decimal import Decimal

import pytest

from apps.budgets.models import Commitment
from apps.casting.errors import CastingError
from apps.casting.offers import services as offers
from apps.casting.offers.models import Offer, Reprice, RepriceState
from apps.productions.links import production_url
from apps.schedules import services
from tests.casting.offer_fixtures import accepted_offer, budget

pytestmark = pytest.mark.django_db


def _signed(production, hooks, *, with_budget=True):
    offer, _, scenes = accepted_offer(production, hooks, with_budget=with_budget)
    return offer, scenes


def test_commit_again_never_moves_a_committed_cost_past_its_reprice(
    production, ap_client, django_capture_on_commit_callbacks
):
    offer, scenes = _signed(production, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.scene_move(production=production, scene_id=scenes[2].pk, day_id=None, position=0)
    assert Reprice.objects.get(state=RepriceState.PENDING).new_amount == Decimal("3650.01")
    page = ap_client.get(production_url(production, "casting:offer", pk=offer.pk)).text
    assert "Commit again" not in page
    ap_client.post(production_url(production, "casting:offer_commit", pk=offer.pk))
    assert Commitment.objects.get().amount == Decimal("4150.02")  # still what was committed
    assert Reprice.objects.get().state == RepriceState.PENDING  # still waiting for the AP
    with pytest.raises(CastingError, match="re-price for the AP"):
        offers.offer_commit(offer=offer)


def test_commit_again_commits_an_offer_the_budget_was_not_ready_for(
    production, ap_client, django_capture_on_commit_callbacks
):
    offer, _ = _signed(production, django_capture_on_commit_callbacks, with_budget=False)
    assert offer.committed_amount is None and offer.commitment_error
    budget(production)
    url = production_url(production, "casting:offer", pk=offer.pk)
    assert "Commit again" in ap_client.get(url).text
    ap_client.post(production_url(production, "casting:offer_commit", pk=offer.pk))
    assert Commitment.objects.get().amount == Decimal("4150.02")
    offer = Offer.objects.get(pk=offer.pk)
    assert (offer.committed_amount, offer.commitment_error) == (Decimal("4150.02"), "")
    assert "committed" in offer.history.first().history_change_reason
