"""Kept fragments depend on the tables they read (apps/core/freshness.py): a write moves the stamps
of the tables it wrote, in its production, and only the fragments that read one of them are
worked out again; a budget write leaves the stripboard kept, a strip move leaves the budget kept."""

from __future__ import annotations

import pickle
import re
from datetime import date

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.callsheets import services as callsheet_services
from apps.core import freshness
from apps.productions.models import Production
from apps.schedules import services as schedule_services
from tests.budgets.factories import account, add_line, budget_from_template
from tests.callsheets.factories import shoot_day_with_crew
from tests.factories import member
from tests.schedules.factories import SceneFactory

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")([^"]+)')
PANEL = re.compile(r'<section class="card h-100 shadow-sm" data-panel="budget">.*?</section>', re.S)


def without_tokens(html: str) -> str:
    return CSRF.sub(r"\1", html)


def visit(client: Client, url: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def stamps(production: Production) -> dict:
    return Production.objects.values_list("table_stamps", flat=True).get(pk=production.pk)


@pytest.fixture
def world(production):
    """A production with a budget, a board of three strips on two days and a call sheet; its kept
    pages."""
    production.prep_start = date(2027, 2, 1)
    production.first_shoot_day = date(2027, 3, 1)
    production.wrap_date = date(2027, 4, 30)
    production.save()
    version = budget_from_template(production)
    line = add_line(version, "2001", description="Director", amount="1", x="1", rate="5000")
    one, two = schedule_services.days_append(production=production, count=2)
    scenes = [SceneFactory(production=production, number=n) for n in ("101", "102", "103")]
    for scene in scenes:
        schedule_services.scene_move(
            production=production, scene_id=scene.pk, day_id=one.pk, position=99
        )
    call_sheet = callsheet_services.callsheet_start(shoot_day=shoot_day_with_crew(production))
    slug = production.slug
    return {
        "production": production,
        "version": version,
        "line": line,
        "days": (one, two),
        "scenes": scenes,
        "dashboard": reverse("productions:dashboard", args=[slug]),
        "top sheet": reverse("budgets:top_sheet", args=[slug, version.pk]),
        "cost report": reverse("budgets:cost_report", args=[slug]),
        "stripboard": reverse("schedules:board", args=[slug]),
        "call sheet": reverse("callsheets:detail", args=[slug, call_sheet.pk]),
    }


@pytest.fixture
def ap(world):
    client = Client()
    client.force_login(member(world["production"]))
    for page in ("dashboard", "top sheet", "cost report", "stripboard", "call sheet"):
        visit(client, world[page])  # the setup's writes end; every page kept once
    return client


def add_budget_line(client: Client, world, rate: str = "650") -> None:
    production, version = world["production"], world["version"]
    data = {"description": "Gaffer", "amount_formula": "1", "units": "days", "x_formula": "1"}
    data |= {"rate_formula": rate, "currency": "USD", "exchange_rate": "1"}
    response = client.post(
        reverse(
            "budgets:line_new", args=[production.slug, version.id, account(version, "3201").id]
        ),
        {f"new-{k}": v for k, v in data.items()},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200


def kept_tables() -> list[tuple[str, ...]]:
    """The tables of every kept fragment (the local-memory cache's own store)."""
    store = caches["fragments"]._cache
    return [pickle.loads(value)[0] for value in store.values()]  # noqa: S301 (our own)


# --- What a write and a fragment name ---------------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "table"),
    [
        ('INSERT INTO "budgets_detailline" ("a") VALUES (%s)', "budgets_detailline"),
        ("INSERT OR IGNORE INTO schedules_scene (a) VALUES (%s)", "schedules_scene"),
        ('UPDATE "schedules_scene" SET "board_position" = %s', "schedules_scene"),
        ('DELETE FROM "vendors_purchaseorder" WHERE "id" = %s', "vendors_purchaseorder"),
        ("TRUNCATE productions_production", freshness.EVERY_TABLE),
    ],
)
def test_a_write_is_noted_with_its_table(sql, table):
    noted = []

    def execute(*args):
        noted.append(args)

    freshness.settle()
    freshness._watch(execute, sql, [], False, {"connection": connection})
    assert freshness.written_tables() == {table}
    assert noted  # and the statement still runs
    connection.pd_wrote = None


def test_a_request_moves_only_the_stamps_of_the_tables_it_wrote(ap, world):
    production = world["production"]
    before = stamps(production)
    add_budget_line(ap, world)
    after = stamps(production)
    moved = {table for table in after if after[table] != before.get(table)}
    assert "budgets_detailline" in moved
    assert not any(table.startswith(("schedules_", "callsheets_")) for table in moved)
    assert after["*"] == before["*"]


def test_saving_a_production_never_puts_old_stamps_back(world):
    production = world["production"]
    stale = Production.objects.get(pk=production.pk)
    freshness.settle(None)
    Production.objects.filter(pk=production.pk).update(table_stamps={"*": 1, "budgets_x": 2})
    stale.company_name = "Saved from an old copy"
    stale.save()
    assert stamps(production) == {"*": 1, "budgets_x": 2}


def test_a_kept_fragment_names_the_tables_it_read(ap, world):
    tables = kept_tables()

    def reads(prefix, t):
        return any(table.startswith(prefix) for table in t)

    assert any(reads("schedules_", t) and not reads("budgets_", t) for t in tables)  # the board
    assert any(reads("budgets_", t) and not reads("schedules_", t) for t in tables)  # top sheet


# --- A write works out again only what read its tables -----------------------------------------


def test_a_budget_line_write_leaves_the_stripboard_and_call_sheet_kept(ap, world):
    board, board_queries = visit(ap, world["stripboard"])
    sheet, _ = visit(ap, world["call sheet"])
    top_before, _ = visit(ap, world["top sheet"])
    add_budget_line(ap, world, rate="777")
    board_after, queries = visit(ap, world["stripboard"])
    sheet_after, sheet_queries = visit(ap, world["call sheet"])
    assert queries == board_queries <= 4  # kept: who is asking, nothing of the board
    assert sheet_queries <= 4
    assert without_tokens(board_after) == without_tokens(board)
    assert without_tokens(sheet_after) == without_tokens(sheet)
    top_after, top_queries = visit(ap, world["top sheet"])
    assert top_queries > 4 and "777.00" in top_after and "777.00" not in top_before


def test_a_budget_write_works_out_only_the_dashboards_budget_panel_again(ap, world):
    before, _ = visit(ap, world["dashboard"])
    _, kept_queries = visit(ap, world["dashboard"])
    add_budget_line(ap, world, rate="999")
    after, queries = visit(ap, world["dashboard"])
    # the budget panel worked out again, the other panels and the members kept
    assert kept_queries < queries
    with freshness_off():
        _, fresh_queries = visit(ap, world["dashboard"])
    assert queries < fresh_queries
    assert PANEL.search(after).group(0) != PANEL.search(before).group(0)
    assert PANEL.sub("", without_tokens(after)) == PANEL.sub("", without_tokens(before))


def test_a_strip_move_works_out_the_stripboard_again(ap, world):
    production, (_, two), scenes = world["production"], world["days"], world["scenes"]
    before, _ = visit(ap, world["stripboard"])
    top, _ = visit(ap, world["top sheet"])
    response = ap.post(
        reverse("schedules:move", args=[production.slug]),
        {"scene": scenes[0].pk, "day": two.pk, "position": "0"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    after, queries = visit(ap, world["stripboard"])
    assert queries > 4 and after != before
    day_two = re.compile(rf'data-day="{two.pk}".*?</ol>', re.S)
    assert f'data-scene="{scenes[0].pk}"' not in day_two.search(before).group(0)
    assert f'data-scene="{scenes[0].pk}"' in day_two.search(after).group(0)
    top_after, top_queries = visit(ap, world["top sheet"])
    assert top_queries <= 4 and without_tokens(top_after) == without_tokens(top)


@pytest.mark.parametrize("page", ["dashboard", "stripboard", "top sheet", "call sheet"])
def test_a_kept_page_is_the_page_worked_out_afresh(ap, world, page, settings):
    add_budget_line(ap, world)
    visit(ap, world[page])
    kept, queries = visit(ap, world[page])
    settings.FRAGMENT_CACHE = False
    fresh, fresh_queries = visit(ap, world[page])
    assert without_tokens(kept) == without_tokens(fresh)
    assert queries < fresh_queries


class freshness_off:
    def __enter__(self):
        from django.conf import settings

        self.was, settings.FRAGMENT_CACHE = settings.FRAGMENT_CACHE, False

    def __exit__(self, *exc):
        from django.conf import settings

        settings.FRAGMENT_CACHE = self.was


# --- Shared by every worker ---------------------------------------------------------------------


def test_with_fragment_cache_url_the_fragments_are_kept_in_redis(world, settings):
    import redis

    # A database of its own: CI's PostgreSQL run uses 14 as the Celery broker, the smoke test 12-13.
    url = "redis://127.0.0.1:6379/11"
    server = redis.Redis.from_url(url)
    server.flushdb()
    settings.CACHES = {
        **settings.CACHES,
        "fragments": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "pd",
        },
    }
    try:
        client = Client()
        client.force_login(member(world["production"]))
        visit(client, world["stripboard"])  # the setup's writes end
        first, first_queries = visit(client, world["stripboard"])  # worked out, kept in Redis
        assert any(b"fragment:" in key for key in server.keys("*"))
        caches["fragments"].close()
        page, queries = visit(client, world["stripboard"])
        assert queries <= 4 < first_queries
        assert without_tokens(page) == without_tokens(first)
        server.flushdb()
        _, queries = visit(client, world["stripboard"])
        assert queries > 4  # it was Redis that kept it
    finally:
        server.flushdb()
