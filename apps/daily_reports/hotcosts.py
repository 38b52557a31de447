"""Hot costs: what a shoot day's labour and other costs were planned at, against what the daily
report says they were, kept as `HotCostLine` rows.

`refresh(report)` rewrites a draft report's lines; a signed report's lines never change (it is
refused), so a memo amended later never rewrites a past day. The pay itself is the crew's pay
engine (apps/crew/pay.py); this module only finds who worked, under which terms, at which times.

Who: everyone engaged on the day (`Engagement.working_on`) whose memo is accepted or
countersigned, and the day players booked on the day (`DayAssignment`) who have such a memo (their
latest). Someone with no signed memo has no terms to cost and is left out.

Planned: the day the call sheet planned (`pay.planned_day`): the person's own call on the
published call sheet, else its general call, else the shoot day's estimated call; to the sheet's
estimated wrap (else the shoot day's), with a half-hour meal at the sheet's lunch (else when it
falls due); with no wrap anywhere, a day of the memo's overtime threshold. A day with no call
anywhere is planned from the actual call.

Actual: the person's exception on the report (absent: nothing; each time they give, else their
department's), else their department's times, else the main unit's crew call to last person out
with its meals. With no times at all yet, the actual is the plan and the line says so. Where the
person's timecard for the day is submitted or approved, its pay for the day (its pay lines, not
kit or mileage; asked of payroll through `timecard_pay_asked`) is the actual instead, the better
figure, and the line says so. A signed report's lines never move: a timecard approved after the
sign-off shows on the summary as the day's payroll actual (hot/queries.py), beside them.

Weekly overtime as the timecards pay it, counting the week's earlier reports (hot_week.py). Both
sides count the day's place in the person's work week (the production's week start): the week's
earlier shoot days in their engagement, less days marked absent; a day player's booked days.

One "other" line per cost item entered on the report, as entered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time, timedelta
from decimal import Decimal

from django.db import transaction

from apps.core.errors import DomainError
from apps.crew import pay
from apps.crew.models import (
    DayAssignment,
    DealMemo,
    Engagement,
    MemoState,
    PayRules,
    Person,
)
from apps.daily_reports import hot_week, wording
from apps.daily_reports.models import (
    CrewException,
    CrewTimes,
    DailyReport,
    HotCostKind,
    HotCostLine,
    UnitTimes,
)
from apps.productions.signals import timecard_pay_asked
from apps.schedules.models import DayKind, ShootDay

SIGNED_MEMOS = (MemoState.ACCEPTED, MemoState.COUNTERSIGNED)
REPORT_SIGNED = "This report is signed off: its hot cost is frozen and never worked out again."
NOTE = "note"


class HotCostError(DomainError):
    pass


@dataclass(frozen=True)
class Worker:
    """One person costed on the day."""

    person: Person
    memo: DealMemo
    department: str
    department_id: int | None
    department_order: int
    label: str
    day_in_week: int


@dataclass(frozen=True)
class Times:
    call: time
    wrap: time
    meals: tuple[tuple[time, time], ...]
    source: str

    def text(self) -> str:
        meals = "".join(f", meal {o:%H:%M}-{i:%H:%M}" for o, i in self.meals)
        return f"{self.source}: {self.call:%H:%M} to {self.wrap:%H:%M}{meals}"


def _hhmm(text: str) -> time | None:
    try:
        hours, minutes = text.split(":")
        return time(int(hours), int(minutes))
    except (ValueError, AttributeError):
        return None


def _meals(*pairs) -> tuple[tuple[time, time], ...]:
    return tuple((out, back) for out, back in pairs if out is not None and back is not None)


# --- Who, and at what times ----------------------------------------------------------------------


def workers(report: DailyReport, week_starts: int) -> list[Worker]:
    """Everyone costed on the report's day, with the day's place in their work week (a fixed
    few queries whatever the crew's size)."""
    day = report.shoot_day
    production = report.production
    week_start = day.date - timedelta(days=(day.date.weekday() - week_starts) % 7)
    earlier = list(
        ShootDay.objects.filter(
            production=production, kind=DayKind.SHOOT, date__gte=week_start, date__lt=day.date
        ).values_list("pk", "date")
    )
    absent = set(
        CrewException.objects.filter(
            report__shoot_day__in=[pk for pk, _ in earlier], absent=True
        ).values_list("person_id", "report__shoot_day__date")
    )
    found: list[Worker] = []
    engaged = (
        Engagement.objects.filter(production=production, deal_memo__state__in=SIGNED_MEMOS)
        .working_on(day.date)
        .select_related("person", "position", "department", "deal_memo")
    )
    seen = set()
    for engagement in engaged:
        worked = [
            d
            for _, d in earlier
            if engagement.start_date <= d and (engagement.person_id, d) not in absent
        ]
        seen.add(engagement.person_id)
        found.append(
            Worker(
                engagement.person,
                engagement.deal_memo,
                engagement.department.name,
                engagement.department_id,
                engagement.department.order,
                f"{engagement.person.name}, {engagement.position.title}",
                pay.day_in_week(day.date, worked, week_starts),
            )
        )
    found.extend(_day_players(report, week_start, seen, week_starts))
    return sorted(found, key=lambda w: (w.department_order, w.department, w.label))


def _day_players(report: DailyReport, week_start, seen: set, week_starts: int) -> list[Worker]:
    day = report.shoot_day
    booked = list(
        DayAssignment.objects.filter(shoot_day=day)
        .exclude(person_id__in=seen)
        .select_related("person", "position__department")
    )
    if not booked:
        return []
    people = [b.person_id for b in booked]
    memos: dict[int, DealMemo] = {}
    for memo in (
        DealMemo.objects.filter(
            production=report.production, person_id__in=people, state__in=SIGNED_MEMOS
        )
        .select_related("position__department")
        .order_by("created_at", "pk")
    ):
        memos[memo.person_id] = memo  # the latest wins
    week = {}
    for person_id, date in DayAssignment.objects.filter(
        person_id__in=people, shoot_day__date__gte=week_start, shoot_day__date__lt=day.date
    ).values_list("person_id", "shoot_day__date"):
        week.setdefault(person_id, []).append(date)
    found = []
    for booking in booked:
        memo = memos.get(booking.person_id)
        if memo is None:
            continue
        position = booking.position or memo.position
        department = position.department
        found.append(
            Worker(
                booking.person,
                memo,
                department.name,
                department.pk,
                department.order,
                f"{booking.person.name}, {position.title} (day player)",
                pay.day_in_week(day.date, week.get(booking.person_id, []), week_starts),
            )
        )
    return found


def planned_call(report: DailyReport, person_id: int, own_calls: dict) -> time | None:
    sheet = report.call_sheet_revision.sheet if report.call_sheet_revision_id else None
    return (
        own_calls.get(person_id)
        or (_hhmm(sheet.general_call) if sheet else None)
        or report.shoot_day.call_time
    )


def actual_times(
    worker: Worker,
    exception: CrewException | None,
    department: CrewTimes | None,
    unit: UnitTimes | None,
) -> Times | None:
    """The times the report gives this person (None: none yet). The caller checks absence."""
    base = None
    if department is not None and department.time_in and department.time_out:
        base = Times(
            department.time_in,
            department.time_out,
            _meals((department.meal_out, department.meal_in)),
            f"{worker.department}'s times",
        )
    elif unit is not None and unit.crew_call and (unit.last_out or unit.camera_wrap):
        base = Times(
            unit.crew_call,
            unit.last_out or unit.camera_wrap,
            _meals((unit.meal_out, unit.meal_in), (unit.second_meal_out, unit.second_meal_in)),
            f"{unit.name}'s times",
        )
    if exception is None:
        return base
    call = exception.time_in or (base.call if base else None)
    wrap = exception.time_out or (base.wrap if base else None)
    if call is None or wrap is None:
        return base
    own_meal = exception.meal_out or exception.meal_in
    meals = (
        _meals((exception.meal_out, exception.meal_in)) if own_meal else base.meals if base else ()
    )
    return Times(call, wrap, meals, "own times")


# --- The lines -----------------------------------------------------------------------------------


def _detail(side: str, day_pay: pay.DayPay) -> list[dict]:
    return [{"side": side, **line} for line in day_pay.as_json()]


def _note(side: str, text: str) -> dict:
    return {"side": side, "code": NOTE, "rule": text, "hours": None, "rate": "", "amount": ""}


def timecard_pay(production, dates, *, approved_only: bool = False) -> dict:
    """What payroll's timecards pay each person on `dates` (the `timecard_pay_asked` signal,
    apps/productions/signals.py: daily_reports does not read payroll): {(person id, date):
    {"amount", "state", "week"}}; empty without payroll."""
    found: dict = {}
    for _, answer in timecard_pay_asked.send(
        sender=HotCostLine, production=production, dates=dates, approved_only=approved_only
    ):
        found.update(answer or {})
    return found


def labour_line(
    report, worker, rules, plan_call, sheet_times, actual, absent, timecard=None, week=None
) -> HotCostLine:
    """`week`: {person id: straight minutes on the week's earlier reports} (hot_week.py)."""
    terms = pay.Terms.of(worker.memo)
    before = (week or {}).get(worker.person.pk, 0)
    plan_call = plan_call or (actual.call if actual else None)
    detail: list[dict] = []
    planned = Decimal("0")
    if plan_call is not None:
        wrap, lunch = sheet_times
        plan_day = pay.planned_day(terms, rules, plan_call, wrap, lunch)
        plan_day = pay.Day(
            plan_day.call, plan_day.wrap, plan_day.meals, day_in_week=worker.day_in_week
        )
        plan_pay = hot_week.with_week(terms, rules, pay.day_pay(terms, rules, plan_day), before)
        planned = plan_pay.total
        meals = "".join(f", meal {o:%H:%M}-{i:%H:%M}" for o, i in plan_day.meals)
        detail.append(
            _note("planned", f"planned: {plan_day.call:%H:%M} to {plan_day.wrap:%H:%M}{meals}")
        )
        detail += _detail("planned", plan_pay)
    else:
        detail.append(
            _note("planned", "no call on the call sheet or the schedule: nothing planned")
        )
    if timecard is not None:  # the paid figure is better than the report's times
        note = _note(
            "actual",
            f"from the timecard ({timecard['state']}), week of {timecard['week']:%-d %b %Y}: "
            "its pay for the day",
        )
        note[hot_week.STRAIGHT] = timecard.get(hot_week.STRAIGHT)  # counts towards the week
        detail.append(note)
        if actual is not None and not absent:
            detail.append(_note("actual", f"the report said {actual.text()}"))
        actual_amount = timecard["amount"]
    elif absent:
        detail.append(_note("actual", "did not work"))
        actual_amount = Decimal("0")
    elif actual is None:
        detail.append(_note("actual", "no times on the report yet: as planned"))
        actual_amount = planned
    else:
        day = pay.Day(actual.call, actual.wrap, actual.meals, day_in_week=worker.day_in_week)
        actual_pay = hot_week.with_week(terms, rules, pay.day_pay(terms, rules, day), before)
        detail.append(_note("actual", actual.text()))
        if (words := hot_week.week_note(rules, before)) is not None:
            detail.append(_note("actual", words))
        detail += _detail("actual", actual_pay)
        actual_amount = actual_pay.total
    return HotCostLine(
        report=report,
        kind=HotCostKind.LABOUR,
        person=worker.person,
        label=worker.label,
        department=worker.department[:60],
        planned=planned,
        actual=actual_amount,
        detail=detail,
    )


def compute(report: DailyReport) -> list[HotCostLine]:
    """The report's hot cost lines, unsaved (a fixed few queries whatever the crew's size)."""
    rules_row = PayRules.of(report.production)
    rules = rules_row.rules()
    sheet = report.call_sheet_revision.sheet if report.call_sheet_revision_id else None
    own_calls = {}
    if sheet is not None:
        own_calls = {row.person: _hhmm(row.call) for row in sheet.crew_rows if row.person}
    wrap = (_hhmm(sheet.wrap) if sheet else None) or report.shoot_day.wrap_time
    lunch = _hhmm(sheet.lunch) if sheet else None
    exceptions = {e.person_id: e for e in report.exceptions.all()}
    departments = {c.department_id: c for c in report.crew.all()}
    unit = report.units.order_by("order", "pk").first()
    lines = []
    day = report.shoot_day.date
    paid = timecard_pay(report.production, [day])
    before = hot_week.straight_before(report, rules_row.week_starts)
    for worker in workers(report, rules_row.week_starts):
        exception = exceptions.get(worker.person.pk)
        times = actual_times(worker, exception, departments.get(worker.department_id), unit)
        call = planned_call(report, worker.person.pk, own_calls)
        absent = exception is not None and exception.absent
        timecard = paid.get((worker.person.pk, day))
        lines.append(
            labour_line(report, worker, rules, call, (wrap, lunch), times, absent, timecard, before)
        )
    for item in report.costs.all():
        lines.append(
            HotCostLine(
                report=report,
                kind=HotCostKind.OTHER,
                label=item.description[:200],
                planned=item.planned,
                actual=item.actual,
            )
        )
    for order, line in enumerate(lines):
        line.order = order
    return lines


@transaction.atomic
def refresh(report: DailyReport, *, record: bool = True) -> list[HotCostLine]:
    """Rewrite a draft report's hot cost lines from its times and today's memos; refused for a
    signed report (its lines are frozen with it). The audit log says how the day's planned and
    actual moved (`record`; the report's save and sign-off say it in their own entry)."""
    locked = (
        DailyReport.objects.select_for_update(of=("self",))
        .select_related("production", "shoot_day", "call_sheet_revision")
        .get(pk=report.pk)
    )
    if locked.is_signed:
        raise HotCostError(REPORT_SIGNED)
    before = wording.HotTotals.stored(locked) if record else None
    lines = compute(locked)
    HotCostLine.objects.filter(report=locked).delete()
    created = HotCostLine.objects.bulk_create(lines)
    if record:
        after = wording.HotTotals.of(created)
        wording.record(locked, wording.hot_cost_refreshed(locked, before, after, len(created)))
    return created
