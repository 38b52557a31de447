"""The API's personas: a client that sends a personal access token, for any user."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from apps.accounts.tokens import token_create


def token_for(user, *, read_only: bool = False, days: int = 30) -> str:
    return token_create(user=user, name="test", days=days, read_only=read_only)[1]


def client_with(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


@pytest.fixture
def api(ap) -> APIClient:
    """The associate producer's token client."""
    return client_with(token_for(ap))


@pytest.fixture
def outsider_api(outsider) -> APIClient:
    return client_with(token_for(outsider))


@pytest.fixture(autouse=True)
def _fresh_rate_counters():
    """Each test starts with no request counted against the API's rates."""
    from django.core.cache import caches

    caches["ratelimit"].clear()
