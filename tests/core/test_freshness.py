"""Kept page fragments are never stale (apps/core/freshness.py): every write, whatever makes it,
moves the production's data stamp once its request, task or command ends, and a page kept under
the old stamp is never read again."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from celery.signals import task_postrun
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.budgets.services import actual_post
from apps.callsheets import services as callsheet_services
from apps.callsheets.models import CallSheet
from apps.core import freshness
from apps.productions.models import Production
from tests.budgets.factories import add_line, budget_from_template
from tests.callsheets.factories import shoot_day_with_crew
from tests.factories import ProductionFactory, member

pytestmark = pytest.mark.django_db

# The CSRF token in a form and in htmx's headers: every response masks it anew.
CSRF = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")([^"]+)')


def without_tokens(html: str) -> str:
    return CSRF.sub(r"\1", html)


def stamp(production: Production) -> int:
    return Production.objects.values_list("data_stamp", flat=True).get(pk=production.pk)


def visit(client: Client, url: str) -> tuple[str, int]:
    """The page's text and how many queries it ran."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.fixture
def pages(production):
    """A production with a budget, an actual, a call sheet and a closed week, its AP signed in;
    its kept pages."""
    version = budget_from_template(production)
    add_line(version, "2001", description="Director", amount="1", x="1", rate="5000")
    call_sheet = callsheet_services.callsheet_start(shoot_day=shoot_day_with_crew(production))
    from apps.budgets.services import period_close

    period = period_close(production=production, week_ending=production.today())
    slug = production.slug
    return {
        "dashboard": reverse("productions:dashboard", args=[slug]),
        "top sheet": reverse("budgets:top_sheet", args=[slug, version.pk]),
        "cost report": reverse("budgets:cost_report", args=[slug]),
        "call sheet": reverse("callsheets:detail", args=[slug, call_sheet.pk]),
        "cost period": reverse("budgets:cost_period", args=[slug, period.pk]),
    }


@pytest.fixture
def signed_in(client, production):
    client.force_login(member(production))
    return client


# --- What counts as a write -----------------------------------------------------------------


def _save(production):
    production.company_name = "Saved"
    production.save()


def _update(production):
    Production.objects.filter(pk=production.pk).update(company_name="Updated")


def _bulk_create(production):
    ProductionFactory.build()  # nothing written yet
    Production.objects.bulk_create([ProductionFactory.build(slug="bulk-made")])


def _delete(production):
    ProductionFactory(slug="to-delete").delete()


def _raw(production):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE productions_production SET company_name = %s WHERE id = %s",
            ["Raw", production.pk],
        )


@pytest.mark.parametrize("write", [_save, _update, _bulk_create, _delete, _raw])
def test_every_kind_of_write_is_seen(production, write):
    freshness.settle()
    assert not freshness.wrote()
    write(production)
    assert freshness.wrote()


def test_reads_and_session_bookkeeping_are_not_writes(production):
    freshness.settle()
    list(Production.objects.all())
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM productions_production")
    Session.objects.create(session_key="k" * 32, session_data="", expire_date="2030-01-01T00:00Z")
    assert not freshness.wrote()


def test_a_pdf_being_built_is_not_a_write_of_data(production):
    from apps.productions.models import DocumentBuild

    user = member(production)
    freshness.settle()
    build = DocumentBuild.objects.create(
        production=production, requested_by=user, builder="x.y", subject=None, filename="f"
    )
    DocumentBuild.objects.filter(pk=build.pk).update(pages=3)
    assert not freshness.wrote()


# --- When the stamps move -------------------------------------------------------------------


def test_a_request_that_writes_moves_its_own_production_stamp_and_no_other(signed_in, pages):
    production = Production.objects.get(slug=pages["dashboard"].split("/")[2])
    other = ProductionFactory()
    freshness.settle(None)
    before, other_before = stamp(production), stamp(other)
    version_id = pages["top sheet"].rstrip("/").split("/")[-1]
    response = signed_in.post(
        reverse("budgets:markup_save", args=[production.slug, version_id]),
        {"name": "Stamp test fee", "percent": "10", "sections": ["ATL", "PRODUCTION"]},
    )
    assert response.status_code == 302
    assert stamp(production) != before
    assert stamp(other) == other_before
    assert not freshness.wrote()


def test_a_request_that_only_reads_moves_nothing(signed_in, pages, production):
    visit(signed_in, pages["dashboard"])  # a first visit makes the schedule's settings
    freshness.settle()
    before = stamp(production)
    visit(signed_in, pages["dashboard"])
    assert stamp(production) == before


def test_a_write_outside_any_production_moves_every_stamp(production):
    other = ProductionFactory()
    freshness.settle()
    before = (stamp(production), stamp(other))
    _update(production)
    freshness.settle(None)
    assert stamp(production) != before[0] and stamp(other) != before[1]


def test_nothing_moves_before_the_transaction_commits(production):
    freshness.settle()
    before = stamp(production)
    with transaction.atomic():
        _update(production)
        freshness.settle(None)  # as a task run eagerly inside a view's transaction
        assert stamp(production) == before
        assert freshness.wrote()
    freshness.settle(None)
    assert stamp(production) != before


def test_a_celery_task_that_wrote_moves_the_stamps(production):
    freshness.settle()
    before = stamp(production)
    _update(production)
    task_postrun.send(sender=None, task_id="t", task=None, args=(), kwargs={}, retval=None)
    assert stamp(production) != before


# --- The four pages --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "page", ["dashboard", "top sheet", "cost report", "call sheet", "cost period"]
)
def test_a_second_visit_reads_only_who_is_asking(signed_in, pages, page):
    visit(signed_in, pages[page])  # the setup's writes end; a first visit makes missing settings
    first, first_queries = visit(signed_in, pages[page])
    second, second_queries = visit(signed_in, pages[page])
    assert without_tokens(second) == without_tokens(first)
    # session, user, membership with its production; the top sheet and the call sheet also
    # read the version or call sheet the URL names
    assert second_queries <= 4 < first_queries


@pytest.mark.parametrize(
    "page", ["dashboard", "top sheet", "cost report", "call sheet", "cost period"]
)
def test_a_kept_page_is_the_page_worked_out_afresh(signed_in, pages, page, settings):
    visit(signed_in, pages[page])
    kept, _ = visit(signed_in, pages[page])
    settings.FRAGMENT_CACHE = False
    fresh, _ = visit(signed_in, pages[page])
    assert without_tokens(kept) == without_tokens(fresh)


def test_a_markup_saved_in_a_request_shows_on_the_top_sheet_and_the_dashboard(signed_in, pages):
    production = Production.objects.get(slug=pages["dashboard"].split("/")[2])
    top_before, _ = visit(signed_in, pages["top sheet"])
    dashboard_before, _ = visit(signed_in, pages["dashboard"])
    version_id = pages["top sheet"].rstrip("/").split("/")[-1]
    signed_in.post(
        reverse("budgets:markup_save", args=[production.slug, version_id]),
        {"name": "Stamp test bond", "percent": "10", "sections": ["ATL", "PRODUCTION"]},
    )
    top_after, _ = visit(signed_in, pages["top sheet"])
    dashboard_after, _ = visit(signed_in, pages["dashboard"])
    assert "Stamp test bond" not in top_before and "Stamp test bond" in top_after
    grand = re.compile(r'id="grand-total">([^<]+)<')
    assert grand.search(top_after).group(1) != grand.search(top_before).group(1)
    assert dashboard_after != dashboard_before


def test_an_actual_posted_by_a_task_shows_on_the_cost_report(signed_in, pages, production):
    before, _ = visit(signed_in, pages["cost report"])
    visit(signed_in, pages["cost report"])
    actual_post(
        production=production,
        account_number="2001",
        amount=Decimal("1234.56"),
        date=production.today(),
        payee="Payee",
        description="Posted by the worker",
    )
    task_postrun.send(sender=None, task_id="t", task=None, args=(), kwargs={}, retval=None)
    after, _ = visit(signed_in, pages["cost report"])
    assert "1,234.56" in after and "1,234.56" not in before


def test_a_bulk_update_by_a_command_shows_on_the_call_sheet(signed_in, pages):
    visit(signed_in, pages["call sheet"])
    visit(signed_in, pages["call sheet"])
    CallSheet.objects.update(notes="Rain gear for everyone")  # no signal, no save()
    freshness.settle_at_exit()  # as a management command ends
    after, _ = visit(signed_in, pages["call sheet"])
    assert "Rain gear for everyone" in after


def test_each_session_gets_its_own_csrf_token_from_a_kept_page(pages, production):
    user = member(production)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(user)
    second.force_login(user)
    visit(first, pages["top sheet"])  # after the setup's writes: worked out, the stamp moves
    first_page, _ = visit(first, pages["top sheet"])
    second_page, queries = visit(second, pages["top sheet"])
    assert queries <= 4  # kept: the second session read the first one's page
    token = CSRF.search(second_page).group(2)
    assert token != CSRF.search(first_page).group(2)
    version_id = pages["top sheet"].rstrip("/").split("/")[-1]
    response = second.post(
        reverse("budgets:markup_save", args=[production.slug, version_id]),
        {"name": "Fee", "percent": "5", "sections": ["ATL"], "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


def test_another_member_never_sees_a_page_kept_for_someone_else(pages, production):
    from apps.productions.capabilities import Role

    ap, accountant = Client(), Client()
    ap.force_login(member(production))
    accountant.force_login(member(production, role=Role.ACCOUNTANT))
    visit(ap, pages["dashboard"])  # the setup's writes end; a first visit makes missing settings
    visit(ap, pages["dashboard"])
    _, kept_queries = visit(ap, pages["dashboard"])
    _, queries = visit(accountant, pages["dashboard"])
    assert kept_queries <= 4 < queries  # worked out for them, not read from the AP's
