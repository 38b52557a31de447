"""The directory and the production's departments and positions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.urls import reverse

from apps.crew.forms import DEPARTMENT_EXISTS, PERSON_EXISTS
from apps.crew.models import STANDARD_DEPARTMENTS, Department, Person, Position
from apps.crew.validators import PHONE_INVALID
from apps.productions.capabilities import Role
from tests.crew.factories import DepartmentFactory, EngagementFactory, PersonFactory
from tests.factories import member

pytestmark = pytest.mark.django_db


def url(name: str, production, **kwargs) -> str:
    return reverse(f"crew:{name}", kwargs={"production_slug": production.slug, **kwargs})


def person_data(**overrides) -> dict:
    return {
        "name": "Ines Duarte",
        "email": "Ines@Example.test",
        "phone": "+44 20 7946 0958",
        "union": "BECTU",
        "emergency_contact": "Rui Duarte",
        "emergency_phone": "+1 212 555 0199",
        "notes": "",
        **overrides,
    }


def test_a_production_starts_with_the_standard_departments(ap_client, production):
    ap_client.get(url("departments", production))
    names = list(Department.objects.filter(production=production).values_list("name", flat=True))
    assert names == STANDARD_DEPARTMENTS
    assert {"Camera", "Hair & Makeup", "Set Dressing", "VFX", "Catering"} <= set(names)


def test_departments_are_editable_and_not_refilled(ap_client, production):
    ap_client.get(url("departments", production))
    camera = Department.objects.get(production=production, name="Camera")
    ap_client.post(
        url("department_edit", production, pk=camera.pk), {"name": "Camera A", "order": 5}
    )
    ap_client.post(url("department_delete", production, pk=Department.objects.get(name="VFX").pk))
    ap_client.get(url("departments", production))
    names = set(Department.objects.filter(production=production).values_list("name", flat=True))
    assert "Camera A" in names and "Camera" not in names and "VFX" not in names


def test_a_department_name_is_unique_in_any_case(ap_client, production):
    ap_client.get(url("departments", production))
    response = ap_client.post(
        url("departments", production), {"dept-name": "camera", "dept-order": 1}
    )
    assert DEPARTMENT_EXISTS.format(name="camera") in response.content.decode()


def test_a_position_has_a_budget_account_number_and_a_rate_range(ap_client, production):
    department = DepartmentFactory(production=production, name="Camera")
    response = ap_client.post(
        url("departments", production),
        {
            "pos-department": department.pk,
            "pos-title": "First Assistant Camera",
            "pos-account_number": "3303",
            "pos-rate_min": "450",
            "pos-rate_max": "600.50",
        },
    )
    assert response.status_code == 302
    position = Position.objects.get()
    assert position.account_number == "3303"
    assert (position.rate_min, position.rate_max) == (Decimal("450"), Decimal("600.50"))


def test_a_rate_range_cannot_be_upside_down(ap_client, production):
    department = DepartmentFactory(production=production)
    response = ap_client.post(
        url("departments", production),
        {
            "pos-department": department.pk,
            "pos-title": "Gaffer",
            "pos-rate_min": "600",
            "pos-rate_max": "400",
        },
    )
    assert "The highest rate is below the lowest." in response.content.decode()
    with pytest.raises(IntegrityError):
        Position.objects.create(
            production=production, department=department, title="X", rate_min=2, rate_max=1
        )


def test_adding_a_person_checks_the_phone_format(ap_client, production):
    response = ap_client.post(url("person_add", production), person_data(phone="555-CALL-ME"))
    assert PHONE_INVALID in response.content.decode()
    assert ap_client.post(url("person_add", production), person_data()).status_code == 302
    person = Person.objects.get()
    assert person.email == "ines@example.test" and person.union == "BECTU"


def test_one_person_per_e_mail_in_a_production_whatever_the_case(ap_client, production):
    PersonFactory(production=production, email="ines@example.test")
    response = ap_client.post(url("person_add", production), person_data())
    assert PERSON_EXISTS.format(email="ines@example.test") in response.content.decode()
    with pytest.raises(IntegrityError):
        Person.objects.create(production=production, name="I", email="INES@example.test")


def test_the_same_e_mail_may_be_in_two_productions(production):
    PersonFactory(production=production, email="ines@example.test")
    PersonFactory(email="ines@example.test")
    assert Person.objects.count() == 2


@pytest.mark.parametrize(
    "role, sees_phone",
    [
        (Role.ASSOCIATE_PRODUCER, True),
        (Role.COORDINATOR, True),
        (Role.ACCOUNTANT, False),
    ],
)
def test_phones_and_emergency_contacts_show_only_to_roles_allowed(
    client, production, role, sees_phone
):
    PersonFactory(production=production, phone="+1 212 555 0142", emergency_contact="Pat Doe")
    client.force_login(member(production, role))
    for page in ("people", "list"):
        if page == "list":
            EngagementFactory(
                production=production,
                person=Person.objects.get(),
                position__department__production=production,
            )
        content = client.get(url(page, production)).content.decode()
        assert ("+1 212-555-0142" in content) is sees_phone, page
    export = client.get(url("list", production) + "?format=csv").content.decode()
    assert ("emergency_phone" in export) is sees_phone


@pytest.mark.parametrize("role, sees_rates", [(Role.ACCOUNTANT, True), (Role.COORDINATOR, False)])
def test_rates_show_only_to_roles_allowed(client, production, role, sees_rates):
    from tests.crew.factories import DealMemoFactory

    memo = DealMemoFactory(position__department__production=production, rate=Decimal("612.00"))
    EngagementFactory(
        production=production, person=memo.person, position=memo.position, deal_memo=memo
    )
    client.force_login(member(production, role))
    assert ("$612.00" in client.get(url("list", production)).content.decode()) is sees_rates
    export = client.get(url("list", production) + "?format=csv").content.decode()
    assert ("612.00" in export) is sees_rates


def test_the_directory_searches_names_and_e_mails(client, production):
    PersonFactory(production=production, name="Ines Duarte", email="ines@example.test")
    PersonFactory(production=production, name="Marcus Bell", email="mb@camera.test")
    client.force_login(member(production, Role.DEPARTMENT_HEAD, department="Camera"))
    assert list(client.get(url("people", production) + "?q=ines").context["people"]) == []
    client.force_login(member(production))
    found = client.get(url("people", production) + "?q=camera").context["people"]
    assert [p.name for p in found] == ["Marcus Bell"]
