"""Factories for the foundation's models; each domain app keeps its own in tests/<app>/."""

from __future__ import annotations

from datetime import date, timedelta

import factory

from apps.accounts.models import User
from apps.productions.capabilities import Role
from apps.productions.models import Department, Membership, Production

PASSWORD = "a-long-test-password-1"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class ProductionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Production

    title = factory.Sequence(lambda n: f"Production {n}")
    slug = factory.Sequence(lambda n: f"production-{n}")
    currency = "USD"
    time_zone = "America/New_York"
    prep_start = factory.LazyFunction(lambda: date.today() + timedelta(days=10))
    first_shoot_day = factory.LazyFunction(lambda: date.today() + timedelta(days=40))
    wrap_date = factory.LazyFunction(lambda: date.today() + timedelta(days=75))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    production = factory.SubFactory(ProductionFactory)
    role = Role.ASSOCIATE_PRODUCER
    department = factory.LazyAttribute(
        lambda o: "Camera" if o.role == Role.DEPARTMENT_HEAD else None
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Tests name a department ("camera"): the production's department of that name, made if
        # it has none. The membership points at it by key.
        name = kwargs.get("department")
        if isinstance(name, str):
            kwargs["department"] = department_named(kwargs["production"], name) if name else None
        return super()._create(model_class, *args, **kwargs)


def department_named(production: Production, name: str) -> Department:
    """The production's department called `name` (any case), created when it has none."""
    found = Department.objects.filter(production=production, name__iexact=name.strip()).first()
    return found or Department.objects.create(production=production, name=name.strip())


def member(production: Production, role: str = Role.ASSOCIATE_PRODUCER, **kwargs) -> User:
    """A new user who is a member of `production` in `role`."""
    return MembershipFactory(production=production, role=role, **kwargs).user
