"""The cost report's spend chart: actuals to date, day by day, and once periods are closed, the
committed and the EFC each period closed with (totals with markups), on the same time axis."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils.safestring import SafeString

from apps.budgets.queries import SPEND_CHART_TITLE, PeriodPoint
from apps.core.charts import line_chart, series_chart

PERIODS_CHART_TITLE = (
    "Actual, committed and EFC (with markups) at each closed period, against the budget "
    "(with markups and contingency, dashed)"
)
SPEND_AND_PERIODS_TITLE = (
    "Actuals to date (incl. fringes), and committed and EFC at each closed period, against the "
    "budget (with markups and contingency, dashed)"
)


def spend_chart(
    days: list[tuple[str, Decimal]], periods: list[PeriodPoint], budget: Decimal
) -> SafeString:
    """`days`: cumulative actuals by day (queries.spend_over_time); `periods`: each closed
    period's totals (queries.period_points)."""
    if not periods:
        return line_chart(days or [("", 0)], title=SPEND_CHART_TITLE, reference=budget)
    spent = {date.fromisoformat(day): value for day, value in days}
    closes = {p.week_ending: p for p in periods}
    first = min([*spent, *closes])
    last = max([*spent, *closes])
    axis = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    actual, running = [], None
    for day in axis:
        running = spent.get(day, running)
        actual.append(running)
    committed = [closes[d].committed if d in closes else None for d in axis]
    efc = [closes[d].efc if d in closes else None for d in axis]
    return series_chart(
        [d.isoformat() for d in axis],
        [("Actual to date", actual), ("Committed", committed), ("EFC", efc)],
        title=SPEND_AND_PERIODS_TITLE,
        reference=budget,
    )


def periods_chart(periods: list[PeriodPoint]) -> SafeString:
    """Actual, committed and EFC at each period's close, oldest first."""
    return series_chart(
        [p.week_ending.isoformat() for p in periods],
        [
            ("Actual", [p.actual for p in periods]),
            ("Committed", [p.committed for p in periods]),
            ("EFC", [p.efc for p in periods]),
        ],
        title=PERIODS_CHART_TITLE,
        reference=periods[-1].budget if periods else None,
    )
