"""The demo's slate: five projects in development in different states beside Night Ferry, one
with research, a draft and an option, one with a finance plan and a pitch package; seeding twice
changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.development.demo import seed_development
from apps.development.finance.models import FinanceSource, SourceKind
from apps.development.finance.plan import finance_plan
from apps.development.models import Draft, Option, Project, ResearchNote, Status
from apps.development.pitch.models import Comparable, PitchPackage, PitchPerson
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


def test_a_slate_project_in_financing_has_a_finance_plan_and_a_pitch_package(client, production):
    people = {role: member(production, role) for role in Role}
    seed_development(production, people, "small")
    north = Project.objects.get(production__slug="north-light")
    assert north.status == Status.FINANCING
    light = north.production
    counts = [
        FinanceSource.objects.filter(production=light).count(),
        PitchPerson.objects.filter(production=light).count(),
        Comparable.objects.filter(production=light).count(),
        PitchPackage.objects.filter(production=light).count(),
    ]
    assert counts[0] >= 3 and counts[1] >= 2 and counts[2] >= 2 and counts[3] == 1
    fund = FinanceSource.objects.get(production=light, name="Regional fund")
    assert fund.kind == SourceKind.INCENTIVE and fund.rate is None and fund.amount > 0
    plan = finance_plan(light)
    typed = FinanceSource.objects.filter(production=light).values_list("amount", flat=True)
    assert plan.total == sum(typed)  # no budget yet: every amount typed, the fund's too
    assert PitchPerson.objects.filter(production=light).exclude(letter_text="").exists()
    seed_development(production, people, "small")  # again: nothing changes
    assert [
        FinanceSource.objects.filter(production=light).count(),
        PitchPerson.objects.filter(production=light).count(),
        Comparable.objects.filter(production=light).count(),
        PitchPackage.objects.filter(production=light).count(),
    ] == counts
    assert FinanceSource.objects.filter(production=production).exists()  # Night Ferry keeps its
    client.force_login(people[Role.ASSOCIATE_PRODUCER])
    for name, shown in (("development:finance", "Regional fund"), ("development:pitch", "Haugen")):
        page = client.get(reverse(name, args=[light.slug]))
        assert page.status_code == 200 and shown in page.content.decode()
