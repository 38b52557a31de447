"""A call sheet is kept once for every member who may see it, and worked out ahead by the worker
after a change that reaches it (apps/callsheets/ahead.py): a first visit after a strip move finds
it kept. What depends on who looks (the buttons) is worked out on every visit; what was kept is
never served once the data under it moved."""

from __future__ import annotations

import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.callsheets import ahead, queries, services
from apps.callsheets.ahead import work_out_call_sheets
from apps.core.freshness import Stamps, settle
from apps.productions.capabilities import Role
from apps.productions.models import Membership
from tests.callsheets.factories import shoot_day_with_crew
from tests.conftest import tasks_in_process
from tests.factories import member

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")([^"]+)')
# A kept visit reads the session, the user, the membership with its production and the call
# sheet the URL names (with its latest revision's number); a worked-out one, its whole sheet.
KEPT = 4


@pytest.fixture(autouse=True)
def _no_kept_fragments():
    caches["fragments"].clear()
    yield
    caches["fragments"].clear()


@pytest.fixture
def sheets(production):
    day1 = shoot_day_with_crew(production)
    one = services.callsheet_start(shoot_day=day1)
    two = services.callsheet_start(shoot_day=day1.extra["day2"])
    return one, two


@pytest.fixture
def clients(production, sheets) -> dict[str, Client]:
    """Signed-in members by role, made before anyone looks (the sheet lists the producers and
    APs: a new member is a change that reaches it)."""
    roles = [Role.ASSOCIATE_PRODUCER, Role.PRODUCER, Role.COORDINATOR, Role.CREW]
    made = {role: signed_in(production, role) for role in roles}
    settle()  # the setup's writes end, as a request's would
    return made


def url(call_sheet) -> str:
    return reverse("callsheets:detail", args=[call_sheet.production.slug, call_sheet.pk])


def signed_in(production, role=Role.ASSOCIATE_PRODUCER) -> Client:
    client = Client()
    client.force_login(member(production, role))
    return client


def visit(client: Client, path: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return CSRF.sub(r"\1", response.content.decode()), len(queries)


def afresh(client: Client, path: str, settings) -> str:
    settings.FRAGMENT_CACHE = False
    try:
        return visit(client, path)[0]
    finally:
        settings.FRAGMENT_CACHE = True


def move_scene(client: Client, production, scene, day) -> None:
    response = client.post(
        reverse("schedules:move", args=[production.slug]),
        {"scene": scene.pk, "day": day.pk, "position": "0"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200


# --- Kept once for every member ------------------------------------------------------------------


def test_a_call_sheet_kept_for_one_member_serves_the_next_member(sheets, clients, settings):
    one, _ = sheets
    visit(clients[Role.ASSOCIATE_PRODUCER], url(one))  # the first member works it out
    producer = clients[Role.PRODUCER]
    page, queries = visit(producer, url(one))
    assert queries <= KEPT  # before: every member worked the whole sheet out again (17 queries)
    assert page == afresh(producer, url(one), settings)


def test_what_depends_on_who_looks_is_worked_out_for_each_visit(sheets, clients):
    one, _ = sheets
    ap_page, _ = visit(clients[Role.ASSOCIATE_PRODUCER], url(one))
    crew_page, queries = visit(clients[Role.CREW], url(one))
    assert queries <= KEPT
    assert "Publish" in ap_page and "bi-pencil" in ap_page
    assert "Publish" not in crew_page and "bi-pencil" not in crew_page
    assert 'data-testid="callsheet"' in crew_page


@pytest.mark.parametrize(
    "uses",
    ["{% if can.publish_callsheets %}x{% endif %}", "{{ user }}", "{{ request.user.email }}",
     "{{ membership.role }}", "{% for item in production_nav %}{% endfor %}"],
)  # fmt: skip
def test_a_block_kept_for_everyone_cannot_show_who_looks(uses):
    template = Template(
        '{% load fragments %}{% fragment "t" for_everyone %}' + uses + "{% endfragment %}"
    )
    names = {"can": {"publish_callsheets": True}, "user": "ap", "membership": "m"}
    context = Context({**names, "data_stamp": Stamps(key=(1,), member=7), "production_nav": []})
    with pytest.raises(TemplateSyntaxError, match="depends on who looks"):
        template.render(context)


def test_a_block_kept_for_one_member_is_kept_for_that_member_only():
    template = Template('{% load fragments %}{% fragment "t" %}{{ user }}{% endfragment %}')
    assert template.render(Context({"user": "ap", "data_stamp": Stamps((1,), member=7)})) == "ap"
    assert template.render(Context({"user": "pm", "data_stamp": Stamps((1,), member=8)})) == "pm"
    assert template.render(Context({"user": "ap2", "data_stamp": Stamps((1,), member=7)})) == "ap"


# --- Worked out ahead -----------------------------------------------------------------------------


def test_the_worker_works_every_draft_out_ahead(production, sheets, clients, settings):
    one, two = sheets
    assert ahead.work_out(production.pk) == 2
    client = clients[Role.COORDINATOR]
    for call_sheet in (one, two):
        page, queries = visit(client, url(call_sheet))
        assert queries <= KEPT  # nobody had visited: the worker's sheet is served
        assert page == afresh(client, url(call_sheet), settings)
    inputs = caches["fragments"].get(ahead.INPUTS.format(production.pk))
    assert {"schedules_scene", "schedules_shootday", "crew_engagement"} <= inputs
    assert not any(table.startswith(("budgets_", "vendors_")) for table in inputs)


def test_the_worker_reads_what_every_sheet_shares_once_and_builds_the_same_sheets(sheets):
    production = sheets[0].production
    shared = queries.shared_for(production)
    for call_sheet in sheets:
        assert queries.sheet_data(call_sheet, shared) == queries.sheet_data(call_sheet)
    with CaptureQueriesContext(connection) as alone:
        queries.sheet_data(sheets[0])
    with CaptureQueriesContext(connection) as with_shared:
        queries.sheet_data(sheets[0], shared)
    assert len(with_shared) <= len(alone) - 4  # the days, the DOOD and the members


def test_a_change_to_what_every_sheet_reads_alike_reaches_every_sheet(production, sheets, clients):
    ahead.work_out(production.pk)  # the office's names are read once, for every sheet
    producer = Membership.objects.get(production=production, role=Role.PRODUCER).user
    producer.full_name = "Renamed O'Producer"
    producer.save()
    settle()
    for call_sheet in sheets:
        page, _ = visit(clients[Role.CREW], url(call_sheet))
        assert "Renamed O&#x27;Producer" in page


def test_a_sheet_worked_out_ahead_is_not_served_once_a_strip_moved(
    production, sheets, clients, settings
):
    one, two = sheets
    ahead.work_out(production.pk)
    client = clients[Role.ASSOCIATE_PRODUCER]
    scene_3 = two.shoot_day.scenes.get(number="3")
    move_scene(client, production, scene_3, one.shoot_day)  # day 2's scene now shot on day 1
    page, queries = visit(client, url(one))
    assert queries > KEPT
    assert page == afresh(client, url(one), settings)
    scenes = re.search(r'data-testid="scenes">.*?</table>', page, re.S).group(0)
    assert '<td class="fw-bold">3</td>' in scenes


def test_runs_of_one_production_go_one_after_the_other(production, sheets):
    cache = caches["fragments"]
    cache.add(ahead.RUNNING.format(production.pk), 1)  # a run works
    cache.add(ahead.PENDING.format(production.pk), 1)  # and a write queued the next
    assert ahead.work_out(production.pk) is None  # the next waits its turn, leaving the mark
    assert cache.get(ahead.PENDING.format(production.pk)) == 1
    assert cache.get(ahead.INPUTS.format(production.pk)) is None
    cache.delete(ahead.RUNNING.format(production.pk))  # the run ends
    assert ahead.work_out(production.pk) == 2
    assert cache.get(ahead.RUNNING.format(production.pk)) is None
    assert cache.get(ahead.PENDING.format(production.pk)) is None


# --- When a run is queued -------------------------------------------------------------------------


DELAY = 3


@pytest.fixture
def queued(settings, monkeypatch):
    """Runs queued for the worker, as (production pk, countdown); tasks go to a worker."""
    settings.CALL_SHEETS_AHEAD = True
    settings.CALL_SHEETS_AHEAD_DELAY = DELAY
    runs = []
    monkeypatch.setattr(
        work_out_call_sheets,
        "apply_async",
        lambda args, countdown: runs.append((args[0], countdown)),
    )
    with tasks_in_process(eager=False):
        yield runs


def test_a_strip_move_queues_one_run_for_its_production(production, sheets, queued):
    one, two = sheets
    client = signed_in(production)
    scene_3 = two.shoot_day.scenes.get(number="3")
    move_scene(client, production, scene_3, one.shoot_day)
    move_scene(client, production, scene_3, two.shoot_day)  # a burst: one run works both out
    assert queued == [(production.pk, DELAY)]
    ahead.work_out(production.pk)  # the run clears the mark before it reads
    move_scene(client, production, scene_3, one.shoot_day)
    assert queued == [(production.pk, DELAY)] * 2


def test_a_write_the_sheets_never_read_queues_nothing(production, sheets, queued, rf):
    request = rf.get("/")
    request.production = production
    ahead.queue_after_writes(request, frozenset({"budgets_detailline"}))
    assert queued == [(production.pk, DELAY)]  # nothing noted yet: any write may reach them
    ahead.work_out(production.pk)
    ahead.queue_after_writes(request, frozenset({"budgets_detailline", "vendors_purchaseorder"}))
    assert len(queued) == 1
    ahead.queue_after_writes(request, frozenset({"budgets_detailline", "crew_engagement"}))
    assert len(queued) == 2


def test_a_task_or_command_queues_a_run_for_every_production_with_call_sheets(
    production, sheets, queued
):
    from tests.factories import ProductionFactory

    ProductionFactory()  # no call sheets: nothing to work out
    ahead.queue_after_writes(None, frozenset({"schedules_scene"}))
    assert queued == [(production.pk, DELAY)]


def test_nothing_is_queued_when_it_is_off_or_tasks_run_in_process(
    production, sheets, queued, rf, settings
):
    request = rf.get("/")
    request.production = production
    with tasks_in_process(eager=True):
        ahead.queue_after_writes(request, frozenset({"schedules_scene"}))
    assert queued == []
    settings.CALL_SHEETS_AHEAD = False
    ahead.queue_after_writes(request, frozenset({"schedules_scene"}))
    assert queued == []


def test_a_broker_out_of_reach_leaves_the_write_answered(production, sheets, settings, caplog):
    settings.CALL_SHEETS_AHEAD = True

    def unreachable(*args, **kwargs):
        raise ConnectionError("broker down")

    client = signed_in(production)
    one, two = sheets
    with tasks_in_process(eager=False), pytest.MonkeyPatch.context() as patch:
        patch.setattr(work_out_call_sheets, "apply_async", unreachable)
        move_scene(client, production, two.shoot_day.scenes.get(number="3"), one.shoot_day)
    assert "not queued to be worked out ahead" in caplog.text
