"""Across apps: the shooting schedule's day count drives the budget's SHOOT_DAYS global.

Neither app imports the other: schedules sends `shoot_days_changed` after its transaction commits,
and budgets (listening since start-up) moves the global of every version that follows the schedule
and recomputes the lines that use it (tests/integration/test_schedule_budget_link.py: the rest).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from apps.budgets.models import DetailLine
from apps.budgets.services import versions
from apps.schedules.services.board import day_insert, day_remove
from tests.budgets.factories import add_line

pytestmark = pytest.mark.django_db


def test_adding_and_removing_shoot_days_moves_the_budget(
    production, django_capture_on_commit_callbacks
):
    version = versions.budget_create_from_template(
        production=production, budget_name="B", template_key="feature", follow_schedule=True
    )
    line = add_line(version, "3201", x="SHOOT_DAYS", rate="650")
    with django_capture_on_commit_callbacks(execute=True):
        days = [day_insert(production=production) for _ in range(3)]
    line.refresh_from_db()
    assert version.globals.get(name="SHOOT_DAYS").value == 3
    assert line.total == Decimal("1950.00")

    with django_capture_on_commit_callbacks(execute=True):
        day_remove(production=production, day=days[0])
    assert DetailLine.objects.get(pk=line.pk).total == Decimal("1300.00")
