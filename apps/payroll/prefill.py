"""The daily report's times prefill timecards (issue 18, point 5).

Payroll does not read daily reports (it depends on crew and budgets only): it asks through the
`crew_times_asked` signal (apps/productions/signals.py), which daily_reports answers with the
times its **signed** reports give each person (apps/daily_reports/crew_times.py), and it hears
`daily_report_signed` when a report is signed.

The rules:
- Only a draft timecard is prefilled; a submitted or approved one never changes.
- Only a blank day (no kind, no times, no kit or mileage) inside the engagement is filled: what a
  person entered is never overwritten. It becomes a work day with the report's call, meals (one
  or two) and wrap, and keeps where it came from (`TimecardDay.prefilled_from`), which the page
  shows; saving the day by hand clears it.
- It happens when a timecard starts (the days already reported) and when a report is signed
  (the drafts holding that day). The week is worked out again and the history says which days
  were filled; a week the pay engine cannot pay as prefilled is left as it was.
"""

from __future__ import annotations

from datetime import date

from apps.core.bulk import update_rows
from apps.crew import pay
from apps.payroll import paying
from apps.payroll.models import Timecard, TimecardDay, TimecardState
from apps.productions.signals import crew_times_asked

FILLED = ["kind", "call", "meal1_out", "meal1_in", "meal2_out", "meal2_in", "wrap"]


def is_blank(day: TimecardDay) -> bool:
    return not (
        day.kind
        or day.call
        or day.wrap
        or day.meal1_out
        or day.meal2_out
        or day.kit
        or day.mileage
        or day.distance
    )


def _asked(production, timecards: list[Timecard], dates: list[date]) -> dict:
    people = sorted({(t.person_id, t.engagement.department_id) for t in timecards})
    found: dict = {}
    for _, answer in crew_times_asked.send(
        sender=Timecard, production=production, people=people, dates=dates
    ):
        found.update(answer or {})
    return found


def _fill(day: TimecardDay, times: dict) -> None:
    meals = list(times["meals"])[:2] + [(None, None)] * 2
    day.kind = pay.WORK
    day.call, day.wrap = times["call"], times["wrap"]
    (day.meal1_out, day.meal1_in), (day.meal2_out, day.meal2_in) = meals[0], meals[1]
    day.prefilled_from = times["source"][:120]


def prefill(production, timecards: list[Timecard], dates: list[date] | None = None) -> int:
    """Fill the blank days of the draft `timecards` (on `dates`, else their whole weeks) from
    the signed reports; how many days were filled. Call inside the caller's transaction, with the
    timecards' row locks taken or the timecards just made."""
    drafts = [t for t in timecards if t.state == TimecardState.DRAFT]
    if not drafts:
        return 0
    days = list(TimecardDay.objects.filter(timecard__in=drafts))
    wanted = sorted({d.date for d in days if dates is None or d.date in dates})
    times = _asked(production, drafts, wanted)
    if not times:
        return 0
    by_card: dict[int, list[TimecardDay]] = {}
    for day in days:
        by_card.setdefault(day.timecard_id, []).append(day)
    count = 0
    for timecard in drafts:
        rows = sorted(by_card.get(timecard.pk, []), key=lambda d: d.date)
        filled = []
        for day in rows:
            found = times.get((timecard.person_id, day.date))
            if (
                found is not None
                and (dates is None or day.date in dates)
                and is_blank(day)
                and timecard.engagement.is_working_on(day.date)
            ):
                _fill(day, found)
                filled.append(day)
        if not filled:
            continue
        try:
            paid = paying.week_pay_of(timecard, rows)
        except pay.PayError:
            continue  # left as it was: the person enters the days
        update_rows(TimecardDay, filled, [*FILLED, "prefilled_from"])
        timecard.total, timecard.wage = paid.total, paid.wage
        names = ", ".join(f"{d.date:%a %-d %b}" for d in filled)
        paying.save_words(timecard, f"prefilled from signed daily reports: {names}")
        count += len(filled)
    return count


def report_signed(*, production, date, **kwargs) -> None:
    """Answers `daily_report_signed`: the drafts holding `date` take the report's times."""
    drafts = list(
        Timecard.objects.select_for_update(of=("self",))
        .filter(
            production=production,
            state=TimecardState.DRAFT,
            week_start__lte=date,
            week_start__gt=date.fromordinal(date.toordinal() - 7),
        )
        .select_related("engagement", "deal_memo", "production")
    )
    prefill(production, drafts, [date])
