"""A browser tab names the page's part of the production (an AP keeps the budget, the board and
the cost report open side by side): a page without a title of its own is titled by its menu
entry."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def title(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return unescape(re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1))


@pytest.mark.parametrize(
    ("url_name", "section"),
    [
        ("budgets:cost_periods", "Budget"),
        ("hot_costs:summary", "Hot costs"),
        ("schedules:board", "Schedule"),
        ("productions:members", "Members"),
    ],
)
def test_a_page_without_its_own_title_is_titled_by_its_menu_entry(
    ap_client, production, url_name, section
):
    url = reverse(url_name, kwargs={"production_slug": production.slug})
    assert title(ap_client, url) == f"{section} · {production.title} · Producer Desk"


def test_a_page_with_its_own_title_keeps_it(ap_client, production):
    url = reverse("daily_reports:list", kwargs={"production_slug": production.slug})
    assert title(ap_client, url) == f"Daily reports · {production.title}"


def test_pages_outside_a_production_are_untouched(ap_client):
    assert title(ap_client, reverse("productions:list")).endswith("Producer Desk")
