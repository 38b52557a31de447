"""Report pages read a fixed number of queries, whatever the number of lines."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.budgets.services import budget_globals
from apps.core.freshness import settle
from tests.budgets.factories import add_line, budget_from_template, fringe_ids

pytestmark = pytest.mark.django_db


def _budget(production, lines: int):
    version = budget_from_template(production, name=f"B{lines}")
    fringes = fringe_ids(version, "FICA", "MEDICARE")
    numbers = ["2001", "3301", "3307", "4001", "1401"]
    for i in range(lines):
        add_line(version, numbers[i % 5], x="SHOOT_DAYS", rate=str(100 + i), fringes=fringes)
    return version


def _count(client, url) -> int:
    settle()  # the setup's writes end as a request's would: the data stamp moves first
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.fixture
def small_and_large(production):
    from tests.factories import ProductionFactory

    other = ProductionFactory()
    return _budget(production, 10), _budget(other, 200)


def test_the_top_sheet_reads_the_same_queries_for_10_and_200_lines(client, small_and_large):
    from tests.factories import member

    counts = []
    for version in small_and_large:
        client.force_login(member(version.production))
        url = reverse("budgets:top_sheet", args=[version.production.slug, version.id])
        counts.append(_count(client, url))
    # session, user, membership; version; the kept totals of the version, categories, accounts,
    # fringes, markups (the top sheet: no line is read); the current version (badge); unread
    # notices from the schedule
    assert counts[0] == counts[1] <= 12


def test_the_cost_report_reads_the_same_queries_for_10_and_200_lines(client, small_and_large):
    from apps.budgets.services import actual_post
    from tests.factories import member

    counts = []
    for version in small_and_large:
        production = version.production
        for n in range(3 if version.name == "B10" else 60):
            actual_post(
                production=production,
                account_number="3307",
                amount=n,
                date=production.today(),
                payee="p",
                description="d",
            )
        client.force_login(member(production))
        counts.append(_count(client, reverse("budgets:cost_report", args=[production.slug])))
    # session, user, membership; current version (1); 5 top-sheet queries; actuals,
    # commitments, estimates by account; spend over time; the closed periods' totals
    assert counts[0] == counts[1] == 14


def test_an_account_page_reads_the_same_queries_for_few_and_many_lines(client, small_and_large):
    from tests.factories import member

    counts = []
    for version in small_and_large:
        client.force_login(member(version.production))
        account = version.lines.first().account
        url = reverse("budgets:account", args=[version.production.slug, version.id, account.id])
        counts.append(_count(client, url))
    assert counts[0] == counts[1]


def test_a_global_change_on_many_lines_is_a_bounded_number_of_writes(production):
    version = _budget(production, 50)
    with CaptureQueriesContext(connection) as queries:
        budget_globals.global_set(version=version, name="SHOOT_DAYS", value=30)
    # The global and its dependents, the lines and their fringe amounts in a few bulk writes,
    # then the kept totals above them: accounts, categories, fringes, markups, the version.
    assert len(queries) <= 32
