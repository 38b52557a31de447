"""Closed cost report periods, read as the periods pages read them: by the roles that see the
cost report (VIEW_COST_REPORT)."""

from __future__ import annotations

from django.db.models import Prefetch
from rest_framework import generics

from apps.api.access import ProductionEndpoint
from apps.api.serializers import periods as s
from apps.budgets.models import CostPeriod, CostPeriodLine
from apps.budgets.queries.periods import periods_with_efc
from apps.productions.capabilities import Capability as C


class PeriodRows(ProductionEndpoint):
    read = C.VIEW_COST_REPORT
    queryset = CostPeriod.objects.all()
    serializer_class = s.PeriodSerializer

    def rows(self, production):
        return periods_with_efc(production)


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
