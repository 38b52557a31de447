"""The stripboard, Day Out of Days and the reports cost the same queries for 10 or 100 scenes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.schedules import services
from apps.schedules.models import BreakdownElement, Location, Scene, Set, ShootDay
from apps.schedules.queries import board, dood
from tests.factories import ProductionFactory, member
from tests.schedules.factories import CastFactory

pytestmark = pytest.mark.django_db


def build(production, scenes: int, days: int) -> None:
    """`scenes` scenes over `days` days on 3 sets and locations, 6 cast, a prop; 1 in 5 binned."""
    services.days_append(production=production, count=days)
    day_ids = list(ShootDay.objects.filter(production=production).values_list("pk", flat=True))
    cast = [CastFactory(production=production) for _ in range(6)]
    sets = []
    for n in range(3):
        location = Location.objects.create(production=production, name=f"Loc {n}")
        sets.append(Set.objects.create(production=production, name=f"SET {n}", location=location))
    prop = BreakdownElement.objects.create(production=production, category="props", name="Bag")
    for n in range(scenes):
        scene = Scene.objects.create(
            production=production, number=str(n + 1), set=sets[n % 3], eighths=3,
            shoot_day_id=None if n % 5 == 0 else day_ids[n % len(day_ids)], board_position=n,
        )  # fmt: skip
        scene.cast.add(cast[n % 6], cast[(n + 1) % 6])
        scene.elements.add(prop)


def count(callable_) -> int:
    with CaptureQueriesContext(connection) as captured:
        callable_()
    return len(captured)


@pytest.fixture
def small_and_large(db):
    small, large = ProductionFactory(), ProductionFactory()
    build(small, scenes=10, days=3)
    build(large, scenes=100, days=20)
    return small, large


def test_the_board_query_does_not_grow_with_scenes(small_and_large):
    small, large = small_and_large
    # settings, days, the banners, scenes, sets with locations, cast, and the scene-cast links
    # (one instance per set and cast member, however many scenes share it)
    assert count(lambda: board(small)) == count(lambda: board(large)) == 7


def test_dood_does_not_grow_with_scenes(small_and_large):
    small, large = small_and_large
    # days, their travellers, cast, scene-cast links
    assert count(lambda: dood(small)) == count(lambda: dood(large)) == 4


def page_queries(client, production, url) -> int:
    client.force_login(member(production))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_stripboard_page_does_not_grow_with_scenes(client, small_and_large):
    # session, user, membership with production, nav; the 5 board queries; nothing per strip
    counts = [
        page_queries(client, p, reverse("schedules:board", kwargs={"production_slug": p.slug}))
        for p in small_and_large
    ]
    assert counts[0] == counts[1]


@pytest.mark.parametrize("key", ["shooting-schedule", "one-liner", "dood", "locations"])
def test_the_reports_do_not_grow_with_scenes(client, small_and_large, key):
    counts = [
        page_queries(
            client, p, reverse("schedules:report", kwargs={"production_slug": p.slug, "key": key})
        )
        for p in small_and_large
    ]
    assert counts[0] == counts[1]


def test_the_filtered_board_does_not_grow_with_scenes(client, small_and_large):
    # the stripboard's queries, the filter's four lists, the chosen element and its scenes
    counts = []
    for p in small_and_large:
        prop = BreakdownElement.objects.get(production=p)
        url = reverse("schedules:board", kwargs={"production_slug": p.slug})
        counts.append(page_queries(client, p, f"{url}?element={prop.pk}&int_ext=INT"))
    assert counts[0] == counts[1]


def test_moving_a_selection_does_not_grow_with_scenes(client, small_and_large):
    """The move itself and its JSON answer (the board read once, the affected days redrawn)."""
    counts = []
    for p in small_and_large:
        client.force_login(member(p))
        # one strip from the bin and one from the last day, to the first day: three days
        # re-sequenced, none of them left empty
        days = list(ShootDay.objects.filter(production=p).order_by("position"))
        day = days[0]
        scenes = [
            Scene.objects.filter(production=p, shoot_day=None).first(),
            Scene.objects.filter(production=p, shoot_day=days[-1]).first(),
        ]
        with CaptureQueriesContext(connection) as captured:
            response = client.post(
                reverse("schedules:move_many", kwargs={"production_slug": p.slug}),
                {"scenes": [s.pk for s in scenes], "day": day.pk, "position": 0},
                HTTP_ACCEPT="application/json",
            )
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("name", ["strips_pdf", "breakdown_sheets"])
def test_the_printed_strips_and_sheets_do_not_grow_with_scenes(
    client, small_and_large, monkeypatch, name
):
    import weasyprint

    class HTML:  # the layout reads no database; only the template's queries are counted
        def __init__(self, string, **kwargs):
            assert "</html>" in string

        def write_pdf(self):
            return b"%PDF-1.4 stub"

    monkeypatch.setattr(weasyprint, "HTML", HTML)
    counts = [
        page_queries(client, p, reverse(f"schedules:{name}", kwargs={"production_slug": p.slug}))
        for p in small_and_large
    ]
    assert counts[0] == counts[1]


@pytest.fixture
def with_elements(small_and_large):
    """On top of `build`: one element per 2 scenes in three categories, one extra part per 5
    scenes, so a page that reads per element or per part grows with the size."""
    for production in small_and_large:
        scenes = list(Scene.objects.filter(production=production).order_by("pk"))
        for n, scene in enumerate(scenes[::2]):
            category = ("vehicles", "background", "animals")[n % 3]
            element = BreakdownElement.objects.create(
                production=production, category=category, name=f"Thing {n}", quantity=n + 1
            )
            scene.elements.add(element)
        for n, scene in enumerate(scenes[::5]):
            scene.cast.add(CastFactory(production=production, character=f"EXTRA {n} AND CO"))
    return small_and_large


@pytest.mark.parametrize(
    ("name", "kwargs", "query"),
    [
        ("cast", {}, ""),
        ("elements", {}, ""),
        ("report", {"key": "elements"}, ""),
        ("report", {"key": "dood"}, "?category=vehicles"),
        ("report", {"key": "dood"}, "?category=vehicles&format=csv"),
        ("report", {"key": "elements"}, "?format=xlsx"),
    ],
)
def test_the_cast_and_element_pages_do_not_grow_with_elements(
    client, with_elements, name, kwargs, query
):
    counts = [
        page_queries(
            client,
            p,
            reverse(f"schedules:{name}", kwargs={"production_slug": p.slug, **kwargs}) + query,
        )
        for p in with_elements
    ]
    assert counts[0] == counts[1]


def test_the_element_queries_do_not_grow_with_elements(with_elements):
    from apps.schedules import breakdown, reports

    small, large = with_elements
    # elements with their usage, the cast with theirs
    assert count(lambda: breakdown.elements_by_category(small)) == 2
    assert count(lambda: breakdown.elements_by_category(large)) == 2
    # days, elements, scene-element links (only cast travel: no travellers)
    assert count(lambda: dood(small, "vehicles")) == count(lambda: dood(large, "vehicles")) == 3
    # the board's 7 (banners included), element links, cast, elements
    assert count(lambda: reports.element_report(small)) == 10
    assert count(lambda: reports.element_report(large)) == 10
