"""Weekly cost reports: the closed periods, closing one, a period's frozen page, PDF and workbook,
two periods side by side; and the drill-down from a figure of the cost report (live or closed)
to the entries it is the sum of."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject

from apps.budgets import period_html, queries, services
from apps.budgets.charts import periods_chart
from apps.budgets.exports.periods import period_response
from apps.budgets.forms import PeriodCloseForm
from apps.budgets.models import CostPeriod
from apps.budgets.printing import printed_period
from apps.budgets.queries.drilldown import FIGURES, live_drill, period_drill
from apps.budgets.queries.periods import COMPARED
from apps.budgets.views.costreport import shown_rows
from apps.core.documents import Heading
from apps.core.pagination import paginate
from apps.core.view_helpers import run_service
from apps.productions.access import ProductionRequest, pk_or_404, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.documents import production_pdf
from apps.productions.links import production_url

__all__ = [
    "cost_drill_account",
    "cost_drill_category",
    "cost_period",
    "cost_period_close",
    "cost_period_compare",
    "cost_period_drill_account",
    "cost_period_drill_category",
    "cost_period_export",
    "cost_periods",
]


def _period(request: ProductionRequest, period_id) -> CostPeriod:
    return get_object_or_404(
        CostPeriod.objects.select_related("previous"), production=request.production, pk=period_id
    )


def _next_week_ending(production, last: CostPeriod | None):
    """The Sunday ending this week, or the week after the last closed one."""
    today = production.today()
    sunday = today + timedelta(days=6 - today.weekday())
    if last is not None and sunday <= last.week_ending:
        return last.week_ending + timedelta(days=7)
    return sunday


@production_view(C.VIEW_COST_REPORT)
def cost_periods(request: ProductionRequest) -> HttpResponse:
    production = request.production
    points = queries.period_points(production)
    periods = list(CostPeriod.objects.filter(production=production).order_by("-week_ending"))
    by_week = {p.week_ending: p for p in points}
    rows, before = [], None
    for point in points:
        rows.append((point, None if before is None else point.efc - before.efc))
        before = point
    changes = {point.week_ending: change for point, change in rows}
    return render(
        request,
        "budgets/cost_periods.html",
        {
            "periods": [
                (period, by_week.get(period.week_ending), changes.get(period.week_ending))
                for period in periods
            ],
            "chart": periods_chart(points) if points else None,
            "currency": production.currency,
        },
    )


@production_view(C.CLOSE_COST_PERIODS)
def cost_period_close(request: ProductionRequest) -> HttpResponse:
    """What closing now would freeze and what moved since the last period, with a note field
    on each moved line; POST closes it."""
    production = request.production
    preview = queries.close_preview(production)
    if preview is None:
        messages.error(request, services.PERIOD_NO_BUDGET)
        return redirect(production_url(request, "budgets:versions"))
    initial = {"week_ending": _next_week_ending(production, preview.previous)}
    form = PeriodCloseForm(request.POST or None, initial=initial, changed=preview.changed)
    if request.method == "POST" and form.is_valid():
        outcome = run_service(
            request,
            services.period_close,
            form=form,
            production=production,
            week_ending=form.cleaned_data["week_ending"],
            closed_by=request.user,
            notes=form.notes(),
            expected_digest=form.cleaned_data["digest"],
        )
        if outcome:
            period = outcome.value
            messages.success(request, f"Cost report closed for the {str(period).lower()}.")
            return redirect(production_url(request, "budgets:cost_period", period_id=period.pk))
    return render(
        request,
        "budgets/cost_period_close.html",
        {"preview": preview, "form": form, "currency": preview.report.version.currency},
    )


def _period_context(request: ProductionRequest, period: CostPeriod) -> dict:
    report = queries.period_report(period)
    zeros = request.GET.get("zeros") == "1"
    opened = {c.number for s in report.sections for c in s.children}
    rows, hidden = shown_rows(report, zeros=zeros, opened=opened)
    return {
        "period": period,
        "report": report,
        "rows": period_html.period_rows(
            rows,
            production=request.production,
            period_id=period.pk,
            currency=period.currency,
        ),
        "hidden": hidden,
        "zeros": zeros,
        "currency": period.currency,
    }


@production_view(C.VIEW_COST_REPORT)
def cost_period(request: ProductionRequest, period_id: int) -> HttpResponse:
    period = _period(request, period_id)
    # Worked out only when the page's kept fragment (templates/budgets/cost_period.html) is not
    # there: a closed period never changes, and the fragment is kept until the next write.
    page = SimpleLazyObject(lambda: _period_context(request, period))
    return render(request, "budgets/cost_period.html", {"period": period, "page": page})


def period_heading(period: CostPeriod) -> Heading:
    ending = f"{period.week_ending:%-d %b %Y}"  # as the other documents write a date
    return Heading(f"Cost report, week ending {ending}", period.version_name, "Closed")


@production_view(C.VIEW_COST_REPORT)
def cost_period_export(request: ProductionRequest, period_id: int) -> HttpResponse:
    period = _period(request, period_id)
    report = queries.period_report(period)
    name = f"cost-report-{request.production.slug}-{period.week_ending:%Y-%m-%d}"
    fmt = request.GET.get("format", "csv")
    if fmt == "pdf":
        return production_pdf(
            request,
            "budgets/cost_period_pdf.html",
            {"period": period, "report": report, "printed": printed_period(report)},
            name,
            period_heading(period),
        )
    return period_response(report, fmt, name, f"Week ending {period.week_ending:%Y-%m-%d}")


@production_view(C.VIEW_COST_REPORT)
def cost_period_compare(request: ProductionRequest) -> HttpResponse:
    """Two periods side by side (?a=<id>&b=<id>; by default the last two), the difference per
    line."""
    production = request.production
    periods = list(CostPeriod.objects.filter(production=production).order_by("-week_ending"))
    by_id = {p.pk: p for p in periods}
    first = second = None
    if request.GET.get("a") or request.GET.get("b"):
        first = by_id.get(pk_or_404(request.GET.get("a")))
        second = by_id.get(pk_or_404(request.GET.get("b")))
        if first is None or second is None:
            raise Http404("No such period.")
    elif len(periods) >= 2:
        second, first = periods[0], periods[1]
    lines = queries.compare_periods(first, second) if first and second else []
    return render(
        request,
        "budgets/cost_period_compare.html",
        {
            "periods": periods,
            "first": first,
            "second": second,
            "rows": period_html.compared_rows(lines, production.currency),
            "figures": [FIGURES[f][0] for f in COMPARED],
            "currency": production.currency,
        },
    )


# --- Drill-down ---------------------------------------------------------------------------------


def _drill_page(request: ProductionRequest, drill, *, period: CostPeriod | None) -> HttpResponse:
    if drill is None:
        raise Http404("No such figure on the cost report.")
    row = drill.row
    anchor = f"acct-{row.number}" if drill.level == "account" else f"cat-{row.number}"
    if period is None:
        back = production_url(request, "budgets:cost_report")
        query = f"account={row.number}" if drill.level == "account" else f"open={row.number}"
        back = f"{back}?{query}#{anchor}"
        name = f"budgets:cost_drill_{drill.level}"
        kwargs = {f"{drill.level}_number": row.number}
    else:
        back = production_url(request, "budgets:cost_period", period_id=period.pk) + f"#{anchor}"
        name = f"budgets:cost_period_drill_{drill.level}"
        kwargs = {f"{drill.level}_number": row.number, "period_id": period.pk}
    switch = [
        (key, label, production_url(request, name, figure=key, **kwargs))
        for key, (label, _) in FIGURES.items()
    ]
    return render(
        request,
        "budgets/cost_drill.html",
        {
            "drill": drill,
            "page": paginate(request, drill.entries),
            "period": period,
            "back": back,
            "switch": switch,
            "currency": drill.currency,
        },
    )


@production_view(C.VIEW_COST_REPORT)
def cost_drill_account(request: ProductionRequest, account_number: str, figure: str):
    drill = live_drill(request.production, "account", account_number, figure)
    return _drill_page(request, drill, period=None)


@production_view(C.VIEW_COST_REPORT)
def cost_drill_category(request: ProductionRequest, category_number: str, figure: str):
    drill = live_drill(request.production, "category", category_number, figure)
    return _drill_page(request, drill, period=None)


@production_view(C.VIEW_COST_REPORT)
def cost_period_drill_account(
    request: ProductionRequest, period_id: int, account_number: str, figure: str
):
    period = _period(request, period_id)
    period.production = request.production
    drill = period_drill(period, "account", account_number, figure)
    return _drill_page(request, drill, period=period)


@production_view(C.VIEW_COST_REPORT)
def cost_period_drill_category(
    request: ProductionRequest, period_id: int, category_number: str, figure: str
):
    period = _period(request, period_id)
    period.production = request.production
    drill = period_drill(period, "category", category_number, figure)
    return _drill_page(request, drill, period=period)
