"""Countersigning an offer through its page (issue 19's audit: offer_countersign had no test).

The actor accepts through the link; the producer countersigns on the offer's page: the offer is
countersigned, by whom and when, in its history and the audit log as crew's deal memo engine
records it ("countersigned by ..."), and a second countersignature is refused. A role that may
not edit casting is refused and changes nothing."""

from __future__ import annotations

import pytest

from apps.casting.offers import services as offers
from apps.casting.offers.models import Offer, OfferState
from apps.productions.capabilities import Role as MemberRole
from apps.productions.links import production_url
from tests.casting.offer_fixtures import TERMS, accepted_offer, board, role_and_actor
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(production, django_capture_on_commit_callbacks) -> Offer:
    offer, _, _ = accepted_offer(production, django_capture_on_commit_callbacks)
    assert offer.state == OfferState.ACCEPTED
    return offer


def countersign(client, offer):
    return client.post(production_url(offer.production, "casting:offer_countersign", pk=offer.pk))


def test_the_producer_countersigns_an_accepted_offer_on_its_page(client, producer, accepted):
    client.force_login(producer)
    page = client.get(production_url(accepted.production, "casting:offer", pk=accepted.pk))
    action = production_url(accepted.production, "casting:offer_countersign", pk=accepted.pk)
    assert f'action="{action}"' in page.content.decode()  # the button is there to press
    version = accepted.version

    response = countersign(client, accepted)

    assert response.status_code == 302
    accepted.refresh_from_db()
    assert accepted.state == OfferState.COUNTERSIGNED
    assert accepted.countersigned_by == producer and accepted.countersigned_at is not None
    assert accepted.version == version + 1
    latest = accepted.history.latest()
    assert latest.history_change_reason == f"countersigned by {producer.display_name}"
    assert latest.history_user == producer
    page = client.get(production_url(accepted.production, "casting:offer", pk=accepted.pk))
    assert f"Countersigned by {producer}" in page.content.decode()
    assert f'action="{action}"' not in page.content.decode()  # nothing left to countersign


def test_the_countersignature_is_in_the_audit_log(client, producer, accepted):
    client.force_login(producer)
    countersign(client, accepted)
    entries = client.get(production_url(accepted.production, "productions:audit")).context[
        "entries"
    ]
    (entry,) = [e for e in entries if e.kind == "Offer" and e.reason.startswith("countersigned")]
    assert entry.reason == f"countersigned by {producer.display_name}"
    assert entry.who == producer.display_name


def test_an_offer_cannot_be_countersigned_twice(client, producer, ap, accepted):
    client.force_login(producer)
    countersign(client, accepted)
    accepted.refresh_from_db()
    first = (accepted.countersigned_by, accepted.countersigned_at, accepted.version)
    rows = accepted.history.count()

    client.force_login(ap)
    response = countersign(client, accepted)

    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert offers.OFFER_NOT_ACCEPTED in follow.content.decode()  # the refusal, in words
    accepted.refresh_from_db()
    assert accepted.state == OfferState.COUNTERSIGNED
    assert (accepted.countersigned_by, accepted.countersigned_at, accepted.version) == first
    assert accepted.history.count() == rows


def test_an_offer_not_yet_accepted_is_not_countersigned(client, producer, production):
    ana, _, _ = board(production)
    role, actor = role_and_actor(production, ana)
    offer = offers.offer_create(role=role, actor=actor, **TERMS)
    client.force_login(producer)
    countersign(client, offer)
    offer.refresh_from_db()
    assert offer.state == OfferState.DRAFT and offer.countersigned_at is None


@pytest.mark.parametrize("role", [MemberRole.CREW, MemberRole.COORDINATOR, MemberRole.ACCOUNTANT])
def test_a_role_without_the_right_is_refused(client, production, accepted, role):
    client.force_login(member(production, role))
    assert countersign(client, accepted).status_code == 403
    accepted.refresh_from_db()
    assert accepted.state == OfferState.ACCEPTED and accepted.countersigned_at is None
