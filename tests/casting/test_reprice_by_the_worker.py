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


def test_the_worker_tries_again_when_the_database_is_out_of_reach(
    booked, ap, monkeypatch, django_capture_on_commit_callbacks
):
    from django.db import OperationalError

    from apps.casting.offers import money
    from apps.schedules import services

    offer, scenes = booked
    production = offer.production
    with tasks_in_process(eager=False), pytest.MonkeyPatch.context() as patch:
        patch.setattr(reprices_propose_task, "apply_async", lambda *args, **options: None)
        with django_capture_on_commit_callbacks(execute=True):
            services.scene_move(
                production=production, scene_id=scenes[2].pk, day_id=None, position=0
            )
    tries = []
    propose = money.reprices_propose

    def once_out_of_reach(*args, **kwargs):
        tries.append(1)
        if len(tries) == 1:
            raise OperationalError("the database is restarting")
        return propose(*args, **kwargs)

    monkeypatch.setattr(money, "reprices_propose", once_out_of_reach)
    result = reprices_propose_task.apply(args=(production.pk, ap.pk))
    assert result.successful() and result.get() == 1
    assert len(tries) == 2
    assert Reprice.objects.get(state=RepriceState.PENDING).history.first().history_user == ap
