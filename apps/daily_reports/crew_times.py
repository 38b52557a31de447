"""The crew times a signed daily report gives each person, for payroll's timecards (answers the
`crew_times_asked` signal, apps/productions/signals.py; connected in apps.py).

Only signed reports answer: a draft's times still move, and a timecard prefilled from them would
keep a figure the report no longer says. The times are the ones the hot cost uses
(`hotcosts.actual_times`): the person's own (their exception), else their department's, else the
main unit's crew call to last out with its meals. Someone marked absent gets nothing.
"""

from __future__ import annotations

from apps.daily_reports.hotcosts import Worker, actual_times
from apps.daily_reports.models import CrewException, CrewTimes, DailyReport, ReportState, UnitTimes


def signed_times(*, production, people, dates, **kwargs) -> dict:
    """{(person id, date): {"call", "wrap", "meals", "source"}}: four queries whatever the
    number of people and days."""
    reports = {
        r.pk: r
        for r in DailyReport.objects.filter(
            production=production, state=ReportState.SIGNED, shoot_day__date__in=list(dates)
        ).select_related("shoot_day", "shoot_day__production")
    }
    if not reports or not people:
        return {}
    departments = dict(people)
    exceptions = {
        (e.report_id, e.person_id): e
        for e in CrewException.objects.filter(report__in=reports, person_id__in=departments)
    }
    crew = {
        (c.report_id, c.department_id): c
        for c in CrewTimes.objects.filter(report__in=reports).select_related("department")
    }
    units: dict[int, UnitTimes] = {}
    for unit in UnitTimes.objects.filter(report__in=reports).order_by("order", "pk"):
        units.setdefault(unit.report_id, unit)
    found = {}
    for report in reports.values():
        day = report.shoot_day
        for person_id, department_id in departments.items():
            exception = exceptions.get((report.pk, person_id))
            if exception is not None and exception.absent:
                continue
            department = crew.get((report.pk, department_id))
            name = department.department.name if department is not None else ""
            worker = Worker(None, None, name, department_id, 0, "", 1)
            times = actual_times(worker, exception, department, units.get(report.pk))
            if times is None:
                continue
            found[(person_id, day.date)] = {
                "call": times.call,
                "wrap": times.wrap,
                "meals": list(times.meals),
                "source": f"Signed daily report, day {day.day_number}: {times.source}",
            }
    return found
