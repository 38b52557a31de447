"""A production with a budget (3301 with FICA and Medicare on its line), and a DP hired on a signed
memo (500.00 a day, 1.5x after 10 h, 2x after 12 h) from Monday 4 March 2030, in Camera."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

import pytest

from apps.crew.models import Engagement
from apps.payroll import services
from apps.productions.capabilities import Role
from tests.budgets.factories import add_line, budget_from_template, fringe_ids
from tests.crew.factories import PositionFactory
from tests.crew.test_commitments import accept, offer
from tests.factories import department_named, member

START = date(2030, 3, 4)  # a Monday


@pytest.fixture
def version(production):
    version = budget_from_template(production)
    add_line(
        version, "3301", x="6", rate="5000", units="weeks",
        fringes=fringe_ids(version, "FICA", "MEDICARE"),
    )  # fmt: skip
    return version


def hire(production, department="Camera", account="3301", name=None, **terms) -> Engagement:
    """Someone hired in `department` on a signed memo (the first: Ada Lovelace)."""
    position = PositionFactory(
        production=production,
        department=department_named(production, department),
        account_number=account,
    )
    defaults = {"overtime_after": Decimal("10"), "double_time_after": Decimal("12")}
    if name is not None:
        defaults["person__name"] = name
    memo = accept(offer(production, position=position, **{**defaults, **terms}))
    return Engagement.objects.get(deal_memo=memo)


@pytest.fixture
def engagement(production, version):
    return hire(production, name="Ada Lovelace")


@pytest.fixture
def timecard(engagement):
    return services.timecard_start(engagement=engagement, day=START + timedelta(days=2))


def long_day() -> dict:
    """07:00 to 21:00, meal 13:00-13:30: 500 + 150 (1.5x) + 150 (2x) + 75 (late meal) = 875."""
    return {"kind": "work", "call": time(7), "wrap": time(21),
            "meal1_out": time(13), "meal1_in": time(13, 30)}  # fmt: skip


def filled(timecard, days: dict | None = None, user=None):
    days = days or {START: long_day(), START + timedelta(days=1): {"kind": "travel"}}
    return services.timecard_save(
        timecard=timecard, expected_version=timecard.version, days=days, user=user
    )


@pytest.fixture
def head(production):
    return member(production, Role.DEPARTMENT_HEAD, department="Camera")


@pytest.fixture
def accountant(production):
    return member(production, Role.ACCOUNTANT)


def approved(timecard, head):
    """Submitted, approved by `head` for the department, then by the accounts (posted)."""
    for step in (services.timecard_submit, services.timecard_approve_department):
        timecard = step(timecard=timecard, expected_version=timecard.version, user=head)
    return services.timecard_approve(timecard=timecard, expected_version=timecard.version)


def exported_week(production, timecard, head):
    """The export's week: Ada's long Monday with 35.00 kit and a travel Tuesday, approved, with a
    -25.00 adjustment; Grace Hopper's draft beside it (not exported)."""
    days = {
        START: {**long_day(), "kit": Decimal("35.00")},
        START + timedelta(1): {"kind": "travel"},
    }
    timecard = approved(filled(timecard, days), head)
    services.timecard_adjust(timecard=timecard, amount=Decimal("-25.00"), reason="Meal on time")
    filled(services.timecard_start(engagement=hire(production, name="Grace Hopper"), day=START))
    return timecard
