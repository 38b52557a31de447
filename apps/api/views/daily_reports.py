"""Daily reports and hot costs, read as their pages read them: a report by every member who sees
the schedule, the hot cost only by the roles that see the budget's figures (the capability
table's VIEW_DAILY_REPORTS and VIEW_HOT_COSTS)."""

from __future__ import annotations

from rest_framework import generics
from rest_framework.response import Response

from apps.api.access import ProductionEndpoint
from apps.api.serializers import daily_reports as s
from apps.daily_reports import queries
from apps.daily_reports.hot import queries as hot
from apps.daily_reports.models import DailyReport
from apps.productions.capabilities import Capability as C


class ReportRows(ProductionEndpoint):
    read = C.VIEW_DAILY_REPORTS
    queryset = DailyReport.objects.all()
    serializer_class = s.ReportRowSerializer
    filterset_fields = ["state"]

    def rows(self, production):
        return queries.reports_with_pages(production)


class DailyReports(ReportRows, generics.ListAPIView):
    """The production's daily reports in shoot-day order: state, pages scheduled and shot (in
    eighths), who signed and when."""


class DailyReportDetail(ReportRows, generics.RetrieveAPIView):
    """One daily report with its sections: units' times, scenes, cast, background, crew times
    and exceptions, delays and incidents, and the other costs of the day."""

    serializer_class = s.ReportSerializer

    def rows(self, production):
        return queries.report_for(production, self.kwargs["pk"])


class HotCosts(ProductionEndpoint, generics.GenericAPIView):
    """The hot cost per day: labour, other costs and their total, planned against actual (the
    variance is over if positive), the cumulative over the signed days, and the labour forecast.
    Money as exact decimals in the production's currency."""

    read = C.VIEW_HOT_COSTS
    serializer_class = s.HotCostSummarySerializer
    pagination_class = None

    def get(self, request, *args, **kwargs) -> Response:
        production = request.production
        summary = {
            "currency": production.currency,
            "days": hot.summary(production),
            "forecast": hot.forecast(production),
        }
        return Response(s.HotCostSummarySerializer(summary).data)
