"""Closed cost report periods, read as the periods pages read them: by the roles that see the
cost report (VIEW_COST_REPORT)."""

from __future__ import annotations

from django.db.models import OuterRef, Prefetch, Subquery
from rest_framework import generics

from apps.api.access import ProductionEndpoint
from apps.api.serializers import periods as s
from apps.budgets.models import CostPeriod, CostPeriodLine
from apps.budgets.queries.periods import TOTAL_KEY, WITH_MARKUPS_KEY
from apps.productions.capabilities import Capability as C


def _grand(field: str) -> Subquery:
    """A period's figure on its last total line: with markups when it has them, else the total."""
    lines = CostPeriodLine.objects.filter(
        period=OuterRef("pk"), key__in=[TOTAL_KEY, WITH_MARKUPS_KEY]
    ).order_by("-position")
    return Subquery(lines.values(field)[:1])


class PeriodRows(ProductionEndpoint):
    read = C.VIEW_COST_REPORT
    queryset = CostPeriod.objects.annotate(efc=_grand("efc"), change=_grand("change")).order_by(
        "-week_ending"
    )
    serializer_class = s.PeriodSerializer


class CostPeriods(PeriodRows, generics.ListAPIView):
    """The closed cost report periods, the latest first, each with its EFC and how far it moved
    on the period before."""


class CostPeriodDetail(PeriodRows, generics.RetrieveAPIView):
    """One closed period with every row of its frozen cost report, in the report's order."""

    serializer_class = s.PeriodDetailSerializer
    lookup_url_kwarg = "period_id"

    def get_queryset(self):
        lines = CostPeriodLine.objects.order_by("position")
        return super().get_queryset().prefetch_related(Prefetch("lines", queryset=lines))
