"""Hot cost pages: one day's lines with the rules that made them, the summary over every day,
and their CSV and XLSX."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from apps.core.charts import paired_bar_chart
from apps.core.view_helpers import run_service
from apps.daily_reports import hotcosts
from apps.daily_reports.hot import exports, queries, tables
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url

EXPORTS = ("csv", "xlsx")


@production_view(C.VIEW_HOT_COSTS)
@require_GET
def summary(request: ProductionRequest) -> HttpResponse:
    production = request.production
    rows = queries.summary(production)
    fmt = request.GET.get("format")
    if fmt in EXPORTS:
        return exports.summary_export(
            fmt, rows, production.currency, f"{production.slug}-hot-costs"
        )
    return render(
        request,
        "daily_reports/hot/summary.html",
        {
            "rows": rows,
            "table": tables.summary_rows(rows, production, production.currency),
            "forecast": queries.forecast(production),
            "payroll_rows": [row for row in rows if row.payroll is not None],
            "chart": paired_bar_chart(queries.chart_bars(rows), title=queries.CHART_TITLE)
            if rows
            else None,
        },
    )


@production_view(C.VIEW_HOT_COSTS)
@require_GET
def day(request: ProductionRequest, pk: int) -> HttpResponse:
    production = request.production
    report = queries.report_of(production, pk)
    page = queries.day_page(production, report)
    fmt = request.GET.get("format")
    if fmt in EXPORTS:
        filename = f"{production.slug}-hot-cost-day-{report.shoot_day.day_number or report.pk}"
        return exports.day_export(fmt, page, production.currency, filename)
    return render(
        request,
        "daily_reports/hot/day.html",
        {
            "page": page,
            "lines": tables.lines(page, production.currency),
            "report": report,
            "can_refresh": request.membership.can(C.EDIT_DAILY_REPORTS),
        },
    )


# Working the lines out again is a change to a draft report: its drafters', who see hot costs.
@production_view(C.VIEW_HOT_COSTS, (C.VIEW_HOT_COSTS, C.EDIT_DAILY_REPORTS))
@require_POST
def refresh(request: ProductionRequest, pk: int) -> HttpResponse:
    report = queries.report_of(request.production, pk)
    if run_service(request, hotcosts.refresh, report):
        messages.success(request, "Worked the hot cost out again from the report and the memos.")
    return redirect(production_url(request, "hot_costs:day", pk=report.pk))
