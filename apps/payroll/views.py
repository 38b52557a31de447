"""Timecard pages: a week's engaged crew and their timecards, starting one, a timecard (its seven
days as a form while a draft, every line of pay with its rule, the week's total), and the actions
on it: submit, the department's approval, the accounts' approval, sending back, adjustments."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.core.documents import Heading
from apps.core.exports import export_response
from apps.core.view_helpers import run_service
from apps.crew.models import Engagement
from apps.payroll import queries, services
from apps.payroll.access import engagement_scope, timecard_scope
from apps.payroll.crew_link.queries import crew_link_state
from apps.payroll.forms import AdjustmentForm, ReturnForm, VersionForm, day_forms
from apps.payroll.models import Timecard
from apps.payroll.paying import shown_pay
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.documents import production_pdf
from apps.productions.links import production_url


def _week(request: ProductionRequest, value: str | None) -> date:
    _, week_starts = services.rules_of(request.production)
    try:
        day = date.fromisoformat(value) if value else request.production.today()
    except ValueError:
        day = request.production.today()
    return services.week_start_of(day, week_starts)


def _timecard(request: ProductionRequest, pk: int) -> Timecard:
    timecard = get_object_or_404(queries.timecard_for(request.production, pk))
    timecard.production = request.production
    return timecard


def _detail(request: ProductionRequest, pk: int) -> HttpResponse:
    return redirect(production_url(request, "payroll:detail", pk=pk))


@production_view(C.VIEW_TIMECARDS)
def timecard_list(request: ProductionRequest) -> HttpResponse:
    start = _week(request, request.GET.get("week"))
    rows = queries.week_rows(request.production, request.membership, start)
    context = {
        "rows": rows,
        "week_start": start,
        "week_end": start + timedelta(days=6),
        "previous": start - timedelta(days=7),
        "next": start + timedelta(days=7),
    }
    return render(request, "payroll/list.html", context)


@production_view(C.EXPORT_PAYROLL)
def payroll_export(request: ProductionRequest, fmt: str) -> HttpResponse:
    """The approved timecards of a week (`?week=`) for the payroll service: CSV or XLSX; or the
    same as a PDF summary for the producer (`fmt` "pdf")."""
    start = _week(request, request.GET.get("week"))
    rows = queries.export_rows(request.production, start)
    name = f"payroll-{request.production.slug}-{start:%Y-%m-%d}"
    unit = services.rules_of(request.production)[0].distance_unit
    if fmt == "pdf":
        week = f"week of {start:%-d %b %Y} to {start + timedelta(days=6):%-d %b %Y}"
        printed = queries.printed_rows(rows, request.production.currency, unit)
        context = {"week": week, "rows": printed}
        heading = Heading("Payroll summary", week, "Approved timecards")
        return production_pdf(request, "payroll/week_pdf.html", context, name, heading)
    return export_response(
        "xlsx" if fmt == "xlsx" else "csv",
        name,
        queries.export_header(unit),
        queries.with_live_totals(rows) if fmt == "xlsx" else rows,
        currency=request.production.currency,
        money_columns=[6],
    )


@production_view(C.EDIT_TIMECARDS, scope=engagement_scope)
@require_POST
def timecard_start(request: ProductionRequest, pk: int) -> HttpResponse:
    engagement = get_object_or_404(
        Engagement.objects.select_related("person", "deal_memo"),
        production=request.production,
        pk=pk,
    )
    engagement.production = request.production
    day = _week(request, request.POST.get("week"))
    started = run_service(
        request, services.timecard_start, engagement=engagement, day=day, user=request.user
    )
    if not started:
        return redirect(production_url(request, "payroll:list") + f"?week={day:%Y-%m-%d}")
    return _detail(request, started.value.pk)


@production_view(C.VIEW_TIMECARDS, C.EDIT_TIMECARDS, scope=timecard_scope)
def timecard_detail(request: ProductionRequest, pk: int) -> HttpResponse:
    timecard = _timecard(request, pk)
    days = list(timecard.days.all())
    data = request.POST if request.method == "POST" else None
    unit = services.rules_of(request.production)[0].distance_unit
    forms = day_forms(days, data, disabled=not timecard.is_draft, unit=unit)
    version = VersionForm(data, initial={"version": timecard.version})
    if data is not None and version.is_valid() and all(f.is_valid() for f in forms):
        saved = run_service(
            request,
            services.timecard_save,
            timecard=timecard,
            expected_version=version.cleaned_data["version"],
            days={f.day.date: f.cleaned_data for f in forms},
            user=request.user,
        )
        if saved:
            messages.success(request, "Timecard saved.")
            return _detail(request, pk)
    paid, problem = shown_pay(timecard, days)
    context = {
        "timecard": timecard,
        "memo": timecard.deal_memo,
        "days": [(form, paid.of(form.day.date) if paid else []) for form in forms],
        "version": version,
        "paid": paid,
        "problem": problem,
        "adjustments": list(timecard.adjustments.select_related("created_by")),
        "history": list(timecard.history.select_related("history_user")[:20]),
        "return_form": ReturnForm(initial={"version": timecard.version}),
        "adjustment_form": AdjustmentForm(),
        "crew_link": crew_link_state(timecard.engagement, request.production),
    }
    return render(request, "payroll/detail.html", context)


def _act(request: ProductionRequest, pk: int, service, done: str, **extra) -> HttpResponse:
    timecard = _timecard(request, pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The form was incomplete: reload the timecard and try again.")
        return _detail(request, pk)
    acted = run_service(
        request,
        service,
        timecard=timecard,
        expected_version=form.cleaned_data["version"],
        user=request.user,
        **extra,
    )
    if acted:
        messages.success(request, done)
    return _detail(request, pk)


@production_view(C.EDIT_TIMECARDS, scope=timecard_scope)
@require_POST
def timecard_submit(request: ProductionRequest, pk: int) -> HttpResponse:
    return _act(request, pk, services.timecard_submit, "Timecard submitted for approval.")


@production_view(C.APPROVE_TIMECARDS, scope=timecard_scope)
@require_POST
def timecard_approve_department(request: ProductionRequest, pk: int) -> HttpResponse:
    done = "Approved for the department: it goes to the accounts."
    return _act(request, pk, services.timecard_approve_department, done)


@production_view(C.APPROVE_TIMECARDS_FINAL, scope=timecard_scope)
@require_POST
def timecard_approve(request: ProductionRequest, pk: int) -> HttpResponse:
    done = "Timecard approved and posted to the budget."
    return _act(request, pk, services.timecard_approve, done)


def _send_back(request: ProductionRequest, pk: int, step: str) -> HttpResponse:
    note = request.POST.get("note", "")
    done = "Timecard sent back to draft with your note."
    return _act(request, pk, services.timecard_return, done, note=note, step=step)


@production_view(C.APPROVE_TIMECARDS, scope=timecard_scope)
@require_POST
def timecard_return_department(request: ProductionRequest, pk: int) -> HttpResponse:
    return _send_back(request, pk, "department")


@production_view(C.APPROVE_TIMECARDS_FINAL, scope=timecard_scope)
@require_POST
def timecard_return(request: ProductionRequest, pk: int) -> HttpResponse:
    return _send_back(request, pk, "accounts")


@production_view(C.APPROVE_TIMECARDS_FINAL, scope=timecard_scope)
@require_POST
def timecard_adjust(request: ProductionRequest, pk: int) -> HttpResponse:
    timecard = _timecard(request, pk)
    form = AdjustmentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the adjustment's amount and reason.")
        return _detail(request, pk)
    added = run_service(
        request,
        services.timecard_adjust,
        timecard=timecard,
        amount=form.cleaned_data["amount"],
        reason=form.cleaned_data["reason"],
        wage=form.cleaned_data["wage"],
        user=request.user,
    )
    if added:
        messages.success(request, "Adjustment recorded and posted.")
    return _detail(request, pk)
