"""Casting is the office's and the casting director's; the director reads it and ranks. Actors'
contacts never reach the crew, nor the director."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.productions.capabilities import Capability as C
from apps.productions.capabilities import Role, role_can
from tests.casting.factories import ActorFactory, RepresentativeFactory, RoleFactory
from tests.factories import member

pytestmark = pytest.mark.django_db

SEE_CONTACTS = {Role.PRODUCER, Role.ASSOCIATE_PRODUCER, Role.PRODUCTION_MANAGER, Role.CASTING}
SEE_CASTING = SEE_CONTACTS | {Role.DIRECTOR}


def test_casting_is_seen_by_the_office_the_casting_director_and_the_director_only():
    for role in Role:
        assert role_can(role, C.VIEW_CASTING) == (role in SEE_CASTING), role
        assert role_can(role, C.VIEW_TALENT_CONTACTS) == (role in SEE_CONTACTS), role
        assert role_can(role, C.EDIT_CASTING) == (role in SEE_CONTACTS), role


@pytest.mark.parametrize("role", [r for r in Role if r not in SEE_CASTING])
def test_an_actors_contacts_never_reach_the_other_roles(client, production, role):
    agent = RepresentativeFactory(agency__production=production, email="agent@secret.test")
    actor = ActorFactory(production=production, email="actor@secret.test", agent=agent)
    client.force_login(member(production, role))
    kwargs = {"production_slug": production.slug}
    for name, extra in (
        ("casting:actor", {"pk": actor.pk}),
        ("casting:actors", {}),
        ("casting:roles_export", {"fmt": "csv"}),
        ("casting:agency", {"pk": agent.agency.pk}),
    ):
        response = client.get(reverse(name, kwargs={**kwargs, **extra}))
        assert response.status_code == 403, (role, name)
        assert b"secret.test" not in response.content


@pytest.mark.parametrize("role", [Role.CREW, Role.DEPARTMENT_HEAD, Role.DIRECTOR])
def test_no_casting_page_or_export_shows_a_crew_member_an_actors_contacts(client, production, role):
    """Every casting URL (pages, PDFs, CSV/XLSX, offers, auditions), read by crew: refused; read
    by the director: shown without them. Never an address or a phone. (Casting has no API
    endpoints.)"""
    from tests.test_access_matrix import production_routes, url_for

    agent = RepresentativeFactory(agency__production=production, email="agent@secret.test")
    ActorFactory(
        production=production, email="actor@secret.test", agent=agent, phone="+1 212 555 0199"
    )
    client.force_login(member(production, role))
    routes = [r for r in production_routes() if (r.name or "").startswith("casting:")]
    assert len(routes) > 40
    assert not [
        r for r in production_routes() if "casting" in r.route and r.route.startswith("api/")
    ]
    for route in routes:
        response = client.get(url_for(route, production.slug))
        if role in SEE_CASTING:
            assert response.status_code < 500, route.name
        else:
            assert response.status_code in (403, 404, 405), route.name
        assert b"secret.test" not in response.content and b"555 0199" not in response.content


@pytest.mark.parametrize("role", sorted(SEE_CONTACTS))
def test_the_casting_roles_see_the_contacts(client, production, role):
    actor = ActorFactory(production=production, email="actor@seen.test")
    client.force_login(member(production, role))
    url = reverse("casting:actor", kwargs={"production_slug": production.slug, "pk": actor.pk})
    assert "actor@seen.test" in client.get(url).content.decode()


def test_a_role_of_another_production_is_not_found(client, production, ap):
    other = RoleFactory()
    client.force_login(ap)
    url = reverse("casting:role", kwargs={"production_slug": production.slug, "pk": other.pk})
    assert client.get(url).status_code == 404


def test_the_casting_director_sees_no_crew_list(client, production):
    client.force_login(member(production, Role.CASTING))
    url = reverse("crew:list", kwargs={"production_slug": production.slug})
    assert client.get(url).status_code == 403
