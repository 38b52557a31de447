"""Against the production setup (.ci/run): after a strip move, a real Celery worker works the call
sheets out into the Redis cache the site shares with it, and a member's first visit finds them
kept, equal to the page worked out afresh."""

from __future__ import annotations

import re
import time
import uuid
from datetime import date, timedelta

import pytest
from django.core.cache import caches
from django.db import connection

from apps.callsheets import ahead, services
from apps.core.freshness import settle
from apps.productions.capabilities import Role
from tests.callsheets.factories import shoot_day_with_crew
from tests.callsheets.test_ahead import KEPT, afresh, move_scene, signed_in, url, visit
from tests.processes import start_worker, xdist_worker

pytestmark = [pytest.mark.worker]


@pytest.fixture
def worker_sharing_the_cache(transactional_db, tmp_path, settings):
    """A worker and this test's site sharing one Redis fragment cache (under a prefix of their
    own), on a private queue."""
    from producer_desk.celery import app

    if settings.CELERY_TASK_ALWAYS_EAGER or connection.vendor != "postgresql":
        pytest.skip("needs the production setup: PostgreSQL and CELERY_BROKER_URL (.ci/run)")
    broker = settings.CELERY_BROKER_URL
    shared = {"url": broker.rsplit("/", 1)[0] + "/11", "prefix": f"test-{uuid.uuid4().hex[:8]}"}
    settings.CACHES = {
        **settings.CACHES,
        "fragments": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": shared["url"],
            "KEY_PREFIX": shared["prefix"],
            "TIMEOUT": 600,
        },
    }
    settings.CALL_SHEETS_AHEAD = True
    settings.CALL_SHEETS_AHEAD_DELAY = 0
    queue = f"test-{xdist_worker()}-{uuid.uuid4().hex[:8]}"
    previous_queue = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    env = {"FRAGMENT_CACHE_URL": shared["url"], "FRAGMENT_CACHE_PREFIX": shared["prefix"]}
    worker = None
    try:
        worker = start_worker(tmp_path, queue=queue, env=env)
        yield worker
    finally:
        app.conf.task_default_queue = previous_queue
        if worker:
            worker.stop()


def test_the_worker_works_the_call_sheets_out_after_a_strip_move(
    worker_sharing_the_cache, settings
):
    from tests.factories import ProductionFactory

    production = ProductionFactory(first_shoot_day=date.today() + timedelta(days=40))
    day1 = shoot_day_with_crew(production)
    one = services.callsheet_start(shoot_day=day1)
    two = services.callsheet_start(shoot_day=day1.extra["day2"])
    ap, coordinator = signed_in(production), signed_in(production, Role.COORDINATOR)
    settle()
    cache = caches["fragments"]
    marks = [key.format(production.pk) for key in (ahead.PENDING, ahead.RUNNING)]

    def every_run_done() -> bool:  # one ran, and none is queued or working
        done = cache.get(ahead.INPUTS.format(production.pk)) is not None
        return done and not any(cache.get(mark) for mark in marks)

    move_scene(ap, production, two.shoot_day.scenes.get(number="3"), one.shoot_day)
    deadline = time.monotonic() + 60
    while not every_run_done() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert every_run_done(), worker_sharing_the_cache.log_path.read_text()
    pages = {}
    for call_sheet in (one, two):
        pages[call_sheet], queries = visit(coordinator, url(call_sheet))
        assert queries <= KEPT  # nobody had visited since the move: the worker's sheet
        assert pages[call_sheet] == afresh(coordinator, url(call_sheet), settings)
    scenes = re.search(r'data-testid="scenes">.*?</table>', pages[one], re.S).group(0)
    assert '<td class="fw-bold">3</td>' in scenes  # the moved scene, on day 1's sheet
