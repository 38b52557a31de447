"""Every production URL is behind the one access layer, and answers the three personas correctly.

The walk covers every URL pattern the project registers, so a view added later without
`@production_view` fails here: either it lives under /p/<production_slug>/ without declaring a
capability, or it lives elsewhere without being listed as deliberately public below.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from apps.productions.capabilities import CAPABILITY_ROLES, Role
from tests.factories import member

pytestmark = pytest.mark.django_db

# URLs outside /p/<production_slug>/: each is public or only needs a signed-in user, and shows
# no production's data except through a check of its own (the invitation token).
OUTSIDE_PRODUCTIONS = {
    "accounts:login",
    "accounts:logout",
    "accounts:profile",
    "accounts:password_change",
    "accounts:password_change_done",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "productions:list",
    "productions:create",
    "invitation_accept",
    # The hire's deal memo link: the hashed, expiring, single-use token is the credential.
    "deal_memo_accept",
    # The schedule's iCalendar feed: calendar apps cannot sign in, so the random token in the
    # address is the credential; only that token is stored, and revoking it draws a new one.
    "schedule_ical",
    # A call sheet recipient's confirmation link: the hashed random token is the credential; it
    # confirms only its own recipient and stops working after the shoot day.
    "callsheet_confirm",
    # The health check: a load balancer cannot sign in; it answers "ok" after one `SELECT 1` and
    # shows no data at all.
    "healthz",
    None,
}

SAMPLE = {"int": 987654, "str": "x", "slug": "x", "path": "x", "uuid": str(uuid.uuid4())}


@dataclass
class Route:
    name: str | None
    route: str
    callback: object
    converters: dict


def walk(patterns, prefix: str = "", namespace: str | None = None, converters=None):
    converters = converters or {}
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            ns = entry.namespace or namespace
            if namespace and entry.namespace:
                ns = f"{namespace}:{entry.namespace}"
            yield from walk(
                entry.url_patterns,
                prefix + str(entry.pattern),
                ns,
                {**converters, **entry.pattern.converters},
            )
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield Route(
                name,
                prefix + str(entry.pattern),
                entry.callback,
                {**converters, **entry.pattern.converters},
            )


def problems_in(patterns) -> list[str]:
    """What is wrong with the access control of these URL patterns (empty when all is well)."""
    found = []
    for route in walk(patterns):
        if "production_slug" in route.converters:
            if not route.route.startswith("p/<slug:production_slug>/"):
                found.append(f"{route.route}: production pages live under /p/<slug>/")
            if not hasattr(route.callback, "production_capability"):
                found.append(f"{route.route} ({route.name}): no @production_view(capability)")
        elif route.name not in OUTSIDE_PRODUCTIONS:
            found.append(f"{route.route} ({route.name}): outside /p/ and not listed as public")
    return found


def production_routes() -> list[Route]:
    return [r for r in walk(get_resolver().url_patterns) if "production_slug" in r.converters]


def url_for(route: Route, slug: str) -> str:
    kwargs = {"production_slug": slug}
    for key, converter in route.converters.items():
        if key != "production_slug":
            kind = type(converter).__name__.replace("Converter", "").lower()
            kwargs[key] = SAMPLE.get(kind, "x")
    return reverse(route.name, kwargs=kwargs)


def test_every_registered_url_is_behind_the_access_layer():
    assert problems_in(get_resolver().url_patterns) == []


def test_the_walk_catches_an_unprotected_production_view():
    from django.http import HttpResponse
    from django.urls import include, path

    def sneaky(request, production_slug):
        return HttpResponse("budget")

    patterns = [path("p/<slug:production_slug>/", include([path("leak/", sneaky, name="leak")]))]
    assert problems_in(patterns) == [
        "p/<slug:production_slug>/leak/ (leak): no @production_view(capability)"
    ]


def test_the_walk_catches_an_unlisted_view_outside_productions():
    from django.http import HttpResponse
    from django.urls import path

    patterns = [path("everything/", lambda request: HttpResponse(), name="everything")]
    assert problems_in(patterns) == [
        "everything/ (everything): outside /p/ and not listed as public"
    ]


ROUTES = production_routes()


def test_the_matrix_has_production_routes_to_walk():
    assert len(ROUTES) >= 10


@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_users_are_sent_to_login(client, production, route, method):
    response = getattr(client, method)(url_for(route, production.slug))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
@pytest.mark.parametrize("method", ["get", "post"])
def test_non_members_get_404(client, production, outsider, route, method):
    client.force_login(outsider)
    assert getattr(client, method)(url_for(route, production.slug)).status_code == 404


@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
def test_unknown_productions_get_404(client, outsider, route):
    client.force_login(outsider)
    assert client.get(url_for(route, "no-such-production")).status_code == 404


@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
@pytest.mark.parametrize("method", ["get", "post"])
def test_members_without_the_capability_get_403(client, production, route, method):
    allowed = CAPABILITY_ROLES[route.callback.production_capability]
    denied = [role for role in Role if role not in allowed]
    if not denied:
        pytest.skip(f"every role may {route.callback.production_capability.label.lower()}")
    for role in denied:
        client.force_login(member(production, role))
        response = getattr(client, method)(url_for(route, production.slug))
        assert response.status_code == 403, f"{role} on {route.name}"


@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
def test_members_with_the_capability_get_past_the_access_layer(client, production, route):
    role = sorted(CAPABILITY_ROLES[route.callback.production_capability])[0]
    client.force_login(member(production, role))
    # The sample ids do not exist: past the access layer a page answers 200, a redirect, 404 for
    # the missing object, or 405 for a POST-only action, but never 403.
    assert client.get(url_for(route, production.slug)).status_code in {200, 302, 404, 405}
