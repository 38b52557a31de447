"""The demo's daily reports and weekly cost reports.

The large demo is eight or nine weeks into its shoot: every shoot day already shot (40 to 45, by
the weekday of the seed) has a daily report filled in the way a coordinator would (the day's
times, a scene now and then only partly shot or not shot, a late wrap on a Friday, a delay, an
extra cost) and signed off by the producer, so the board, the Day Out of Days, the hot costs and
the dashboard's progress all follow them; the next day's report is started, a draft. The small
demo, still in prep, has no shot days. Both close weekly cost report periods (two in the small
demo, six in the large) after everything else is seeded, since a period freezes the cost report
as it stands; only weeks that have ended are closed.

A demo has no inboxes: each signed report's e-mails are marked as sent (as the call sheets' are).
Idempotent: a day that has a report is left alone, and periods are closed once.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from apps.budgets.demo_periods import close_demo_periods
from apps.daily_reports import services
from apps.daily_reports.models import (
    CostItem,
    CrewTimes,
    DailyReport,
    Distribution,
    Event,
    EventKind,
    SceneResult,
    SceneStatus,
    UnitTimes,
)
from apps.productions.capabilities import Role
from apps.schedules.models import DayKind, ShootDay


def seed_daily_reports(production, people, size: str) -> None:
    if size == "large":
        _reports(production, people)
    close_demo_periods(production, 6 if size == "large" else 2)


def _at(start: time, minutes: int) -> time:
    moment = datetime.combine(datetime.min.date(), start) + timedelta(minutes=minutes)
    return moment.time()


def _reports(production, people) -> None:
    days = list(
        ShootDay.objects.filter(
            production=production, kind=DayKind.SHOOT, date__lt=production.today()
        ).order_by("position")
    )
    drafter = people.get(Role.COORDINATOR) or people.get(Role.ASSOCIATE_PRODUCER)
    signer = people.get(Role.PRODUCER)
    for number, day in enumerate(days, start=1):
        if DailyReport.objects.filter(shoot_day=day).exists():
            continue
        report = services.report_start(shoot_day=day, user=drafter)
        _fill(report, day, number, days)
        report = services.report_sign(report=report, expected_version=report.version, user=signer)
        evening = datetime.combine(day.date, time(21, 30), tzinfo=production.tz)
        DailyReport.objects.filter(pk=report.pk).update(signed_at=evening)
        Distribution.objects.filter(report=report).update(
            send_status="sent", sent_at=evening + timedelta(minutes=2)
        )
    # The next day's report, started by the coordinator and still a draft.
    following = (
        ShootDay.objects.filter(production=production, kind=DayKind.SHOOT, daily_report=None)
        .order_by("position")
        .first()
    )
    if days and following is not None and following.position > days[-1].position:
        services.report_start(shoot_day=following, user=drafter)


def _fill(report: DailyReport, day: ShootDay, number: int, days: list[ShootDay]) -> None:
    """A day as shot: call to wrap in about eleven and a half hours, a Friday running late."""
    unit = report.units.first() or UnitTimes.objects.create(report=report)
    call = unit.crew_call or time(7, 0)
    late = 75 if day.date.weekday() == 4 else 0
    wrap = 11 * 60 + late
    UnitTimes.objects.filter(pk=unit.pk).update(
        crew_call=call,
        first_shot=_at(call, 70 + (number % 3) * 10),
        meal_out=_at(call, 6 * 60 - 15 + (number % 4) * 15),  # now and then past six hours
        meal_in=_at(call, 6 * 60 + 15 + (number % 4) * 15),
        camera_wrap=_at(call, wrap),
        last_out=_at(call, wrap + 45),
    )
    CrewTimes.objects.filter(report=report).update(
        meal_out=_at(call, 6 * 60 - 15 + (number % 4) * 15),
        meal_in=_at(call, 6 * 60 + 15 + (number % 4) * 15),
        time_out=_at(call, wrap + 30),
    )
    for row in CrewTimes.objects.filter(report=report, time_in__isnull=True):
        CrewTimes.objects.filter(pk=row.pk).update(time_in=call)
    rows = list(report.scenes.order_by("order", "pk"))
    later = next((d for d in days if d.position > day.position), None)
    for index, row in enumerate(rows):
        row.setups = 3 + (row.eighths_scheduled // 4)
        row.minutes = round(row.eighths_scheduled * 0.125 * 1.1, 2)
        row.status, row.eighths_shot = SceneStatus.COMPLETED, row.eighths_scheduled
        last = index == len(rows) - 1
        if last and number % 6 == 0 and row.eighths_scheduled > 1:
            # Lost the light: half of the day's last scene, the rest to the next shoot day.
            row.status, row.eighths_shot = SceneStatus.PARTLY, row.eighths_scheduled // 2
            row.remaining_to_day = later
            row.notes = "Lost the light; the rest picked up on the next day."
        elif last and number % 9 == 0 and len(rows) > 1:
            row.status, row.eighths_shot = SceneStatus.NOT_SHOT, 0
            row.notes = "Not reached; back to the bin for rescheduling."
    SceneResult.objects.bulk_update(
        rows, ["setups", "minutes", "status", "eighths_shot", "remaining_to_day", "notes"]
    )
    if late:
        Event.objects.create(
            report=report, kind=EventKind.DELAY, at=_at(call, 4 * 60), minutes=late,
            description="Rain stopped the exterior work; waited for it to clear.",
        )  # fmt: skip
        CostItem.objects.create(
            report=report, description="Rain towers, extra hour", planned=0, actual=180
        )
    report.equipment_notes = "All camera and grip equipment returned to the truck."
    report.media_notes = f"Cards A{number:03d}–A{number:03d}D offloaded twice and verified."
    report.remarks = "A good day." if not late else "Wrapped late after the rain delay."
    report.save(update_fields=["equipment_notes", "media_notes", "remarks"])
