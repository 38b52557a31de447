"""A strip move answers without working out the booked actors' new costs: that reads every booked
actor's Day Out of Days, so the worker does it once the move committed, and the audit trail still
names who moved the strip. Where tasks run in-process, or the broker is out of reach, the move's
request does it, as before: a re-price is never lost."""

from __future__ import annotations

from decimal import Decimal

import pytest

from apps.casting.offers.models import Reprice, RepriceState
from apps.casting.offers.tasks import reprices_propose_task
from apps.productions.links import production_url
from tests.casting.offer_fixtures import accepted_offer
from tests.conftest import tasks_in_process

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked(production, django_capture_on_commit_callbacks):
    offer, _, scenes = accepted_offer(production, django_capture_on_commit_callbacks)
    return offer, scenes


def move_to_the_bin(client, production, scene, capture):
    with capture(execute=True):
        answer = client.post(
            production_url(production, "schedules:move"),
            {"scene": scene.pk, "position": 0},
            HTTP_ACCEPT="application/json",
        )
    assert answer.status_code == 200, answer.content
    return answer


@pytest.fixture
def queued(monkeypatch):
    """The re-price runs queued for the worker, as their arguments; tasks go to a worker."""
    runs = []
    monkeypatch.setattr(
        reprices_propose_task, "apply_async", lambda args, **options: runs.append(tuple(args))
    )
    with tasks_in_process(eager=False):
        yield runs


def test_a_strip_move_leaves_the_reprice_to_the_worker_which_names_the_mover(
    booked, ap, ap_client, queued, django_capture_on_commit_callbacks
):
    offer, scenes = booked
    production = offer.production
    move_to_the_bin(ap_client, production, scenes[2], django_capture_on_commit_callbacks)
    assert not Reprice.objects.exists()  # the answer did not wait for it
    assert queued == [(production.pk, ap.pk)]

    assert reprices_propose_task(*queued[0]) == 1
    reprice = Reprice.objects.get(state=RepriceState.PENDING)
    assert reprice.difference == Decimal("-500.01")
    record = reprice.history.first()
    assert record.history_user == ap
    assert record.history_change_reason.startswith("the board moved: Ada Lovelace would cost")


def test_where_tasks_run_in_process_the_move_proposes_it_at_once(
    booked, ap, ap_client, django_capture_on_commit_callbacks
):
    offer, scenes = booked
    move_to_the_bin(ap_client, offer.production, scenes[2], django_capture_on_commit_callbacks)
    reprice = Reprice.objects.get(state=RepriceState.PENDING)
    assert reprice.history.first().history_user == ap


def test_a_broker_out_of_reach_proposes_it_in_the_request(
    booked, ap, ap_client, monkeypatch, django_capture_on_commit_callbacks
):
    def unreachable(*args, **kwargs):
        raise ConnectionError("broker down")

    offer, scenes = booked
    monkeypatch.setattr(reprices_propose_task, "apply_async", unreachable)
    with tasks_in_process(eager=False):
        move_to_the_bin(ap_client, offer.production, scenes[2], django_capture_on_commit_callbacks)
    reprice = Reprice.objects.get(state=RepriceState.PENDING)
    assert reprice.history.first().history_user == ap


def test_a_production_gone_before_the_worker_came_is_nothing_to_do():
    assert reprices_propose_task(10**9, None) == 0
