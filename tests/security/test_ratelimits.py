"""Sign-in, password reset and every tokened public link are rate limited, and the limit resets."""

from __future__ import annotations

import time

import django_ratelimit.core
import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RATES = {"login": "3/m", "login_user": "4/h", "password_reset": "2/h", "token_link": "3/m"}

TOKEN_URLS = {
    "invitation_accept": reverse("invitation_accept", kwargs={"token": "t" * 43}),
    "deal_memo_accept": reverse("deal_memo_accept", kwargs={"token": "t" * 43}),
    "callsheet_confirm": reverse("callsheet_confirm", kwargs={"token": "t" * 43}),
    "start_pack": reverse("start_pack", kwargs={"token": "t" * 43}),
    "timecard_link": reverse("timecard_link", kwargs={"token": "t" * 43}),
    "audition_answer": reverse("audition_answer", kwargs={"token": "t" * 43}),
    "casting_submit": reverse("casting_submit", kwargs={"token": "t" * 43}),
    "screening_rsvp": reverse("screening_rsvp", kwargs={"token": "t" * 43}),
    "schedule_ical": reverse("schedule_ical", kwargs={"token": "t" * 43}),
    "password_reset_confirm": reverse(
        "accounts:password_reset_confirm", kwargs={"uidb64": "MQ", "token": "set-password"}
    ),
}


@pytest.fixture(autouse=True)
def _low_rates(settings):
    settings.RATELIMIT_RATES = RATES


class Clock:
    """django-ratelimit's own clock, moved forward to the next window without sleeping."""

    def __init__(self) -> None:
        self.offset = 0

    def time(self) -> float:
        return time.time() + self.offset


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(django_ratelimit.core, "time", fake)
    return fake


def sign_in(client, username: str, ip: str = "203.0.113.7"):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": "wrong-password"},
        REMOTE_ADDR=ip,
    )


@pytest.mark.parametrize("name", TOKEN_URLS)
def test_each_tokened_link_is_limited_per_address_and_resets(client, clock, name):
    url = TOKEN_URLS[name]
    statuses = [client.get(url, REMOTE_ADDR="203.0.113.7").status_code for _ in range(3)]
    assert 429 not in statuses
    limited = client.get(url, REMOTE_ADDR="203.0.113.7")
    assert limited.status_code == 429
    assert "Too many requests" in limited.content.decode()
    assert limited["Retry-After"]
    assert client.get(url, REMOTE_ADDR="198.51.100.9").status_code != 429  # another address
    clock.offset = 120
    assert client.get(url, REMOTE_ADDR="203.0.113.7").status_code != 429


def test_sign_in_is_limited_per_address_and_resets(client, clock):
    for n in range(3):
        assert sign_in(client, f"person{n}@example.test").status_code == 200
    assert sign_in(client, "person9@example.test").status_code == 429
    clock.offset = 120
    assert sign_in(client, "person9@example.test").status_code == 200


def test_sign_in_is_limited_per_account_from_many_addresses(client, clock, settings):
    settings.AXES_FAILURE_LIMIT = 100  # the rate limit, not axes, is under test here
    for n in range(4):
        assert sign_in(client, "Target@example.test", ip=f"198.51.100.{n}").status_code == 200
    assert sign_in(client, "target@example.test", ip="198.51.100.99").status_code == 429
    clock.offset = 2 * 3600
    assert sign_in(client, "target@example.test", ip="198.51.100.99").status_code == 200


def test_only_sign_in_posts_count(client):
    for _ in range(5):
        assert client.get(reverse("accounts:login"), REMOTE_ADDR="203.0.113.7").status_code == 200


def test_a_good_sign_in_still_works_under_the_limit(client):
    user = UserFactory(email="ap@example.test")
    from tests.factories import PASSWORD

    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302


def test_password_reset_requests_are_limited_per_address_and_reset(client, clock):
    url = reverse("accounts:password_reset")
    for _ in range(2):
        assert client.post(url, {"email": "someone@example.test"}).status_code == 302
    assert client.post(url, {"email": "someone@example.test"}).status_code == 429
    clock.offset = 2 * 3600
    assert client.post(url, {"email": "someone@example.test"}).status_code == 302


def test_behind_the_proxy_the_forwarded_client_address_is_counted(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    url = TOKEN_URLS["invitation_accept"]
    for _ in range(3):
        client.get(url, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    blocked = client.get(url, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    other = client.get(url, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert blocked.status_code == 429 and other.status_code != 429


def test_the_counters_are_kept_in_the_database_not_redis(settings):
    from django.core.cache import caches

    backend = settings.CACHES[settings.RATELIMIT_USE_CACHE]["BACKEND"]
    assert backend == "django.core.cache.backends.db.DatabaseCache"
    caches[settings.RATELIMIT_USE_CACHE].set("probe", 1)  # the table exists in the test database
    assert caches[settings.RATELIMIT_USE_CACHE].get("probe") == 1


def test_a_malformed_rate_stops_start_up(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from producer_desk.env import env_rate

    monkeypatch.setenv("RATELIMIT_LOGIN", "lots")
    with pytest.raises(ImproperlyConfigured, match="RATELIMIT_LOGIN='lots' is not a rate"):
        env_rate("RATELIMIT_LOGIN", "20/m")
    monkeypatch.setenv("RATELIMIT_LOGIN", "5/15m")
    assert env_rate("RATELIMIT_LOGIN", "20/m") == "5/15m"
