"""The demo's slate: five projects in development in different states beside Night Ferry, one
with research, a draft and an option; seeding twice changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.development.demo import seed_development
from apps.development.models import Draft, Option, Project, ResearchNote
from apps.productions.capabilities import Role
from apps.productions.models import Phase
from tests.factories import member

pytestmark = pytest.mark.django_db


def test_the_demo_slate_has_five_projects_in_development_in_different_states(client, production):
    people = {role: member(production, role) for role in Role}
    seed_development(production, people, "small")
    seed_development(production, people, "small")  # again: nothing changes
    ideas = Project.objects.exclude(production=production).select_related("production")
    assert len(ideas) == 5
    assert {p.production.phase for p in ideas} == {Phase.DEVELOPMENT}
    assert len({p.status for p in ideas}) == 5
    salt = Project.objects.get(production__slug="salt-road").production
    assert ResearchNote.objects.filter(production=salt).count() == 3
    assert Draft.objects.filter(production=salt).count() == 1
    assert Option.objects.filter(production=salt).count() == 1
    client.force_login(people[Role.ASSOCIATE_PRODUCER])
    slate = client.get(reverse("slate:list"))
    assert len(slate.context["rows"]) == 6  # the five and the demo production itself
    client.force_login(people[Role.CREW])
    assert client.get(reverse("slate:list")).context["rows"] == []
