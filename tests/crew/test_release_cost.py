"""A release commits what the memo's terms owe: the guarantee while it is not worked off, else the
days worked up to the last day (the schedule's shoot days and the person's own day bookings),
with kit rental and per diem for the days paid. The release page shows the amount and why before
the office confirms, and the audit trail says it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.budgets.models import Commitment
from apps.crew import services
from apps.crew.models import DayAssignment, DealMemo, Engagement, MemoState, RateUnit
from apps.schedules.models import DayKind
from tests.budgets.factories import budget_from_template
from tests.crew.factories import DealMemoFactory, PositionFactory
from tests.schedules.factories import ShootDayFactory

pytestmark = pytest.mark.django_db

MONDAY = date(2030, 3, 4)


@pytest.fixture
def version(production):
    return budget_from_template(production)


def two_shooting_weeks(production) -> None:
    """Monday to Friday, two weeks running: ten shoot days."""
    for week in range(2):
        for weekday in range(5):
            ShootDayFactory(production=production, date=MONDAY + timedelta(days=7 * week + weekday))


def hired(production, **terms) -> DealMemo:
    defaults = {
        "position": PositionFactory(department__production=production, account_number="3301"),
        "start_date": MONDAY,
        "end_date": MONDAY + timedelta(days=13),
        "kit_rental": Decimal("0"),
        "per_diem": Decimal("0"),
        "person__name": "Ada Lovelace",
    }
    memo = DealMemoFactory(**{**defaults, **terms})
    memo.state = MemoState.SENT
    memo.expires_at = timezone.now() + timedelta(days=14)
    token = services.memo_issue_token(memo)
    memo.save()
    services.memo_accept(token=token, typed_name=memo.person.name, ip=None)
    memo.refresh_from_db()
    return memo


def release(memo: DealMemo, last_day: date) -> DealMemo:
    services.engagement_release(
        engagement=Engagement.objects.get(deal_memo=memo), last_day=last_day, reason="Cut"
    )
    memo.refresh_from_db()
    return memo


def test_a_weekly_memo_released_inside_its_guarantee_keeps_the_guarantee(production, version):
    """The case found on main: 2 weeks guaranteed at $2,500 plus $750 kit ($5,750), released
    after 8 of 14 calendar days, was trimmed to $5,750 × 8/14 = $3,285.71."""
    two_shooting_weeks(production)
    memo = hired(
        production,
        rate=Decimal("2500"),
        unit=RateUnit.WEEK,
        guarantee=Decimal("2"),
        kit_rental=Decimal("750"),
    )
    assert memo.committed_amount == Decimal("5750.00")
    memo = release(memo, MONDAY + timedelta(days=7))  # 6 shoot days of the 10 guaranteed
    assert memo.committed_amount == Decimal("5750.00")
    commitment = Commitment.objects.get(status=Commitment.Status.OPEN)
    assert commitment.amount == Decimal("5750.00")


def test_past_the_guarantee_the_days_worked_are_owed_with_kit_for_those_days(production, version):
    two_shooting_weeks(production)
    memo = hired(
        production,
        rate=Decimal("500"),
        unit=RateUnit.DAY,
        guarantee=Decimal("5"),
        kit_rental=Decimal("300"),
        per_diem=Decimal("100"),
    )
    assert memo.committed_amount == Decimal("2900.00")  # 500 × 5 + 300 + 100
    memo = release(memo, MONDAY + timedelta(days=7))
    # 6 days worked: 500 × 6, and kit and per diem for 6 of the 10 scheduled days.
    assert memo.committed_amount == Decimal("3240.00")


def test_a_day_booking_off_the_shoot_days_counts_as_a_day_worked(production, version):
    two_shooting_weeks(production)
    memo = hired(production, rate=Decimal("500"), unit=RateUnit.DAY, guarantee=Decimal("5"))
    travel = ShootDayFactory(
        production=production, date=MONDAY + timedelta(days=5), kind=DayKind.TRAVEL, day_number=None
    )
    DayAssignment.objects.create(
        production=production, shoot_day=travel, person=memo.person, position=memo.position
    )
    memo = release(memo, MONDAY + timedelta(days=7))  # 6 shoot days and the Saturday
    assert memo.committed_amount == Decimal("3500.00")


def test_an_hourly_memo_counts_a_day_as_its_straight_time(production, version):
    two_shooting_weeks(production)
    memo = hired(
        production,
        rate=Decimal("50"),
        unit=RateUnit.HOUR,
        guarantee=Decimal("40"),  # five 8-hour days
        overtime_after=None,
    )
    memo = release(memo, MONDAY + timedelta(days=7))
    assert memo.committed_amount == Decimal("2400.00")  # 6 days × 8 hours × 50
    ten_hour = hired(
        production,
        rate=Decimal("50"),
        unit=RateUnit.HOUR,
        guarantee=Decimal("100"),  # ten 10-hour days
        overtime_after=Decimal("10"),
    )
    ten_hour = release(ten_hour, MONDAY + timedelta(days=7))
    assert ten_hour.committed_amount == Decimal("5000.00")  # the guarantee: 6 of 10 days


def test_a_flat_fee_is_owed_in_full(production, version):
    two_shooting_weeks(production)
    memo = hired(production, rate=Decimal("4000"), unit=RateUnit.FLAT, guarantee=Decimal("1"))
    memo = release(memo, MONDAY)
    assert memo.committed_amount == Decimal("4000.00")


def test_the_release_page_shows_what_it_commits_before_it_is_confirmed(
    ap_client, production, version
):
    two_shooting_weeks(production)
    memo = hired(
        production,
        rate=Decimal("2500"),
        unit=RateUnit.WEEK,
        guarantee=Decimal("1"),
        kit_rental=Decimal("500"),
    )
    engagement = Engagement.objects.get(deal_memo=memo)
    page = reverse("crew:release", kwargs={"production_slug": production.slug, "pk": engagement.pk})
    asked = {"last_day": (MONDAY + timedelta(days=7)).isoformat(), "reason": "Scenes cut"}
    shown = ap_client.post(page, asked).content.decode()
    # 6 days worked past the 5 of a week: 500 a day × 6, kit for 6 of 10 days.
    assert "commits <strong>$3,300.00</strong> (was $3,000.00) because 6 days worked" in shown
    memo.refresh_from_db()
    assert memo.committed_amount == Decimal("3000.00")  # nothing moves until confirmed
    assert ap_client.post(page, {**asked, "confirm": "1"}).status_code == 302
    memo.refresh_from_db()
    assert memo.committed_amount == Decimal("3300.00")
    words = (
        "released after 11 Mar: commits $3,300.00 (was $3,000.00), "
        "6 days worked, past the 5 days guaranteed"
    )
    assert engagement.history.latest().history_change_reason == words
    assert memo.history.latest().history_change_reason == words
