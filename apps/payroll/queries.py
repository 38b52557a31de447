"""Reads for the timecard pages: a week's engaged crew with their timecards, and one timecard with
its days, lines and adjustments (a fixed few queries whatever the crew's size)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q, QuerySet

from apps.crew.models import Engagement
from apps.payroll.access import reachable
from apps.payroll.models import Timecard
from apps.payroll.services import SIGNED


@dataclass(frozen=True)
class Row:
    engagement: Engagement
    timecard: Timecard | None


def engaged_in_week(production, start: date) -> QuerySet:
    """Engagements under a signed memo that overlap the week starting `start`."""
    end = start + timedelta(days=6)
    return (
        Engagement.objects.filter(
            production=production, deal_memo__state__in=SIGNED, start_date__lte=end
        )
        .filter(
            Q(last_day__gte=start)
            | Q(last_day__isnull=True, end_date__gte=start)
            | Q(last_day__isnull=True, end_date__isnull=True)
        )
        .select_related("person", "position", "department")
    )


def week_rows(production, membership, start: date) -> list[Row]:
    engagements = reachable(membership, engaged_in_week(production, start), "department", "person")
    cards = {
        t.engagement_id: t for t in Timecard.objects.filter(production=production, week_start=start)
    }
    return [Row(e, cards.get(e.pk)) for e in engagements]


def timecard_for(production, pk: int) -> QuerySet:
    return Timecard.objects.filter(production=production, pk=pk).select_related(
        "person",
        "deal_memo__position",
        "engagement__position",
        "engagement__department",
        "returned_by",
        "submitted_by",
        "department_approved_by",
        "approved_by",
    )
