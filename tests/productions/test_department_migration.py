"""The migration from department names to department keys keeps who sees what: each membership,
invitation and budget grant points at the department its text named (any case, spaces trimmed),
and a name no department had gets one."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("productions", "0004_membership_department_foreign_key"),
    ("budgets", "0004_grant_department_foreign_key"),
]
AFTER = [
    ("productions", "0006_drop_membership_department_name"),
    ("budgets", "0006_drop_grant_department_name"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.fixture
def old_apps():
    apps = migrate(BEFORE)
    yield apps
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_names_become_keys_to_the_same_departments(old_apps):
    User = old_apps.get_model("accounts", "User")
    Production = old_apps.get_model("productions", "Production")
    Department = old_apps.get_model("productions", "Department")
    Membership = old_apps.get_model("productions", "Membership")
    Invitation = old_apps.get_model("productions", "Invitation")
    Grant = old_apps.get_model("budgets", "DepartmentGrant")
    from django.utils import timezone

    production = Production.objects.create(title="Old", slug="old")
    camera = Department.objects.create(production=production, name="Camera", order=10)
    Department.objects.create(production=production, name="Sound", order=20)
    head = Membership.objects.create(
        user=User.objects.create(email="head@example.test"),
        production=production,
        role="department_head",
        department_name="camera ",
    )
    lost = Membership.objects.create(
        user=User.objects.create(email="lost@example.test"),
        production=production,
        role="department_head",
        department_name="Drones",
    )
    office = Membership.objects.create(
        user=User.objects.create(email="ap@example.test"), production=production, role="crew"
    )
    invitation = Invitation.objects.create(
        production=production,
        email="new@example.test",
        role="department_head",
        department_name="CAMERA",
        expires_at=timezone.now(),
    )
    grant = Grant.objects.create(
        production=production, department_name="Camera", kind="account", number="3307"
    )
    Grant.objects.create(
        production=production, department_name="camera", kind="account", number="3307"
    )

    new_apps = migrate(AFTER)
    Department = new_apps.get_model("productions", "Department")
    Membership = new_apps.get_model("productions", "Membership")
    Invitation = new_apps.get_model("productions", "Invitation")
    Grant = new_apps.get_model("budgets", "DepartmentGrant")
    drones = Department.objects.get(production_id=production.pk, name="Drones")
    assert Membership.objects.get(pk=head.pk).department_id == camera.pk
    assert Membership.objects.get(pk=lost.pk).department_id == drones.pk
    assert drones.order == 30  # after the production's others
    assert Membership.objects.get(pk=office.pk).department_id is None
    assert Invitation.objects.get(pk=invitation.pk).department_id == camera.pk
    assert list(Grant.objects.values_list("pk", "department_id")) == [(grant.pk, camera.pk)]
