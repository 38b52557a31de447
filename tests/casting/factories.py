"""Casting's factories: each row in its production, with messy names where it costs nothing."""

from __future__ import annotations

import factory

from apps.casting.models import Actor, Agency, Representative, Role
from tests.factories import ProductionFactory


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    production = factory.SubFactory(ProductionFactory)
    name = factory.Sequence(lambda n: f'Agency "{n}"')


class RepresentativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Representative

    agency = factory.SubFactory(AgencyFactory)
    production = factory.SelfAttribute("agency.production")
    name = factory.Sequence(lambda n: f"Agent {n}")
    email = factory.Sequence(lambda n: f"agent{n}@agency.test")
    phone = "+1 212 555 0100"


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    production = factory.SubFactory(ProductionFactory)
    name = factory.Sequence(lambda n: f"Actor {n}")
    email = factory.Sequence(lambda n: f"actor{n}@example.test")
    phone = "+1 212 555 0111"


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    production = factory.SubFactory(ProductionFactory)
    name = factory.Sequence(lambda n: f"Role {n}")
