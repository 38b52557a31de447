"""Across apps: the shooting schedule's day count drives the budget's SHOOT_DAYS global.

Neither app imports the other: schedules sends `shoot_days_changed` after its transaction commits,
and budgets (listening since start-up) moves the global and recomputes the lines that use it.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from apps.budgets.models import DetailLine
from apps.schedules.services.board import day_insert, day_remove
from tests.budgets.factories import add_line, budget_from_template

pytestmark = pytest.mark.django_db


def test_adding_and_removing_shoot_days_moves_the_budget(
    production, django_capture_on_commit_callbacks
):
    version = budget_from_template(production)
    line = add_line(version, "3201", x="SHOOT_DAYS", rate="650")
    with django_capture_on_commit_callbacks(execute=True):
        days = [day_insert(production=production) for _ in range(3)]
    line.refresh_from_db()
    assert version.globals.get(name="SHOOT_DAYS").value == 3
    assert line.total == Decimal("1950.00")

    with django_capture_on_commit_callbacks(execute=True):
        day_remove(production=production, day=days[0])
    assert DetailLine.objects.get(pk=line.pk).total == Decimal("1300.00")
