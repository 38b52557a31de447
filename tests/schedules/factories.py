"""Factories for the schedule: scenes on sets, cast, locations and shoot days."""

from __future__ import annotations

from datetime import date

import factory

from apps.schedules.models import CastMember, Location, Scene, Set, ShootDay
from tests.factories import ProductionFactory


class SetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Set

    production = factory.SubFactory(ProductionFactory)
    name = factory.Sequence(lambda n: f"SET {n}")


class SceneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scene

    production = factory.SubFactory(ProductionFactory)
    number = factory.Sequence(lambda n: str(n + 1000))  # clear of numbers given by hand
    int_ext = "INT"
    set = factory.SubFactory(SetFactory, production=factory.SelfAttribute("..production"))
    time_of_day = "DAY"
    eighths = 8


class CastFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CastMember

    production = factory.SubFactory(ProductionFactory)
    # Far above the small numbers tests give by hand, so the two never collide.
    id_number = factory.Sequence(lambda n: n + 1000)
    character = factory.Sequence(lambda n: f"CHARACTER {n}")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    production = factory.SubFactory(ProductionFactory)
    name = factory.Sequence(lambda n: f"Location {n}")


class ShootDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShootDay

    production = factory.SubFactory(ProductionFactory)
    position = factory.Sequence(lambda n: n + 1)
    date = date(2027, 3, 1)
