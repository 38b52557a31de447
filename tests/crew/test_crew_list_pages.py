"""The crew list at a real production's size: searched and filtered on the server, a page at a
time, the count over everyone who matches, exports of everyone who matches."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.crew.factories import DepartmentFactory, EngagementFactory

pytestmark = pytest.mark.django_db


def url(production, query: str = "") -> str:
    return reverse("crew:list", kwargs={"production_slug": production.slug}) + query


@pytest.fixture
def crew(production):
    camera = DepartmentFactory(production=production, name="Camera")
    sound = DepartmentFactory(production=production, name="Sound")
    for n in range(60):
        EngagementFactory(position__department=camera, person__name=f"Cam {n:02d}")
    for n in range(5):
        EngagementFactory(position__department=sound, person__name=f"Boom {n:02d}")
    return camera, sound


def names(response) -> list[str]:
    return [e.person.name for e in response.context["rows"]]


def test_the_search_is_applied_on_the_server(ap_client, production, crew):
    response = ap_client.get(url(production, "?q=boom"))
    assert sorted(names(response)) == [f"Boom {n:02d}" for n in range(5)]
    assert response.context["page"].paginator.count == 5
    assert "Cam 00" not in response.content.decode()


def test_the_list_is_paginated_and_page_links_keep_the_filter(ap_client, production, crew):
    camera, _ = crew
    response = ap_client.get(url(production, f"?department={camera.pk}"))
    html = response.content.decode()
    assert len(names(response)) == 50
    assert "Page 1 of 2" in html and "1–50 of 60" in html
    link = re.search(r'href="([^"]*(?:\?|&amp;)page=2)"', html).group(1).replace("&amp;", "&")
    assert f"department={camera.pk}" in link
    second = ap_client.get(url(production, link))
    assert len(names(second)) == 10
    assert all(name.startswith("Cam") for name in names(second))


def test_exports_have_everyone_who_matches_not_one_page(ap_client, production, crew):
    camera, _ = crew
    export = ap_client.get(url(production, f"?department={camera.pk}&page=2&format=csv"))
    assert len(export.content.decode().strip().splitlines()) == 1 + 60
    searched = ap_client.get(url(production, "?q=boom&format=csv")).content.decode()
    assert len(searched.strip().splitlines()) == 1 + 5
