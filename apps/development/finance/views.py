"""Finance plan pages, under /p/<slug>/development/finance/: the plan against the budget, its
sources, the cash flow by week and its spread rules. The producer's and the AP's only."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.core.charts import bar_chart
from apps.core.exports import export_response, format_or_404
from apps.core.money import format_amount
from apps.core.view_helpers import run_service
from apps.development.finance import services
from apps.development.finance.cashflow import PHASES, cash_flow
from apps.development.finance.chart import plan_bar
from apps.development.finance.forms import PostEndForm, RuleForm, SourceForm
from apps.development.finance.models import CashFlowPlan, FinanceSource, Spread, SpreadRule
from apps.development.finance.plan import finance_plan
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url

FINANCE = C.VIEW_FINANCE_PLAN


def _to_plan(request: ProductionRequest) -> HttpResponse:
    return redirect(production_url(request, "development:finance"))


@production_view(FINANCE)
def plan_page(request: ProductionRequest) -> HttpResponse:
    plan = finance_plan(request.production)
    context = {"plan": plan, "chart": plan_bar(plan)}
    return render(request, "development/finance/plan.html", context)


@production_view(FINANCE)
def plan_export(request: ProductionRequest, fmt: str) -> HttpResponse:
    format_or_404(fmt)
    plan = finance_plan(request.production)
    header = [
        "Source", "Kind", "Financier", "Contact", "Status", "Expected by", "Closed on",
        "Amount", "Rate (%)", "Qualifying", "Qualifying spend", "Cap",
    ]  # fmt: skip
    rows = []
    for line in plan.lines:
        s, inc = line.source, line.incentive
        rows.append([
            s.name, s.get_kind_display(), s.financier, s.financier_contact,
            s.get_status_display(), s.expected_on, s.closed_on, line.amount,
            s.rate if inc else None, s.qualifying if inc else "",
            inc.qualifying_spend if inc else None, inc.cap if inc else None,
        ])  # fmt: skip
    blank = [""] * 7
    rows.append(["Plan total", *blank[:6], plan.total, None, "", None, None])
    if plan.budget_total is not None:
        rows.append(["Budget grand total", *blank[:6], plan.budget_total, None, "", None, None])
        rows.append(["Gap", *blank[:6], plan.gap, None, "", None, None])
    return export_response(
        fmt, f"Finance plan {request.production.title}", header, rows,
        currency=plan.currency, money_columns=(7, 10, 11),
    )  # fmt: skip


def _source_form(request: ProductionRequest, source: FinanceSource | None) -> HttpResponse:
    form = SourceForm(request.POST or None, instance=source, currency=request.production.currency)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        if source is None:
            done = run_service(
                request, services.source_create, production=request.production, form=form, **data
            )
        else:
            done = run_service(
                request, services.source_update, source=source, form=form,
                expected_version=form.cleaned_data["version"] or 0, **data,
            )  # fmt: skip
        if done:
            messages.success(request, f"Saved {done.value.name}.")
            return _to_plan(request)
    title = f"Edit {source.name}" if source else "New source of finance"
    context = {"form": form, "title": title, "source": source}
    return render(request, "development/finance/source_form.html", context)


@production_view(FINANCE, FINANCE)
def source_new(request: ProductionRequest) -> HttpResponse:
    return _source_form(request, None)


@production_view(FINANCE, FINANCE)
def source_edit(request: ProductionRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(FinanceSource, production=request.production, pk=pk)
    return _source_form(request, source)


@production_view(FINANCE, FINANCE)
@require_POST
def source_delete(request: ProductionRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(FinanceSource, production=request.production, pk=pk)
    if run_service(request, services.source_delete, source=source):
        messages.success(request, f"Removed {source.name} from the plan.")
    return _to_plan(request)


# --- Cash flow ----------------------------------------------------------------------------------


@production_view(FINANCE, FINANCE)
def cashflow_page(request: ProductionRequest) -> HttpResponse:
    plan = CashFlowPlan.objects.filter(production=request.production).first()
    form = PostEndForm(request.POST or None, initial={"post_end": plan and plan.post_end})
    if request.method == "POST" and form.is_valid() and run_service(
        request, services.post_end_save, production=request.production, form=form,
        post_end=form.cleaned_data["post_end"],
    ):  # fmt: skip
        return redirect(production_url(request, "development:cashflow"))
    flow = cash_flow(request.production)
    totals = flow.week_totals()
    chart = None
    if flow.weeks:
        bars = [
            (week.strftime("%d %b"), total) for week, total in zip(flow.weeks, totals, strict=False)
        ]
        chart = bar_chart(
            bars, title="Spend by week", fmt=lambda v: format_amount(v, flow.currency)
        )
    context = {
        "flow": flow, "totals": totals, "chart": chart, "form": form,
        "week_heads": [(week, flow.phase_of(week)) for week in flow.weeks],
    }  # fmt: skip
    return render(request, "development/finance/cashflow.html", context)


@production_view(FINANCE)
def cashflow_export(request: ProductionRequest) -> HttpResponse:
    flow = cash_flow(request.production)
    header = ["Category", "Name", "Spread", "Total", "Unscheduled"]
    header += [f"Week of {week.isoformat()}" for week in flow.weeks]
    rows = [[r.number, r.name, r.rule, r.total, r.unscheduled, *r.weeks] for r in flow.rows]
    rows.append(["", "Total", "", flow.total, flow.unscheduled, *flow.week_totals()])
    return export_response(
        "xlsx", f"Cash flow {request.production.title}", header, rows,
        currency=flow.currency, money_columns=range(3, 5 + len(flow.weeks)),
    )  # fmt: skip


@production_view(FINANCE, FINANCE)
def rule_edit(request: ProductionRequest, category_number: str) -> HttpResponse:
    number = category_number
    flow = cash_flow(request.production)
    row = next((r for r in flow.rows if r.number == number), None)
    if row is None:
        raise Http404("No such category in the current budget.")
    rule = SpreadRule.objects.filter(production=request.production, category_number=number).first()
    initial = {"spread": rule.spread if rule else Spread(_default_of(row)).value}
    if rule is not None:
        initial |= {f"{p}_percent": getattr(rule, f"{p}_percent") for p in PHASES}
    form = RuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and "reset" in request.POST:
        services.rule_reset(production=request.production, category_number=number)
        return redirect(production_url(request, "development:cashflow"))
    if request.method == "POST" and form.is_valid() and run_service(
        request, services.rule_save, production=request.production, form=form,
        category_number=number, **form.cleaned_data,
    ):  # fmt: skip
        return redirect(production_url(request, "development:cashflow"))
    context = {"form": form, "row": row, "rule": rule, "phases": PHASES}
    return render(request, "development/finance/rule_form.html", context)


def _default_of(row) -> str:
    return next(s for s in Spread if s.label == row.rule)
