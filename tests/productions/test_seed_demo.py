from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import call_command

from apps.accounts.models import User
from apps.productions.capabilities import Role
from apps.productions.models import Membership, Production

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"sessions", "contenttypes", "auth", "admin", "axes"}
    }


def test_the_demo_has_a_production_with_members_in_several_roles(capsys):
    call_command("seed_demo")
    production = Production.objects.get(slug="night-ferry")
    roles = set(Membership.objects.filter(production=production).values_list("role", flat=True))
    assert roles == set(Role)
    assert (production.wrap_date - production.first_shoot_day).days == 32  # 25 five-day-week days
    out = capsys.readouterr().out
    assert "ap@demo.producerdesk.test" in out and "demo-desk-2026" in out
    assert User.objects.get(email="ap@demo.producerdesk.test").check_password("demo-desk-2026")


def test_running_the_seed_twice_changes_nothing():
    call_command("seed_demo")
    first = snapshot()
    call_command("seed_demo")
    assert snapshot() == first
