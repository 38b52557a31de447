"""The demo's timecards: the last two ended work weeks (six in the large demo) and the week in
progress, for everyone engaged under a signed memo, Monday to Friday as a crew works them (a long
Friday now and then, a late lunch), each through the services. (The small demo's prep began
two to three weeks before it is seeded: its crew have two ended weeks.)

Every ended week but the last is approved by the department head (or the production manager)
and the accountant, so it posts to the budget and relieves the memos' commitments; the last
ended week shows every state: drafts, submitted, approved by the department, approved, and one
sent back with a note; the week in progress has its days so far, drafts and some submitted. A
timecard whose posting the budget refuses (a position without an account) stays approved by the
department. Idempotent: a week that has a person's timecard is left alone.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import time, timedelta

from apps.crew.models import Engagement
from apps.payroll import queries, services
from apps.payroll.models import Timecard
from apps.productions.capabilities import Role


def _day(n: int, person_index: int) -> dict:
    wrap = time(21, 30) if n == 4 and person_index % 3 == 0 else time(19)
    meal_out = time(14, 45) if (n + person_index) % 7 == 0 else time(13)
    meal_in = time(meal_out.hour + (1 if meal_out.minute >= 30 else 0), (meal_out.minute + 30) % 60)
    return {"kind": "work", "call": time(8), "meal1_out": meal_out, "meal1_in": meal_in,
            "wrap": wrap}  # fmt: skip


def seed_timecards(production, people, size: str) -> None:
    weeks = 6 if size == "large" else 2
    _, week_starts = services.rules_of(production)
    this_week = services.week_start_of(production.today(), week_starts)
    head = people.get(Role.DEPARTMENT_HEAD)
    manager = people.get(Role.PRODUCTION_MANAGER) or people.get(Role.PRODUCER)
    accountant = people.get(Role.ACCOUNTANT) or people.get(Role.PRODUCER)
    for back in range(weeks, -1, -1):
        start = this_week - timedelta(days=7 * back)
        done = set(
            Timecard.objects.filter(production=production, week_start=start).values_list(
                "engagement_id", flat=True
            )
        )
        engaged = queries.engaged_in_week(production, start).exclude(pk__in=done)
        today = production.today()
        for index, engagement in enumerate(engaged):
            days = {
                start + timedelta(days=n): _day(n, index)
                for n in range(5)
                if engagement.is_working_on(start + timedelta(days=n))
                and start + timedelta(days=n) <= today
            }
            if days:
                stop = {0: index % 2, 1: index % 5}.get(back, 4)  # drafts; every state; approved
                _week(engagement, start, days, index, stop, head, manager, accountant)


def _week(engagement: Engagement, start, days, index, stop, head, manager, accountant) -> None:
    timecard = services.timecard_start(engagement=engagement, day=start)
    timecard = services.timecard_save(timecard=timecard, expected_version=1, days=days)
    if stop == 0:
        return  # a draft
    timecard = services.timecard_submit(timecard=timecard, expected_version=timecard.version)
    if stop == 1:
        return
    if stop == 2 and index % 10 == 2:
        services.timecard_return(
            timecard=timecard, expected_version=timecard.version, step="department",
            note="Friday's wrap reads 21:30: the DPR has 20:45. Please check.", user=head,
        )  # fmt: skip
        return
    approver = head if head and engagement.department.name == "Camera" else manager
    timecard = services.timecard_approve_department(
        timecard=timecard, expected_version=timecard.version, user=approver
    )
    if stop == 3:
        return
    # When the budget refuses the posting, it waits, approved by the department.
    with suppress(services.TimecardError):
        services.timecard_approve(
            timecard=timecard, expected_version=timecard.version, user=accountant
        )


def seed_payroll(production, people, size: str) -> None:
    """The demo's timecards, then its start packs in every state (paperwork/demo.py)."""
    from apps.payroll.paperwork.demo import seed_start_packs

    seed_timecards(production, people, size)
    seed_start_packs(production, people, size)
