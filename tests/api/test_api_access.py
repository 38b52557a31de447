"""Every API endpoint of a production, walked with tokens: an outsider's token gets 404 on every
method, a member's token without the method's capability 403, a read-only token 403 on every
write, and a revoked, expired, unknown or missing token 401. The endpoints are found as the access
matrix finds them (tests/test_access_matrix.py), so one added later is walked too."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.accounts.models import ApiToken
from apps.productions.capabilities import Role
from tests.api.conftest import client_with, token_for
from tests.factories import member
from tests.test_access_matrix import ROUTES, allowed, is_api, url_for

pytestmark = pytest.mark.django_db

API_ROUTES = [route for route in ROUTES if is_api(route)]
IDS = [route.name for route in API_ROUTES]
METHODS = ["get", "post", "put", "patch", "delete"]


def call(client, method: str, url: str):
    return getattr(client, method)(url, {}, format="json")


def test_there_are_api_endpoints_to_walk():
    assert len(API_ROUTES) >= 25


@pytest.mark.parametrize("route", API_ROUTES, ids=IDS)
def test_an_outsiders_token_gets_404_on_every_method(production, outsider_api, route):
    url = url_for(route, production.slug)
    answers = {method: call(outsider_api, method, url).status_code for method in METHODS}
    assert answers == dict.fromkeys(METHODS, 404)


@pytest.mark.parametrize("route", API_ROUTES, ids=IDS)
def test_an_unknown_production_is_404(outsider_api, route):
    assert outsider_api.get(url_for(route, "no-such-production")).status_code == 404


@pytest.mark.parametrize("route", API_ROUTES, ids=IDS)
def test_a_member_without_the_capability_gets_403(production, route):
    for method in METHODS:
        kind = "get" if method == "get" else "post"
        denied = [role for role in Role if role not in allowed(route, kind)]
        if not denied:
            continue
        client = client_with(token_for(member(production, denied[0])))
        status = call(client, method, url_for(route, production.slug)).status_code
        assert status == 403, f"{denied[0]} {method} {route.name}"


@pytest.mark.parametrize("route", API_ROUTES, ids=IDS)
def test_a_read_only_token_may_read_but_never_write(production, ap, route):
    client = client_with(token_for(ap, read_only=True))
    url = url_for(route, production.slug)
    assert call(client, "get", url).status_code != 403
    for method in ("post", "put", "patch", "delete"):
        response = call(client, method, url)
        assert response.status_code == 403, f"{method} {route.name}"
        assert response.json()["detail"] == "This token is read only: it may not change anything."


def _revoked(user) -> str:
    raw = token_for(user)
    ApiToken.objects.filter(user=user).update(revoked_at=timezone.now())
    return raw


def _expired(user) -> str:
    raw = token_for(user)
    ApiToken.objects.filter(user=user).update(expires_at=timezone.now() - timedelta(seconds=1))
    return raw


@pytest.mark.parametrize(
    "credentials",
    [
        lambda user: f"Bearer {_revoked(user)}",
        lambda user: f"Bearer {_expired(user)}",
        lambda user: "Bearer pd_not-a-token-anyone-made",
        lambda user: "Bearer",
        lambda user: "",
    ],
    ids=["revoked", "expired", "unknown", "empty", "none"],
)
def test_no_valid_token_is_401_everywhere(production, ap, credentials):
    from rest_framework.test import APIClient

    client = APIClient()
    header = credentials(ap)
    if header:
        client.credentials(HTTP_AUTHORIZATION=header)
    for route in API_ROUTES:
        url = url_for(route, production.slug)
        for method in METHODS:
            response = call(client, method, url)
            assert response.status_code == 401, f"{method} {route.name}"
            assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_a_revoked_token_stops_working_at_once(production, ap):
    raw = token_for(ap)
    client = client_with(raw)
    url = f"/api/p/{production.slug}/"
    assert client.get(url).status_code == 200
    ApiToken.objects.filter(user=ap).update(revoked_at=timezone.now())
    response = client.get(url)
    assert response.status_code == 401
    assert (
        response.json()["detail"] == "This token is not valid: it is unknown, revoked or expired."
    )


def test_a_deactivated_users_token_is_refused(production, ap):
    client = client_with(token_for(ap))
    ap.is_active = False
    ap.save()
    assert client.get(f"/api/p/{production.slug}/").status_code == 401


def test_my_productions_lists_only_mine_with_my_role(production, ap, api, outsider):
    from tests.factories import MembershipFactory

    other = MembershipFactory(user=ap, role=Role.CREW).production
    found = api.get("/api/productions/").json()["results"]
    assert sorted((r["production"]["slug"], r["role"]) for r in found) == sorted(
        [(production.slug, "associate_producer"), (other.slug, "crew")]
    )
    crew = next(r for r in found if r["role"] == "crew")
    assert "view_budget" not in crew["capabilities"]
    assert "view_schedule" in crew["capabilities"]
