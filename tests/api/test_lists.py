"""Lists a page at a time and filtered (issue 16, point 4): `?per_page=` (50 by default, at most
200) and `?page=`, with `count`, `next` and `previous`; each list's filters narrow it."""

from __future__ import annotations

import pytest

from tests.schedules.factories import SceneFactory, ShootDayFactory

pytestmark = pytest.mark.django_db


def test_a_list_comes_a_page_at_a_time_with_its_count_and_links(production, api):
    for n in range(1, 8):
        SceneFactory(production=production, number=str(n))
    url = f"/api/p/{production.slug}/schedule/scenes/"
    first = api.get(url, {"per_page": 3}).json()
    assert first["count"] == 7 and len(first["results"]) == 3
    assert first["previous"] is None and "page=2" in first["next"] and "per_page=3" in first["next"]
    last = api.get(url, {"per_page": 3, "page": 3}).json()
    assert len(last["results"]) == 1 and last["next"] is None and last["previous"]
    numbers = {row["number"] for page in (1, 2, 3) for row in api.get(
        url, {"per_page": 3, "page": page}).json()["results"]}  # fmt: skip
    assert numbers == {str(n) for n in range(1, 8)}
    assert len(api.get(url).json()["results"]) == 7  # 50 a page by default
    assert api.get(url, {"page": 9}).status_code == 404


def test_a_page_holds_at_most_two_hundred(production, api):
    for n in range(201):
        SceneFactory(production=production, number=str(n))
    url = f"/api/p/{production.slug}/schedule/scenes/"
    assert len(api.get(url).json()["results"]) == 50
    assert len(api.get(url, {"per_page": 1000}).json()["results"]) == 200


def test_filters_narrow_a_list(production, api):
    day = ShootDayFactory(production=production, position=1, day_number=1)
    SceneFactory(production=production, number="1", shoot_day=day)
    SceneFactory(production=production, number="2A")
    url = f"/api/p/{production.slug}/schedule/scenes/"

    def numbers(**query) -> list[str]:
        return sorted(row["number"] for row in api.get(url, query).json()["results"])

    assert numbers() == ["1", "2A"]
    assert numbers(day=day.pk) == ["1"]
    assert numbers(in_bin="true") == ["2A"]
    assert numbers(number="2a") == ["2A"]
    assert api.get(url, {"day": "not a day"}).status_code == 400
