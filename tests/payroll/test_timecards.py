"""A timecard's life: started for the production's work week, its days saved from the version
read, submitted (its lines kept), approved by the department and by the accounts (posted to the
budget: the actual with its fringes, the memo's commitment relieved by as much), sent back with
a note at any step, and never changed once approved (an adjustment instead)."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

import pytest

from apps.budgets.models import Actual, Commitment
from apps.core.locking import StaleEdit
from apps.crew.models import MemoState, PayRules, Weekday
from apps.payroll import services
from apps.payroll.models import Timecard, TimecardLine, TimecardState
from apps.payroll.services import TimecardError
from tests.crew.factories import EngagementFactory
from tests.factories import member
from tests.payroll.conftest import START, filled, hire, long_day

pytestmark = pytest.mark.django_db


def fresh(timecard) -> Timecard:
    return Timecard.objects.get(pk=timecard.pk)


def through_department(timecard, head):
    timecard = services.timecard_submit(timecard=timecard, expected_version=timecard.version)
    return services.timecard_approve_department(
        timecard=timecard, expected_version=timecard.version, user=head
    )


# --- Start ----------------------------------------------------------------------------------------


def test_a_timecard_is_one_per_engagement_and_work_week_with_its_seven_days(engagement):
    first = services.timecard_start(engagement=engagement, day=START + timedelta(days=3))
    again = services.timecard_start(engagement=engagement, day=START + timedelta(days=6))
    assert first.pk == again.pk and first.week_start == START
    assert [d.date for d in first.days.all()] == [START + timedelta(days=n) for n in range(7)]


def test_the_week_starts_on_the_productions_day(production, engagement):
    PayRules.objects.create(production=production, week_starts=Weekday.SUNDAY)
    timecard = services.timecard_start(engagement=engagement, day=START + timedelta(days=2))
    assert timecard.week_start == START - timedelta(days=1)


def test_a_week_outside_the_engagement_has_no_timecard(engagement):
    with pytest.raises(TimecardError, match="not engaged in the week of 25 Feb 2030"):
        services.timecard_start(engagement=engagement, day=START - timedelta(days=1))


def test_without_a_signed_memo_there_is_no_timecard(production, version):
    engagement = EngagementFactory(production=production)  # no memo
    with pytest.raises(TimecardError, match="no signed deal memo"):
        services.timecard_start(engagement=engagement, day=START)
    memo = hire(production).deal_memo
    memo.state = MemoState.VOID
    memo.save()
    with pytest.raises(TimecardError, match="no signed deal memo"):
        services.timecard_start(engagement=memo.engagement, day=START)


# --- Save -----------------------------------------------------------------------------------------


def test_saving_works_the_week_out_and_says_so_in_the_history(timecard):
    saved = filled(timecard)
    # the long day (875.00) and a travel day (the day rate, 500.00)
    assert (saved.total, saved.wage, saved.version) == (Decimal("1375.00"), Decimal("1375.00"), 2)
    reason = saved.history.first().history_change_reason
    assert reason == "days saved: 2 entered, $1,375.00 for the week"


def test_a_save_from_an_old_version_is_refused(timecard):
    filled(timecard)
    with pytest.raises(StaleEdit):
        services.timecard_save(timecard=timecard, expected_version=1, days={})


def test_a_day_outside_the_engagement_is_refused(timecard):
    timecard.engagement.start_date = START + timedelta(days=2)  # from Wednesday
    timecard.engagement.save()
    with pytest.raises(TimecardError, match="Mon 04 Mar is outside .* engagement"):
        filled(timecard, {START: long_day()})


def test_times_that_cannot_be_paid_are_refused(timecard):
    with pytest.raises(TimecardError, match="needs its call and its wrap"):
        filled(timecard, {START: {"kind": "work", "call": time(7)}})
    assert fresh(timecard).total == 0


# --- Submit, approve, send back -------------------------------------------------------------------


def test_submitting_keeps_the_lines_that_the_approvers_read(timecard):
    timecard = filled(timecard)
    timecard = services.timecard_submit(timecard=timecard, expected_version=timecard.version)
    lines = list(TimecardLine.objects.filter(timecard=timecard).values_list("code", "amount"))
    assert lines == [
        ("regular", Decimal("500.00")),
        ("overtime", Decimal("150.00")),
        ("double_time", Decimal("150.00")),
        ("meal_penalty", Decimal("75.00")),
        ("regular", Decimal("500.00")),
    ]
    assert timecard.state == TimecardState.SUBMITTED


def test_an_empty_week_is_not_submitted(timecard):
    with pytest.raises(TimecardError, match="No day is filled in"):
        services.timecard_submit(timecard=timecard, expected_version=timecard.version)


def test_each_step_in_order_and_nobody_approves_their_own(production, timecard, head):
    timecard = filled(timecard)
    with pytest.raises(TimecardError, match="cannot be approved for the department"):
        services.timecard_approve_department(timecard=timecard, expected_version=timecard.version)
    timecard = services.timecard_submit(timecard=timecard, expected_version=timecard.version)
    with pytest.raises(TimecardError, match="cannot be given the accounts' approval"):
        services.timecard_approve(timecard=timecard, expected_version=timecard.version)
    own = member(production)
    timecard.person.user = own
    timecard.person.save()
    with pytest.raises(TimecardError, match="your own timecard"):
        services.timecard_approve_department(
            timecard=timecard, expected_version=timecard.version, user=own
        )
    timecard = services.timecard_approve_department(
        timecard=timecard, expected_version=timecard.version, user=head
    )
    assert timecard.state == TimecardState.DEPARTMENT_APPROVED


def test_sending_back_needs_a_note_and_makes_a_draft_again(timecard, head):
    timecard = filled(timecard)
    timecard = services.timecard_submit(timecard=timecard, expected_version=timecard.version)
    with pytest.raises(TimecardError, match="Say why"):
        services.timecard_return(
            timecard=timecard, expected_version=timecard.version, note="  ", step="department"
        )
    timecard = services.timecard_return(
        timecard=timecard, expected_version=timecard.version, note="Wrap was 20:00", user=head,
        step="department",
    )  # fmt: skip
    assert (timecard.state, timecard.returned_note) == (TimecardState.DRAFT, "Wrap was 20:00")
    assert not TimecardLine.objects.filter(timecard=timecard).exists()
    assert timecard.history.first().history_change_reason == "sent back: Wrap was 20:00"


def test_the_department_sends_back_only_before_its_approval_the_accounts_before_theirs(
    timecard, head
):
    timecard = through_department(filled(timecard), head)
    with pytest.raises(TimecardError, match="cannot be sent back"):
        services.timecard_return(
            timecard=timecard, expected_version=timecard.version, note="no", step="department"
        )
    timecard = services.timecard_return(
        timecard=timecard, expected_version=timecard.version, note="Missing kit", step="accounts"
    )
    assert timecard.is_draft


# --- Posting --------------------------------------------------------------------------------------


def test_the_accounts_approval_posts_the_week_with_fringes_and_relieves_the_commitment(
    timecard, head, accountant
):
    days = {
        START: {**long_day(), "kit": Decimal("35.00")},
        START + timedelta(1): {"kind": "travel"},
    }
    timecard = through_department(filled(timecard, days), head)
    before = Commitment.objects.get(status="open")
    # 500 x 20 + 150 kit + 60 per diem; FICA 6.2% and Medicare 1.45% on the 10,000.00 pay
    assert (before.amount, before.fringe_amount) == (Decimal("10210.00"), Decimal("765.00"))
    timecard = services.timecard_approve(
        timecard=timecard, expected_version=timecard.version, user=accountant
    )
    wage = Decimal("1375.00")
    fica = (wage * Decimal("0.062")).quantize(Decimal("0.01"))  # 85.25
    medicare = (wage * Decimal("0.0145")).quantize(Decimal("0.01"))  # 19.9375 -> 19.94
    actual = Actual.objects.get()
    assert (actual.account_number, actual.amount, actual.fringe_amount) == (
        "3301",
        wage + Decimal("35.00"),  # the kit posts too, without fringes
        fica + medicare,
    )
    assert actual.source == timecard and actual.date == START + timedelta(days=6)
    after = Commitment.objects.get(pk=before.pk)
    assert after.amount == Decimal("10210.00") - Decimal("1410.00")
    assert after.fringe_amount == Decimal("765.00") - Decimal("105.19")
    assert (timecard.state, timecard.posted_amount, timecard.posted_fringes) == (
        TimecardState.APPROVED,
        Decimal("1410.00"),
        Decimal("105.19"),
    )
    assert (
        timecard.history.first().history_change_reason
    ) == "approved and posted to 3301: $1,410.00 and $105.19 fringes"


def test_without_a_budget_the_accounts_approval_is_refused_and_nothing_moves(production, head):
    engagement = hire(production)  # no budget: the memo could not commit either
    timecard = services.timecard_start(engagement=engagement, day=START)
    timecard = through_department(filled(timecard), head)
    with pytest.raises(TimecardError, match="no budget yet"):
        services.timecard_approve(timecard=timecard, expected_version=timecard.version)
    assert fresh(timecard).state == TimecardState.DEPARTMENT_APPROVED
    assert not Actual.objects.exists()


def test_an_approved_timecard_refuses_every_change_and_takes_an_adjustment(
    timecard, head, accountant
):
    timecard = through_department(filled(timecard), head)
    timecard = services.timecard_approve(timecard=timecard, expected_version=timecard.version)
    with pytest.raises(TimecardError, match="approved: only a draft is changed. A correction"):
        services.timecard_save(timecard=timecard, expected_version=timecard.version, days={})
    for refused in (services.timecard_submit, services.timecard_approve):
        with pytest.raises(TimecardError):
            refused(timecard=timecard, expected_version=timecard.version)
    with pytest.raises(TimecardError, match="cannot be sent back"):
        services.timecard_return(
            timecard=timecard, expected_version=timecard.version, note="x", step="accounts"
        )
    adjustment = services.timecard_adjust(
        timecard=timecard, amount=Decimal("100.00"), reason="Missed hour on Monday", user=accountant
    )
    assert adjustment.posted_fringes == Decimal("6.20") + Decimal("1.45")
    assert fresh(timecard).total == Decimal("1375.00")  # the timecard itself is unchanged
    assert Actual.objects.count() == 2
    relieved = Decimal("10210.00") - Decimal("1375.00") - Decimal("100.00")
    assert Commitment.objects.get().amount == relieved


def test_committing_the_memo_again_keeps_what_timecards_posted_out_of_the_commitment(
    timecard, head
):
    from apps.crew.services import memo_commit

    timecard = through_department(filled(timecard), head)
    services.timecard_approve(timecard=timecard, expected_version=timecard.version)
    services.timecard_adjust(timecard=timecard, amount=Decimal("-75.00"), reason="No penalty")
    memo_commit(memo=timecard.deal_memo)  # e.g. after the position's account was fixed
    commitment = Commitment.objects.get()
    spent = Decimal("1375.00") - Decimal("75.00")
    assert commitment.amount == Decimal("10210.00") - spent
    # the fringes worked out again on the pay left: FICA and Medicare on 10,000.00 - 1,300.00
    left = Decimal("10000.00") - spent
    fica = (left * Decimal("0.062")).quantize(Decimal("0.01"))
    medicare = (left * Decimal("0.0145")).quantize(Decimal("0.01"))
    assert commitment.fringe_amount == fica + medicare


def test_the_productions_weekly_overtime_rule_reaches_the_timecard(production, timecard):
    PayRules.objects.create(production=production, week_overtime_after=Decimal("40"))
    days = {START + timedelta(days=n): long_day() for n in range(5)}  # 10 straight hours each
    timecard = filled(timecard, days)
    timecard = services.timecard_submit(timecard=timecard, expected_version=timecard.version)
    weekly = TimecardLine.objects.get(timecard=timecard, code="week_overtime")
    # Friday's 10 straight hours past 40: 0.5 x 50.00 (the day rate over 10 h) x 10 h
    assert (weekly.date, weekly.amount) == (START + timedelta(days=4), Decimal("250.00"))
    assert timecard.total == 5 * Decimal("875.00") + Decimal("250.00")


def test_the_audit_log_tells_each_step_in_words(production, timecard, head, accountant):
    from apps.productions.audit import entries_for

    timecard = through_department(filled(timecard, user=head), head)
    services.timecard_approve(timecard=timecard, expected_version=timecard.version, user=accountant)
    entries = entries_for(production, kind="Timecard")
    assert [e.reason for e in entries] == [
        "approved and posted to 3301: $1,375.00 and $105.19 fringes",
        "approved for the department: $1,375.00",
        "submitted: $1,375.00 for the week",
        "days saved: 2 entered, $1,375.00 for the week",
        "started for the week of 04 Mar 2030",
    ]
    assert entries[0].target == "Ada Lovelace, week of 04 Mar 2030"
    assert ("state", "Approved by the department", "Approved") in entries[0].changes
    assert ("posted fringes", "", "$105.19") in entries[0].changes


def test_a_memo_with_timecards_is_not_voided_the_hire_is_released_instead(timecard):
    from apps.crew import services as crew
    from apps.crew.services import CrewError

    with pytest.raises(CrewError, match="has timecards under this memo: release the hire"):
        crew.memo_void(memo=timecard.deal_memo)
    timecard.deal_memo.refresh_from_db()
    assert timecard.deal_memo.state != MemoState.VOID
    assert Timecard.objects.filter(pk=timecard.pk).exists()
