"""The slate: per user and per membership, sortable, filterable, exportable; a new idea becomes a
production in development with its project; the project's edit refuses a stale save."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.core.locking import StaleEdit
from apps.development.models import Project, Status
from apps.development.slate import services
from apps.productions.capabilities import Role
from apps.productions.models import Membership, Phase, Production
from tests.factories import ProductionFactory, UserFactory, member

pytestmark = pytest.mark.django_db


def project(title, user, role=Role.PRODUCER, **fields):
    production = ProductionFactory(title=title)
    if user is not None:
        Membership.objects.create(user=user, production=production, role=role)
    return Project.objects.create(production=production, **fields)


@pytest.fixture
def me(client):
    user = UserFactory()
    client.force_login(user)
    return user


def titles(response) -> list[str]:
    return [p.production.title for p, _ in response.context["rows"]]


def test_the_slate_shows_only_the_projects_of_the_user_s_productions(client, me):
    project("Mine", me, logline="A ferry at night")
    project("Also mine", me, role=Role.ASSOCIATE_PRODUCER)
    project("Someone else's", member(ProductionFactory()))  # user of another production
    project("Nobody's", None)
    project("Crew only", me, role=Role.CREW)  # a crew member does not see development
    response = client.get(reverse("slate:list"))
    assert response.status_code == 200
    assert sorted(titles(response)) == ["Also mine", "Mine"]
    page = response.content.decode()
    assert "Someone else" not in page and "Nobody" not in page and "Crew only" not in page


def test_the_slate_filters_and_sorts_on_the_server(client, me):
    project("Bravo", me, status=Status.IDEA, genre="Thriller", budget_high=Decimal("2000000"))
    project("Alpha", me, status=Status.FINANCING, genre="Drama", budget_high=Decimal("500000"))
    project("Charlie", me, status=Status.IDEA, genre="Drama", budget_high=Decimal("9000000"))
    assert titles(client.get(reverse("slate:list"), {"sort": "title"})) == [
        "Alpha", "Bravo", "Charlie",
    ]  # fmt: skip
    assert titles(client.get(reverse("slate:list"), {"sort": "-budget"})) == [
        "Charlie", "Bravo", "Alpha",
    ]  # fmt: skip
    assert titles(client.get(reverse("slate:list"), {"status": "idea", "sort": "title"})) == [
        "Bravo", "Charlie",
    ]  # fmt: skip
    assert titles(client.get(reverse("slate:list"), {"q": "drama", "sort": "-title"})) == [
        "Charlie", "Alpha",
    ]  # fmt: skip


def test_the_slate_exports_what_it_shows(client, me):
    project("Mine", me, genre="=cmd|' /C calc'!A0", budget_low=Decimal("100"))
    project("Not mine", member(ProductionFactory()))
    rows = list(
        csv.reader(io.StringIO(client.get(reverse("slate:export", args=["csv"])).content.decode()))
    )
    assert rows[0][:4] == ["Title", "Logline", "Genre", "Format"]
    assert [r[0] for r in rows[1:]] == ["Mine"]
    assert rows[1][2].startswith("'=")  # inert
    response = client.get(reverse("slate:export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[2]][0] == "Mine"


def test_a_new_idea_becomes_a_production_in_development_with_its_creator_as_producer(client, me):
    response = client.post(
        reverse("slate:new"),
        {
            "title": "Salt Road", "format": "documentary", "currency": "EUR",
            "logline": "Salt, and the road it made.", "genre": "History",
            "budget_low": "250000", "budget_high": "400000",
        },
    )  # fmt: skip
    production = Production.objects.get(title="Salt Road")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "development:project", kwargs={"production_slug": production.slug}
    )
    assert (production.phase, production.format, production.currency) == (
        Phase.DEVELOPMENT, "documentary", "EUR",
    )  # fmt: skip
    assert Membership.objects.get(production=production).user == me
    assert Membership.objects.get(production=production).role == Role.PRODUCER
    idea = production.development
    assert (idea.logline, idea.owner, idea.budget_low) == (
        "Salt, and the road it made.", me, Decimal("250000"),
    )  # fmt: skip
    assert "Salt Road" in client.get(reverse("slate:list")).content.decode()


def test_a_new_idea_with_a_budget_range_upside_down_is_refused_and_nothing_is_made(client, me):
    response = client.post(
        reverse("slate:new"),
        {"title": "Upside", "format": "feature", "currency": "USD",
         "budget_low": "900", "budget_high": "100"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "upper end is below its lower end" in response.content.decode()
    assert not Production.objects.filter(title="Upside").exists()


def test_the_project_edit_refuses_a_stale_save(client, production, ap):
    item = Project.objects.create(production=production, logline="Old")
    client.force_login(ap)
    url = reverse("development:project_edit", kwargs={"production_slug": production.slug})
    data = {"logline": "Mine", "status": "optioned", "version": item.version}
    assert client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert (item.logline, item.status, item.version) == ("Mine", "optioned", 2)
    response = client.post(url, {**data, "logline": "Theirs", "version": 1})  # loaded before
    assert response.status_code == 200
    assert "Someone else saved this project" in response.content.decode()
    item.refresh_from_db()
    assert item.logline == "Mine"
    with pytest.raises(StaleEdit):
        services.project_update(project=item, expected_version=1, logline="x")
    assert item.history.first().logline == "Mine"


def test_a_production_created_in_development_is_on_the_slate_before_its_project_is_edited(
    client, me
):
    data = {
        "my_role": Role.ASSOCIATE_PRODUCER, "title": "Low Tide", "slug": "low-tide",
        "format": "feature", "phase": "development", "company_name": "Tidal Films",
        "currency": "EUR", "time_zone": "Europe/Lisbon",
    }  # fmt: skip
    assert client.post(reverse("productions:create"), data).status_code == 302
    client.post(reverse("productions:create"), {**data, "title": "In Prep", "slug": "in-prep",
                                               "phase": "pre_production"})  # fmt: skip
    assert not Project.objects.filter(production__slug="low-tide").exists()  # never edited
    response = client.get(reverse("slate:list"))
    assert titles(response) == ["Low Tide"]  # a production past development needs its project
    assert 'data-testid="slate-low-tide"' in response.content.decode()
    assert titles(client.get(reverse("slate:list"), {"status": "idea"})) == ["Low Tide"]
    assert titles(client.get(reverse("slate:list"), {"q": "low"})) == ["Low Tide"]
    assert titles(client.get(reverse("slate:list"), {"status": "optioned"})) == []
    rows = list(
        csv.reader(io.StringIO(client.get(reverse("slate:export", args=["csv"])).content.decode()))
    )
    assert [r[0] for r in rows[1:]] == ["Low Tide"]
