"""Writes with rules for timecards: start one, save its days (a draft only, from the version the
form was read at), submit, the department's approval, the accounts' approval (which posts the
week to the budget), sending back with a note, and adjustments to an approved timecard.

Every write takes the timecard's row lock (`_locked`) and checks the state under it, so two
approvers racing, or a save racing a submission, end with one winner and a clear refusal.
Every change leaves its words in the timecard's history (the audit log).

Posting (the accounts' approval and each adjustment) is `posting.post`: the week's total is an
actual on the memo's account with its fringes, and the memo's commitment there is relieved by as
much, so the cost report's labour moves from committed to spent to the cent.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.core.bulk import update_rows
from apps.core.locking import StaleEdit
from apps.core.money import format_money
from apps.crew import pay
from apps.crew.models import Engagement, MemoState
from apps.crew.services.wording import audit
from apps.payroll import posting, prefill
from apps.payroll.errors import TimecardError
from apps.payroll.models import (
    Timecard,
    TimecardAdjustment,
    TimecardDay,
    TimecardLine,
    TimecardState,
)
from apps.payroll.paying import (  # noqa: F401 (the week's pay is read through services too)
    _save,
    entries_of,
    history_words,
    kept_pay,
    rules_of,
    save_words,
    week_pay_of,
    week_start_of,
)

SIGNED = (MemoState.ACCEPTED, MemoState.COUNTERSIGNED)
NO_SIGNED_MEMO = "{person} has no signed deal memo for this engagement: there are no terms to pay."
OUTSIDE_ENGAGEMENT = "{day} is outside {person}'s engagement ({start} to {end}): leave it blank."
NOT_ENGAGED_THAT_WEEK = "{person} is not engaged in the week of {start}: no timecard for it."
NOT_A_DRAFT = "This timecard is {state}: only a draft is changed. {how}"
AFTER_APPROVAL = "A correction to an approved timecard is an adjustment."
NOTHING_WORKED = "No day is filled in: give at least one day before submitting."
WRONG_STATE = "This timecard is {state}: it cannot be {action} now."
OWN_TIMECARD = "You cannot approve your own timecard: another approver does."
NEEDS_NOTE = "Say why it goes back: the person reads the note."
NOT_APPROVED = "Only an approved timecard takes adjustments; change the draft instead."
ADJUST_NEEDS_REASON = "Say what the adjustment corrects."


def _locked(timecard: Timecard, expected_version: int | None) -> Timecard:
    locked = (
        Timecard.objects.select_for_update(of=("self",))
        .select_related("production", "deal_memo", "person", "engagement")
        .get(pk=timecard.pk)
    )
    if expected_version is not None and locked.version != expected_version:
        raise StaleEdit("timecard")
    return locked


def _money(timecard: Timecard, amount: Decimal) -> str:
    return format_money(amount, timecard.production.currency)


# --- Start and save ------------------------------------------------------------------------------


def timecard_start(*, engagement: Engagement, day: date, user=None) -> Timecard:
    """The engagement's timecard for the work week holding `day`, made on first use with its
    seven days blank. A second start finds the first's."""
    memo = engagement.deal_memo
    if memo is None or memo.state not in SIGNED:
        raise TimecardError(NO_SIGNED_MEMO.format(person=engagement.person.name))
    production = engagement.production
    _, week_starts = rules_of(production)
    start = week_start_of(day, week_starts)
    if not any(engagement.is_working_on(start + timedelta(days=n)) for n in range(7)):
        raise TimecardError(
            NOT_ENGAGED_THAT_WEEK.format(person=engagement.person.name, start=f"{start:%d %b %Y}")
        )
    existing = Timecard.objects.filter(engagement=engagement, week_start=start).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            timecard = Timecard(
                production=production,
                engagement=engagement,
                person=engagement.person,
                deal_memo=memo,
                week_start=start,
            )
            timecard._change_reason = history_words(f"started for the week of {start:%d %b %Y}")
            timecard.save()
            TimecardDay.objects.bulk_create(
                TimecardDay(production=production, timecard=timecard, date=start + timedelta(n))
                for n in range(7)
            )
            timecard.engagement = engagement
            prefill.prefill(production, [timecard])
    except IntegrityError:  # a second click raced this one
        timecard = Timecard.objects.get(engagement=engagement, week_start=start)
    return timecard


DAY_FIELDS = ["kind", "call", "meal1_out", "meal1_in", "meal2_out", "meal2_in", "wrap"]
AMOUNT_FIELDS = ["kit", "mileage", "distance"]


def _check_engagement(timecard: Timecard, days: list[TimecardDay]) -> None:
    engagement = timecard.engagement
    finish = engagement.finish
    for day in days:
        entered = day.kind or day.call or day.wrap or day.kit or day.mileage or day.distance
        if entered and not engagement.is_working_on(day.date):
            raise TimecardError(
                OUTSIDE_ENGAGEMENT.format(
                    day=f"{day.date:%a %d %b}",
                    person=timecard.person.name,
                    start=f"{engagement.start_date:%d %b}",
                    end=f"{finish:%d %b}" if finish else "open",
                ),
                "days",
            )


@transaction.atomic
def timecard_save(
    *, timecard: Timecard, expected_version: int, days: dict[date, dict], user=None
) -> Timecard:
    """Save a draft's days (`days`: by date, the fields of `DAY_FIELDS` and `AMOUNT_FIELDS`);
    refused unless the week can be paid (times in order, a work day's call and wrap)."""
    timecard = _locked(timecard, expected_version)
    if not timecard.is_draft:
        how = AFTER_APPROVAL if timecard.is_approved else "Ask an approver to send it back."
        raise TimecardError(NOT_A_DRAFT.format(state=timecard.get_state_display().lower(), how=how))
    rows = list(timecard.days.all())
    for row in rows:
        was = [getattr(row, name) for name in DAY_FIELDS]
        for name, value in days.get(row.date, {}).items():
            if name in DAY_FIELDS or name in AMOUNT_FIELDS:
                default = (
                    Decimal("0") if name in AMOUNT_FIELDS else ("" if name == "kind" else None)
                )
                setattr(row, name, default if value is None else value)
        if was != [getattr(row, name) for name in DAY_FIELDS]:
            row.prefilled_from = ""  # changed by hand: the person's now (apps/payroll/prefill.py)
    _check_engagement(timecard, rows)
    try:
        paid = week_pay_of(timecard, rows)
    except pay.PayError as exc:
        raise TimecardError(exc.message, "days") from exc
    update_rows(TimecardDay, rows, [*DAY_FIELDS, *AMOUNT_FIELDS, "prefilled_from"])
    timecard.total, timecard.wage = paid.total, paid.wage
    entered = sum(1 for row in rows if row.kind)
    return _save(
        timecard,
        f"days saved: {entered} entered, {_money(timecard, paid.total)} for the week",
        ["total", "wage"],
    )


# --- Approval ------------------------------------------------------------------------------------


def _refuse_state(timecard: Timecard, action: str) -> TimecardError:
    state = timecard.get_state_display().lower()
    return TimecardError(WRONG_STATE.format(state=state, action=action))


def _not_own(timecard: Timecard, user) -> None:
    if user is not None and timecard.person.user_id == user.pk:
        raise TimecardError(OWN_TIMECARD)


@transaction.atomic
def timecard_submit(*, timecard: Timecard, expected_version: int, user=None) -> Timecard:
    """Draft -> submitted: the week's lines are worked out once more and kept."""
    timecard = _locked(timecard, expected_version)
    if not timecard.is_draft:
        raise _refuse_state(timecard, "submitted")
    days = list(timecard.days.all())
    if not any(d.kind or d.kit or d.mileage or d.distance for d in days):
        raise TimecardError(NOTHING_WORKED)
    try:
        paid = week_pay_of(timecard, days)
    except pay.PayError as exc:
        raise TimecardError(exc.message, "days") from exc
    TimecardLine.objects.filter(timecard=timecard).delete()
    TimecardLine.objects.bulk_create(
        TimecardLine(
            production_id=timecard.production_id,
            timecard=timecard,
            position=n,
            date=line.date,
            code=line.code,
            rule=line.rule[:200],
            hours=line.hours,
            rate=line.rate,
            amount=line.amount,
            wage=line.wage,
        )
        for n, line in enumerate(paid.lines)
    )
    timecard.state = TimecardState.SUBMITTED
    timecard.total, timecard.wage = paid.total, paid.wage
    timecard.submitted_at, timecard.submitted_by = timezone.now(), user
    timecard.returned_note, timecard.returned_by = "", None
    words = f"submitted: {_money(timecard, paid.total)} for the week"
    fields = ["state", "total", "wage", "submitted_at", "submitted_by", "returned_note"]
    return _save(timecard, words, [*fields, "returned_by"])


@transaction.atomic
def timecard_approve_department(
    *, timecard: Timecard, expected_version: int, user=None
) -> Timecard:
    """Submitted -> approved by the department."""
    timecard = _locked(timecard, expected_version)
    if timecard.state != TimecardState.SUBMITTED:
        raise _refuse_state(timecard, "approved for the department")
    _not_own(timecard, user)
    timecard.state = TimecardState.DEPARTMENT_APPROVED
    timecard.department_approved_at, timecard.department_approved_by = timezone.now(), user
    words = f"approved for the department: {_money(timecard, timecard.total)}"
    return _save(timecard, words, ["state", "department_approved_at", "department_approved_by"])


@transaction.atomic
def timecard_approve(*, timecard: Timecard, expected_version: int, user=None) -> Timecard:
    """Approved by the department -> approved (the accounts'): the week posts to the budget."""
    timecard = _locked(timecard, expected_version)
    if timecard.state != TimecardState.DEPARTMENT_APPROVED:
        raise _refuse_state(timecard, "given the accounts' approval")
    _not_own(timecard, user)
    account, fringes = posting.post(
        timecard,
        amount=timecard.total,
        wage=timecard.wage,
        description=f"Timecard, week of {timecard.week_start:%d %b %Y}",
        reference=f"TC-{timecard.pk}",
        source=timecard,
    )
    timecard.state = TimecardState.APPROVED
    timecard.approved_at, timecard.approved_by = timezone.now(), user
    timecard.posted_amount, timecard.posted_fringes = timecard.total, fringes
    timecard.posted_account = account
    words = (
        f"approved and posted to {account}: {_money(timecard, timecard.total)} "
        f"and {_money(timecard, fringes)} fringes"
    )
    closed = posting.close_if_last(timecard)
    fields = ["state", "approved_at", "approved_by", "posted_amount", "posted_fringes"]
    timecard = _save(timecard, words, [*fields, "posted_account"])
    if closed is not None:
        record_closed(timecard, account, closed)
    return timecard


def record_closed(timecard: Timecard, account: str, closed: tuple[Decimal, Decimal]) -> None:
    """The closing of a released person's commitment, in its own history row of their last
    timecard (same state, same version)."""
    timecard._change_reason = audit(
        f"released after {timecard.engagement.last_day:%-d %b %Y}, last timecard: "
        f"{_money(timecard, closed[0])} + {_money(timecard, closed[1])} fringes on "
        f"{account} relieved to zero"
    )
    timecard.save(update_fields=["state"])


@transaction.atomic
def release_closes(*, engagement: Engagement, **kwargs) -> None:
    """Answers crew's `engagement_released`: when the released person's last timecard is already
    approved, the release's new commitment is relieved to zero (`posting.close_if_last`)."""
    last = (
        Timecard.objects.select_for_update(of=("self",))
        .filter(engagement=engagement, state=TimecardState.APPROVED)
        .select_related("production", "deal_memo__position", "person")
        .order_by("-week_start")
        .first()
    )
    if last is None:
        return
    last.engagement = engagement
    closed = posting.close_if_last(last)
    if closed is not None:
        record_closed(last, posting.account_of(last), closed)


RETURNABLE = {
    "department": (TimecardState.SUBMITTED,),
    "accounts": (TimecardState.SUBMITTED, TimecardState.DEPARTMENT_APPROVED),
}


@transaction.atomic
def timecard_return(
    *, timecard: Timecard, expected_version: int, note: str, step: str, user=None
) -> Timecard:
    """Back to draft with a note: by the department while submitted, by the accounts before their
    approval. Its kept lines go: the draft is worked out afresh."""
    timecard = _locked(timecard, expected_version)
    if timecard.state not in RETURNABLE[step]:
        raise _refuse_state(timecard, "sent back")
    note = " ".join(note.split())
    if not note:
        raise TimecardError(NEEDS_NOTE, "note")
    TimecardLine.objects.filter(timecard=timecard).delete()
    timecard.state = TimecardState.DRAFT
    timecard.returned_note, timecard.returned_by = note[:500], user
    timecard.submitted_at = timecard.department_approved_at = None
    timecard.submitted_by = timecard.department_approved_by = None
    fields = ["state", "returned_note", "returned_by", "submitted_at", "submitted_by"]
    fields += ["department_approved_at", "department_approved_by"]
    return _save(timecard, f"sent back: {note}", fields)


# --- Adjustments ---------------------------------------------------------------------------------


@transaction.atomic
def timecard_adjust(
    *, timecard: Timecard, amount: Decimal, reason: str, wage: bool = True, user=None
) -> TimecardAdjustment:
    """A correction to an approved timecard, recorded and posted on its own (the timecard keeps
    its lines and total)."""
    timecard = _locked(timecard, None)
    if not timecard.is_approved:
        raise TimecardError(NOT_APPROVED)
    reason = " ".join(reason.split())
    if not reason:
        raise TimecardError(ADJUST_NEEDS_REASON, "reason")
    adjustment = TimecardAdjustment(
        production_id=timecard.production_id,
        timecard=timecard,
        amount=amount,
        reason=reason[:200],
        wage=wage,
        created_by=user,
    )
    adjustment._change_reason = audit(f"{_money(timecard, amount)}: {reason}")
    adjustment.save()
    _, fringes = posting.post(
        timecard,
        amount=amount,
        wage=amount if wage else Decimal("0"),
        description=f"Timecard adjustment, week of {timecard.week_start:%d %b %Y}: {reason}",
        reference=f"TC-{timecard.pk}-A{adjustment.pk}",
        source=adjustment,
    )
    TimecardAdjustment.objects.filter(pk=adjustment.pk).update(posted_fringes=fringes)
    adjustment.posted_fringes = fringes
    return adjustment
