from __future__ import annotations

import pytest
from django.urls import reverse

from apps.productions.capabilities import Role
from apps.productions.models import Membership
from apps.productions.services import DEPARTMENT_REQUIRED, LAST_PRODUCER, PRODUCER_ONLY
from tests.factories import member

pytestmark = pytest.mark.django_db


def url(name, production, **kwargs):
    return reverse(f"productions:{name}", kwargs={"production_slug": production.slug, **kwargs})


def test_a_member_s_role_can_be_changed(ap_client, production):
    crew = Membership.objects.get(user=member(production, Role.CREW))
    ap_client.post(url("member_change", production, pk=crew.pk), {"role": "coordinator"})
    crew.refresh_from_db()
    assert crew.role == Role.COORDINATOR


def test_a_department_head_needs_a_department(ap_client, production):
    crew = Membership.objects.get(user=member(production, Role.CREW))
    response = ap_client.post(
        url("member_change", production, pk=crew.pk), {"role": "department_head"}, follow=True
    )
    assert DEPARTMENT_REQUIRED in response.content.decode()
    crew.refresh_from_db()
    assert crew.role == Role.CREW


def test_the_last_producer_cannot_be_removed(client, production, producer):
    only = Membership.objects.get(user=producer)
    client.force_login(producer)
    response = client.post(url("member_remove", production, pk=only.pk), follow=True)
    assert LAST_PRODUCER in response.content.decode()
    assert Membership.objects.filter(pk=only.pk).exists()


def test_the_last_producer_cannot_be_demoted(client, production, producer):
    only = Membership.objects.get(user=producer)
    client.force_login(producer)
    client.post(url("member_change", production, pk=only.pk), {"role": "crew"})
    only.refresh_from_db()
    assert only.role == Role.PRODUCER


def test_a_producer_can_be_removed_when_another_remains(client, production, producer):
    second = Membership.objects.get(user=member(production, Role.PRODUCER))
    client.force_login(producer)
    client.post(url("member_remove", production, pk=second.pk))
    assert not Membership.objects.filter(pk=second.pk).exists()


def test_an_ap_cannot_touch_the_producer_role(ap_client, production, producer):
    target = Membership.objects.get(user=producer)
    response = ap_client.post(url("member_remove", production, pk=target.pk), follow=True)
    assert PRODUCER_ONLY in response.content.decode()
    crew = Membership.objects.get(user=member(production, Role.CREW))
    ap_client.post(url("member_change", production, pk=crew.pk), {"role": "producer"})
    crew.refresh_from_db()
    assert crew.role == Role.CREW


def test_members_of_another_production_cannot_be_reached(ap_client, production):
    other = Membership.objects.exclude(production=production).first() or None
    from tests.factories import MembershipFactory

    other = MembershipFactory(role=Role.CREW)
    response = ap_client.post(url("member_remove", production, pk=other.pk))
    assert response.status_code == 404
    assert Membership.objects.filter(pk=other.pk).exists()


def test_the_member_list_exports_as_csv_and_xlsx(ap_client, production, ap):
    csv = ap_client.get(url("members_export", production, fmt="csv"))
    assert csv["Content-Type"].startswith("text/csv")
    assert ap.email in csv.content.decode()
    xlsx = ap_client.get(url("members_export", production, fmt="xlsx"))
    assert xlsx.content[:2] == b"PK"


def test_a_department_head_runs_one_of_the_production_s_departments(ap_client, production):
    from tests.crew.factories import DepartmentFactory

    crew = Membership.objects.get(user=member(production, Role.CREW))
    camera = DepartmentFactory(production=production, name="Camera")
    elsewhere = DepartmentFactory(name="Camera")  # another production's
    change = url("member_change", production, pk=crew.pk)
    ap_client.post(change, {"role": "department_head", "department": elsewhere.pk})
    ap_client.post(change, {"role": "department_head", "department": "Camera"})
    crew.refresh_from_db()
    assert (crew.role, crew.department) == (Role.CREW, None)
    ap_client.post(change, {"role": "department_head", "department": camera.pk})
    crew.refresh_from_db()
    assert (crew.role, crew.department) == (Role.DEPARTMENT_HEAD, camera)
    page = ap_client.get(url("members", production)).content.decode()
    assert f'<option value="{camera.pk}" selected>Camera</option>' in page
    ap_client.post(change, {"role": "coordinator", "department": camera.pk})
    crew.refresh_from_db()
    assert (crew.role, crew.department) == (Role.COORDINATOR, None)
