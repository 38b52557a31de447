"""Actors' e-mails and phones are talent contacts: casting and the office see them, and the
coordinator who sends the call sheets; never the crew.

Found on main: every member who could see the schedule (crew, the accountant) read the cast's
e-mail addresses and phone numbers on the cast page; later, department heads still did (they may
see crew contacts), and booking an actor in casting copies the actor's e-mail onto the cast.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.productions.capabilities import Role
from apps.schedules.models import CastMember
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        (Role.CREW, False),
        (Role.ACCOUNTANT, False),
        (Role.DEPARTMENT_HEAD, False),
        (Role.COORDINATOR, True),
        (Role.CASTING, True),
        (Role.ASSOCIATE_PRODUCER, True),
    ],
)
def test_cast_contacts_are_seen_by_casting_the_office_and_the_call_sheet_sender(
    client, production, role, sees
):
    CastMember.objects.create(
        production=production,
        id_number=1,
        character="MARA",
        actor="Jo Actor",
        email="jo.actor@agency.test",
        phone="+1 555 0100",
    )
    client.force_login(member(production, role))
    page = client.get(reverse("schedules:cast", args=[production.slug])).content.decode()
    assert "Jo Actor" in page
    assert ("jo.actor@agency.test" in page) is sees
    assert ("+1 555 0100" in page) is sees
