"""The dashboard's shoot progress panel: days done, pages shot against plan, days ahead or behind.

The figures are the schedule's (apps/schedules/actuals.py `progress`, where the rule for ahead
or behind is written once): a day is done when its shooting is recorded, which the daily report's
sign-off does. The panel is kept under the production's data stamp like the rest of the
dashboard, so it is worked out again after any write (a report signed off moves the stamp).
"""

from __future__ import annotations

from decimal import Decimal

from apps.core.charts import plan_chart
from apps.schedules.actuals import progress
from apps.schedules.importers.eighths import format_eighths


def panel_context(request) -> dict:
    summary, days = progress(request.production)
    chart = ""
    if summary.days_done:
        chart = plan_chart(
            [
                (
                    f"D{d.day.day_number}",
                    Decimal(d.planned) / 8,
                    Decimal(d.shot) / 8 if d.shot is not None else None,
                )
                for d in days
            ],
            title="Pages shot per day against plan",
        )
    return {
        "progress": summary,
        "planned_done": format_eighths(summary.planned_done_eighths),
        "shot_done": format_eighths(summary.shot_done_eighths),
        "remaining": format_eighths(summary.remaining_eighths),
        "average": format_eighths(round(summary.average_planned_eighths or 0)),
        "chart": chart,
    }
