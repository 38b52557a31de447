"""A released person's last timecard closes their commitment: once the engagement is released and
the timecard of the week holding its last day is approved and posted (and no other timecard of the
engagement waits), whatever the memo still commits is relieved to zero, and the timecard's history
says so in words. Before that, the commitment stays."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from apps.budgets.models import Commitment
from apps.crew.services.engagements import engagement_release
from apps.payroll import services
from tests.payroll.conftest import START, approved, filled

pytestmark = pytest.mark.django_db
ZERO = Decimal("0")


def released(engagement, last_day):
    return engagement_release(engagement=engagement, last_day=last_day, reason="Scenes cut")


def open_commitment(engagement):
    return Commitment.objects.get(status="open", account_number="3301", amount__gte=0)


def test_the_last_timecard_of_a_released_engagement_relieves_the_rest_to_zero(
    engagement, timecard, head
):
    released(engagement, START + timedelta(days=1))
    before = open_commitment(engagement)
    assert before.amount > 0
    timecard = approved(filled(timecard), head)
    after = Commitment.objects.get(pk=before.pk)
    assert (after.amount, after.fringe_amount) == (ZERO, ZERO)
    words = timecard.history.first().history_change_reason
    assert "last timecard" in words and "released after 5 Mar 2030" in words
    assert "relieved to zero" in words


def test_a_timecard_before_the_last_week_leaves_the_rest_committed(engagement, head):
    week_two = services.timecard_start(engagement=engagement, day=START + timedelta(days=7))
    released(engagement, START + timedelta(days=8))
    first = services.timecard_start(engagement=engagement, day=START)
    approved(filled(first), head)
    assert open_commitment(engagement).amount > 0  # the week holding the last day is not in
    days = {START + timedelta(days=7): {"kind": "travel"}}
    week_two = filled(week_two, days)
    approved(week_two, head)
    assert open_commitment(engagement).amount == ZERO


def test_an_engagement_still_running_keeps_its_commitment(engagement, timecard, head):
    approved(filled(timecard), head)
    assert open_commitment(engagement).amount > 0


def test_a_release_after_the_last_week_is_approved_closes_it_too(engagement, timecard, head):
    timecard = approved(filled(timecard), head)
    released(engagement, START + timedelta(days=1))
    after = open_commitment(engagement)
    assert (after.amount, after.fringe_amount) == (ZERO, ZERO)
    words = timecard.history.first().history_change_reason
    assert words.startswith("released after 5 Mar 2030, last timecard: ")
