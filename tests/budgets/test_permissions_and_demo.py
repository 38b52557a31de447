import pytest
from django.core.management import call_command
from django.urls import reverse

from apps.budgets.models import Actual, Budget, Commitment, DepartmentGrant, DetailLine
from apps.productions.capabilities import Role
from apps.productions.models import Production
from tests.budgets.factories import add_line, budget_from_template
from tests.factories import department_named, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(production):
    version = budget_from_template(production)
    add_line(version, "3307", description="Camera package", rate="9500")
    add_line(version, "3201", description="Gaffer", rate="650")
    add_line(version, "1202", description="Producer fee", rate="150000")
    return version


@pytest.mark.parametrize(
    "role", [Role.PRODUCER, Role.ASSOCIATE_PRODUCER, Role.PRODUCTION_MANAGER, Role.ACCOUNTANT]
)
def test_office_roles_and_accountants_edit_lines(client, production, version, role):
    client.force_login(member(production, role))
    line = DetailLine.objects.get(description="Gaffer")
    response = client.post(
        reverse("budgets:line_delete", args=[production.slug, version.id, line.id])
    )
    assert response.status_code == 302
    assert not DetailLine.objects.filter(pk=line.pk).exists()


@pytest.mark.parametrize("role", [Role.CREW, Role.COORDINATOR, Role.DEPARTMENT_HEAD])
def test_crew_coordinators_and_department_heads_see_no_full_budget(
    client, production, version, role
):
    client.force_login(member(production, role))
    for url in (
        reverse("budgets:top_sheet", args=[production.slug, version.id]),
        reverse("budgets:cost_report", args=[production.slug]),
    ):
        assert client.get(url).status_code == 403
    dashboard = client.get(reverse("productions:dashboard", args=[production.slug]))
    assert "data-budget-total" not in dashboard.content.decode()


def test_crew_see_no_department_budget_either(client, production, version):
    client.force_login(member(production, Role.CREW))
    assert client.get(reverse("budgets:department", args=[production.slug])).status_code == 403


def test_a_department_head_sees_only_the_accounts_granted_to_their_department(
    client, production, version
):
    head = member(production, Role.DEPARTMENT_HEAD, department="Camera")
    client.force_login(head)
    url = reverse("budgets:department", args=[production.slug])
    page = client.get(url).content.decode()
    assert "Camera package" not in page
    assert "No budget accounts have been shared" in page
    DepartmentGrant.objects.create(
        production=production,
        department=department_named(production, "Camera"),
        kind="account",
        number="3307",
    )
    page = client.get(url).content.decode()
    assert "Camera package" in page
    assert "Gaffer" not in page and "Producer fee" not in page
    DepartmentGrant.objects.create(
        production=production,
        department=department_named(production, "Camera"),
        kind="category",
        number="3200",
    )
    page = client.get(url).content.decode()
    assert "Gaffer" in page and "Producer fee" not in page


def test_another_departments_grant_shows_nothing(client, production, version):
    DepartmentGrant.objects.create(
        production=production,
        department=department_named(production, "Grip"),
        kind="category",
        number="3300",
    )
    client.force_login(member(production, Role.DEPARTMENT_HEAD, department="Camera"))
    page = client.get(reverse("budgets:department", args=[production.slug])).content.decode()
    assert "Camera package" not in page


def test_a_renamed_department_keeps_its_grants(client, production, version):
    client.force_login(member(production, Role.DEPARTMENT_HEAD, department="Camera"))
    camera = department_named(production, "Camera")
    DepartmentGrant.objects.create(
        production=production, department=camera, kind="account", number="3307"
    )
    camera.name = "Camera & Video"
    camera.save()
    page = client.get(reverse("budgets:department", args=[production.slug])).content.decode()
    assert "Camera package" in page and "Camera &amp; Video budget" in page


def test_aps_grant_departments_access_on_the_page(client, production, ap):
    client.force_login(ap)
    client.post(
        reverse("budgets:grants", args=[production.slug]),
        {
            "department": department_named(production, "Camera").pk,
            "kind": "category",
            "number": "3300",
        },
    )
    assert DepartmentGrant.objects.filter(production=production, number="3300").exists()


def test_the_demo_seed_builds_night_ferrys_budget_once(db):
    call_command("seed_demo", stdout=__import__("io").StringIO())
    production = Production.objects.get(title="Night Ferry")
    counts = (
        Budget.objects.count(),
        DetailLine.objects.count(),
        Actual.objects.count(),
        # The budget's own (manual) commitment; the vendors demo adds its POs' commitments.
        Commitment.objects.filter(source_type__isnull=True).count(),
    )
    assert counts[1] >= 15 and counts[2] >= 3 and counts[3] == 1
    call_command("seed_demo", stdout=__import__("io").StringIO())
    assert counts == (
        Budget.objects.count(),
        DetailLine.objects.count(),
        Actual.objects.count(),
        Commitment.objects.filter(source_type__isnull=True).count(),
    )
    version = production.budget_versions.get()
    assert version.globals.get(name="SHOOT_DAYS").value == 25
