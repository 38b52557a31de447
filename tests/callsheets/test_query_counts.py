"""The sheet's data and its page read a fixed number of queries however many crew and cast."""

from __future__ import annotations

import pytest

from apps.callsheets import queries, services
from tests.callsheets.factories import shoot_day_with_crew
from tests.factories import ProductionFactory

pytestmark = pytest.mark.django_db

# days; the day's and the next day's scenes (+sets, locations), read together, and their cast;
# the DOOD: days, travellers, cast, scene-cast links; crew: day bookings, engagements; cast
# calls; crew calls; memberships (producer, AP) = 12
SHEET_QUERIES = 12


@pytest.mark.parametrize(("crew", "cast"), [(2, 1), (25, 8)])
def test_the_sheet_data_does_not_grow_with_crew_or_cast(crew, cast, django_assert_num_queries):
    production = ProductionFactory()
    call_sheet = services.callsheet_start(
        shoot_day=shoot_day_with_crew(production, crew=crew, cast=cast, day_players=3)
    )
    call_sheet = (
        type(call_sheet).objects.select_related("production", "shoot_day").get(pk=call_sheet.pk)
    )
    with django_assert_num_queries(SHEET_QUERIES):
        data = queries.sheet_data(call_sheet)
    assert sum(len(d.people) for d in data.crew) == crew + 1 + 3


def page_queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_sheet_revision_and_tracking_pages_do_not_grow_with_crew(
    client, django_capture_on_commit_callbacks
):
    from apps.productions.capabilities import Role
    from tests.factories import member

    counts = []
    for crew in (2, 30):
        production = ProductionFactory()
        day = shoot_day_with_crew(production, crew=crew, cast=crew // 4 + 1, day_players=2)
        call_sheet = services.callsheet_start(shoot_day=day)
        with django_capture_on_commit_callbacks(execute=True):
            services.callsheet_publish(call_sheet=call_sheet)
        client.force_login(member(production, Role.ASSOCIATE_PRODUCER))
        base = f"/p/{production.slug}/callsheets/{call_sheet.pk}/"
        counts.append(
            [
                page_queries(client, base),
                page_queries(client, f"{base}revisions/1/"),
                page_queries(client, f"{base}revisions/1/tracking/"),
                page_queries(client, f"/p/{production.slug}/callsheets/"),
            ]
        )
    assert counts[0] == counts[1]
