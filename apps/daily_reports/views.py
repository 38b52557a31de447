"""Daily report pages: the shoot days with their reports, a report (page, PDF), its edit page, its
sign-off (what will move on the board, then sign), the list's export and the producer's list."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.core.exports import csv_response, xlsx_response
from apps.core.view_helpers import run_service
from apps.crew.models import Person
from apps.daily_reports import edit_html, queries, services
from apps.daily_reports.forms import SECTIONS, DistributionListForm, ReportForm, formsets
from apps.daily_reports.models import DailyReport, DistributionList
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.documents import production_pdf
from apps.productions.links import production_url
from apps.productions.models import Department
from apps.schedules.models import DayKind, ShootDay

SIGNED_OFF = "Report signed off: it is frozen, and on its way to the producer's list."


def _report(request: ProductionRequest, pk: int) -> DailyReport:
    return get_object_or_404(queries.report_for(request.production, pk))


def _detail(request: ProductionRequest, pk: int) -> HttpResponse:
    return redirect(production_url(request, "daily_reports:detail", pk=pk))


@production_view(C.VIEW_DAILY_REPORTS)
def report_list(request: ProductionRequest) -> HttpResponse:
    rows = queries.day_rows(request.production)
    return render(request, "daily_reports/list.html", {"rows": rows})


@production_view(C.VIEW_DAILY_REPORTS)
def report_export(request: ProductionRequest, fmt: str) -> HttpResponse:
    header, rows = queries.export_rows(request.production)
    name = f"daily-reports-{request.production.slug}"
    if fmt == "xlsx":
        return xlsx_response(name, header, rows)
    return csv_response(name, header, rows)


@production_view(C.EDIT_DAILY_REPORTS)
@require_POST
def report_start(request: ProductionRequest, shoot_day_id: int) -> HttpResponse:
    day = get_object_or_404(ShootDay, production=request.production, pk=shoot_day_id)
    started = run_service(request, services.report_start, shoot_day=day, user=request.user)
    if not started:
        return redirect(production_url(request, "daily_reports:list"))
    if started.value.call_sheet_revision_id is None:
        messages.info(request, "No call sheet was published for this day: prefilled from the "
                      "schedule (its scenes and their cast).")  # fmt: skip
    return _detail(request, started.value.pk)


@production_view(C.VIEW_DAILY_REPORTS)
def report_detail(request: ProductionRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    context = {
        "report": report,
        "totals": queries.totals(report),
        "total_days": queries.day_count(request.production),
        "progress": queries.distribution_progress(report),
        "show_costs": request.membership.can(C.VIEW_HOT_COSTS),
    }
    return render(request, "daily_reports/detail.html", context)


@production_view(C.VIEW_DAILY_REPORTS)
def report_pdf(request: ProductionRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    total_days = queries.day_count(request.production)
    context = {
        "report": report,
        "totals": queries.totals(report),
        "total_days": total_days,
        "show_costs": request.membership.can(C.VIEW_HOT_COSTS),
    }
    return production_pdf(
        request,
        "daily_reports/document.html",
        context,
        queries.filename(report),
        queries.document_heading(report, total_days),
    )


def _choices(request: ProductionRequest) -> dict:
    production = request.production
    days = ShootDay.objects.filter(production=production, kind=DayKind.SHOOT).order_by("position")
    return {
        "days": [(d.pk, str(d)) for d in days],
        "departments": list(
            Department.objects.filter(production=production).values_list("pk", "name")
        ),
        "people": list(
            Person.objects.filter(production=production).order_by("name").values_list("pk", "name")
        ),
    }


@production_view(C.EDIT_DAILY_REPORTS)
def report_edit(request: ProductionRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(queries.report_to_edit(request.production, pk))
    if report.is_signed:  # frozen: a POST is refused by the service, as any write would be
        if request.method == "POST":
            run_service(request, services.report_save, report=report, expected_version=0)
        return _detail(request, pk)
    data = request.POST if request.method == "POST" else None
    form = ReportForm(data, instance=report, initial={"version": report.version})
    tables = formsets(report, data, choices=_choices(request))
    if data is not None and form.is_valid() and all(f.is_valid() for f in tables.values()):
        sections = []
        for formset in tables.values():
            saved = formset.save(commit=False)
            sections.append(services.Section(formset.model, saved, formset.deleted_objects))
        saved = run_service(
            request,
            services.report_save,
            report=report,
            expected_version=form.cleaned_data["version"],
            fields={k: v for k, v in form.cleaned_data.items() if k != "version"},
            sections=sections,
            form=form,
        )
        if saved:
            messages.success(request, "Report saved.")
            return _detail(request, pk)
    sections = [
        (prefix, SECTIONS[prefix][0], formset, edit_html.rows(prefix, formset))
        for prefix, formset in tables.items()
    ]
    context = {"report": report, "form": form, "sections": sections}
    return render(request, "daily_reports/edit.html", context)


@production_view(C.SIGN_DAILY_REPORTS)
def report_sign(request: ProductionRequest, pk: int) -> HttpResponse:
    """GET: what signing will move, and the button; POST: sign."""
    report = _report(request, pk)
    if request.method == "POST":
        signed = run_service(
            request,
            services.report_sign,
            report=report,
            expected_version=int(request.POST.get("version") or 0),
            user=request.user,
        )
        if signed:
            messages.success(request, SIGNED_OFF)
            return _detail(request, pk)
    checked = not report.is_signed and run_service(request, services.check_signable, report)
    preview = checked and run_service(request, services.sign_preview, report)
    context = {
        "report": report,
        "totals": queries.totals(report),
        "moves": preview.value if preview else [],
        "recipients": services.recipients(report),
        "ready": bool(preview),
    }
    return render(request, "daily_reports/sign.html", context)


@production_view(C.SIGN_DAILY_REPORTS)
def distribution_list(request: ProductionRequest) -> HttpResponse:
    listed = DistributionList.objects.filter(production=request.production).first()
    version = listed.version if listed else 1
    form = DistributionListForm(request.POST or None, instance=listed, initial={"version": version})
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            request,
            services.distribution_list_save,
            production=request.production,
            addresses=form.cleaned_data["addresses"],
            expected_version=form.cleaned_data["version"],
            form=form,
        )
        if saved:
            messages.success(request, "Distribution list saved.")
            return redirect(production_url(request, "daily_reports:list"))
    return render(request, "daily_reports/distribution_list.html", {"form": form})
