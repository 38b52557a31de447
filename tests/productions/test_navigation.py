from __future__ import annotations

import pytest

from apps.productions.capabilities import Role
from tests.factories import member

pytestmark = pytest.mark.django_db


def nav_labels(client, production) -> list[str]:
    response = client.get(production.get_absolute_url())
    return [item.label for item in response.context["production_nav"]]


def test_each_role_sees_only_the_menu_entries_it_may_open(client, production):
    client.force_login(member(production, Role.CREW))
    crew = nav_labels(client, production)
    assert "Budget" not in crew and "Members" not in crew and "Crew" not in crew
    assert "My deal memos" in crew and "Call sheets" in crew

    client.force_login(member(production, Role.ASSOCIATE_PRODUCER))
    ap = nav_labels(client, production)
    assert {"Budget", "Schedule", "Crew", "Vendors", "Call sheets", "Members"} <= set(ap)
    assert "My deal memos" not in ap  # the AP reaches memos through Crew
