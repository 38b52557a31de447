"""Factories for crew; each keeps its production consistent with its parents'."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import factory

from apps.crew.models import (
    Candidate,
    DealMemo,
    Department,
    Engagement,
    Opening,
    Person,
    Position,
)
from tests.factories import ProductionFactory


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    production = factory.SubFactory(ProductionFactory)
    name = factory.Sequence(lambda n: f"Department {n}")
    order = factory.Sequence(lambda n: n)


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    department = factory.SubFactory(DepartmentFactory)
    production = factory.SelfAttribute("department.production")
    title = factory.Sequence(lambda n: f"Position {n}")
    account_number = "3301"
    rate_min = Decimal("400")
    rate_max = Decimal("600")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    production = factory.SubFactory(ProductionFactory)
    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"crew{n}@example.test")
    phone = "+1 212 555 0100"
    emergency_contact = "Pat Doe"
    emergency_phone = "+1 212 555 0199"


class OpeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opening

    position = factory.SubFactory(PositionFactory)
    production = factory.SelfAttribute("position.production")
    start_date = factory.LazyFunction(lambda: date.today() + timedelta(days=10))
    end_date = factory.LazyFunction(lambda: date.today() + timedelta(days=40))
    rate = Decimal("500")


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate

    opening = factory.SubFactory(OpeningFactory)
    production = factory.SelfAttribute("opening.production")
    person = factory.SubFactory(PersonFactory, production=factory.SelfAttribute("..production"))


class DealMemoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DealMemo

    position = factory.SubFactory(PositionFactory)
    production = factory.SelfAttribute("position.production")
    person = factory.SubFactory(PersonFactory, production=factory.SelfAttribute("..production"))
    rate = Decimal("500.00")
    unit = "day"
    guarantee = Decimal("20")
    kit_rental = Decimal("100.00")
    per_diem = Decimal("0.00")
    start_date = factory.LazyFunction(lambda: date.today() + timedelta(days=10))
    end_date = factory.LazyFunction(lambda: date.today() + timedelta(days=39))


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagement

    position = factory.SubFactory(PositionFactory)
    production = factory.SelfAttribute("position.production")
    department = factory.SelfAttribute("position.department")
    person = factory.SubFactory(PersonFactory, production=factory.SelfAttribute("..production"))
    start_date = factory.LazyFunction(lambda: date.today() - timedelta(days=5))
    end_date = factory.LazyFunction(lambda: date.today() + timedelta(days=25))
