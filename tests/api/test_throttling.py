"""The API is rate limited per token: past API_RATE requests (or API_WRITE_RATE changes) in the
period, 429 with Retry-After, for that token only. The rates are settings read on every request,
so the environment (and these tests) can change them."""

from __future__ import annotations

import pytest
from django.conf import settings

from apps.api.throttling import parse
from tests.api.conftest import client_with, token_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates(settings):
    def set_rates(read: str, write: str) -> None:
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"api": read, "api_write": write},
        }

    return set_rates


def test_past_the_rate_a_token_gets_429_and_another_token_does_not(production, ap, rates):
    rates("3/m", "100/m")
    first, second = client_with(token_for(ap)), client_with(token_for(ap))
    url = f"/api/p/{production.slug}/"
    assert [first.get(url).status_code for _ in range(3)] == [200, 200, 200]
    refused = first.get(url)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "throttled" in refused.json()["detail"].lower()
    assert second.get(url).status_code == 200


def test_writes_have_their_own_lower_rate(production, api, rates):
    rates("100/m", "2/m")
    url = f"/api/p/{production.slug}/schedule/elements/"
    made = [
        api.post(url, {"category": "props", "name": f"Prop {n}"}, format="json").status_code
        for n in range(3)
    ]
    assert made == [201, 201, 429]
    assert api.get(url).status_code == 200  # reading goes on


def test_the_counters_are_in_the_database_cache_every_worker_shares():
    from django.core.cache import caches

    from apps.api.throttling import RequestRate

    assert RequestRate().cache is caches["ratelimit"]
    assert settings.CACHES["ratelimit"]["BACKEND"].endswith("DatabaseCache")


@pytest.mark.parametrize(
    ("rate", "expected"), [("300/m", (300, 60)), ("5/15m", (5, 900)), ("10/h", (10, 3600))]
)
def test_rates_read_as_the_pages_rate_limits_do(rate, expected):
    assert parse(rate) == expected


def test_a_bad_rate_in_the_environment_stops_the_start(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from producer_desk.env import env_rate

    monkeypatch.setenv("API_RATE", "lots")
    with pytest.raises(ImproperlyConfigured):
        env_rate("API_RATE", "300/m")
