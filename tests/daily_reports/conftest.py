"""A shoot day whose call sheet was published with messy text (quotes, commas, newlines, formula-
looking names), and the people who draft, sign and read its report."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from apps.callsheets import services as callsheets
from apps.callsheets.models import CallSheet
from apps.productions.capabilities import Role
from tests.callsheets.factories import shoot_day_with_crew
from tests.factories import member

MESSY_ROLE = '=HYPERLINK("x"), "Mara"'
MESSY_ACTOR = "O'Brien, Siân\nJr."
BACKGROUND = ["12 drivers — 07:00", '6 x "commuters", rain gear 06:30', "=cmd|' /C calc'!A0"]


@pytest.fixture
def production(production):
    production.first_shoot_day = date.today() + timedelta(days=40)
    production.title = 'The "Ferry", Part 2'
    production.save()
    return production


@pytest.fixture
def day(production):
    """Day 1 with scenes 1 (11/8) and 2 (4/8), two cast (the first with a messy name), Camera
    and Direction crew and a day player; its call sheet published with times and background."""
    day = shoot_day_with_crew(production, crew=2)
    first = day.extra["cast"][0]
    first.character, first.actor = MESSY_ROLE, MESSY_ACTOR
    first.save()
    call_sheet = callsheets.callsheet_start(shoot_day=day)
    callsheets.callsheet_update(
        call_sheet=call_sheet,
        expected_version=call_sheet.version,
        fields={
            "general_call": time(7, 0),
            "shooting_call": time(8, 15),
            "background": "\n".join(BACKGROUND),
        },
        cast_times={first.pk: {"pickup": time(5, 45), "hair_makeup": None, "on_set": None}},
    )
    day.revision = callsheets.callsheet_publish(call_sheet=CallSheet.objects.get(pk=call_sheet.pk))
    return day


@pytest.fixture
def coordinator(production):
    return member(production, Role.COORDINATOR)


@pytest.fixture
def manager(production):
    return member(production, Role.PRODUCTION_MANAGER)


@pytest.fixture
def crew_member(production):
    return member(production, Role.CREW)
