"""Closed weekly cost reports for the demo productions (the small demo closes two, the large six):
`close_demo_periods(production, weeks)`, called by the demo seeders after the budget, the crew's
deal memos and the vendors' orders and invoices are in.

Deterministic: the weeks, the figures and the notes follow from the production's ledger alone
(never from the clock). The last week ends on the Sunday on or after the latest actual or
commitment; each week before ends seven days earlier; each is closed as the cost report stood at
the end of its week (`as_of`), by the production's associate producer, the Monday after, with a
note on every account whose EFC moved.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import Max

from apps.budgets.models import Actual, Commitment, CostPeriod
from apps.budgets.queries.periods import close_preview
from apps.budgets.services.periods import period_close
from apps.core.money import format_amount
from apps.productions.capabilities import Role
from apps.productions.models import Membership, Production


def _anchor(production: Production):
    dates = [
        Actual.objects.filter(production=production).aggregate(d=Max("date"))["d"],
        Commitment.objects.filter(production=production).aggregate(d=Max("date"))["d"],
    ]
    dates = [d for d in dates if d is not None]
    return max(dates) if dates else production.first_shoot_day or production.today()


def _note(row, currency: str) -> str:
    change = format_amount(abs(row.change), currency)
    direction = "up" if row.change > 0 else "down"
    why = (
        "actuals and commitments now run past the budget"
        if row.actual + row.committed > row.budget
        else "the estimate to complete was revised"
    )
    actual, committed = (format_amount(v, currency) for v in (row.actual, row.committed))
    return f"EFC {direction} {change} this week: {why} (actual {actual}, committed {committed})."


def close_demo_periods(production: Production, weeks: int) -> list[CostPeriod]:
    """Close `weeks` weekly periods ending at the production's latest posting, or at the last week
    that has ended when postings run on past it (nothing when the
    production has no budget, or has periods already: calling it twice changes nothing)."""
    existing = list(CostPeriod.objects.filter(production=production).order_by("week_ending"))
    if existing:
        return existing
    anchor = _anchor(production)
    last = anchor + timedelta(days=(6 - anchor.weekday()))  # the Sunday on or after it
    today = production.today()
    # A week is closed once it has ended: never a week ending today or later.
    last = min(last, today - timedelta(days=today.weekday() + 1))
    closer = (
        Membership.objects.filter(production=production, role=Role.ASSOCIATE_PRODUCER)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    periods = []
    for back in range(weeks - 1, -1, -1):
        week_ending = last - timedelta(weeks=back)
        preview = close_preview(production, as_of=week_ending)
        if preview is None:
            return periods
        currency = preview.report.version.currency
        notes = {row.key: _note(row, currency) for row in preview.changed}
        closed_at = datetime.combine(week_ending + timedelta(days=1), time(10), production.tz)
        periods.append(
            period_close(
                production=production,
                week_ending=week_ending,
                closed_by=closer.user if closer else None,
                notes=notes,
                as_of=week_ending,
                closed_at=closed_at,
            )
        )
    return periods
