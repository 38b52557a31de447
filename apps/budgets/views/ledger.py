"""Imports, the cost report, actuals and commitments, and department access."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.budgets import exports, importers, queries, services
from apps.budgets.forms import (
    ActualForm,
    ActualsImportForm,
    BudgetImportForm,
    CommitmentForm,
    EstimateForm,
    GrantForm,
)
from apps.budgets.models import (
    Commitment,
    DepartmentGrant,
    DetailLine,
)
from apps.budgets.printing import printed_cost_report, version_heading
from apps.budgets.views.common import (
    NO_BUDGET_FOR_DEPARTMENT,
    submit_form,
)
from apps.core.view_helpers import run_service
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.documents import production_pdf
from apps.productions.links import production_url

# --- Import ---------------------------------------------------------------------------------


@production_view(C.EDIT_BUDGET)
def budget_import(request: ProductionRequest) -> HttpResponse:
    form = BudgetImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "columns": importers.LINE_COLUMNS}
    if request.method == "POST" and form.is_valid():
        try:
            version, plan = importers.import_budget(
                production=request.production,
                budget_name=form.cleaned_data["budget_name"],
                version_name=form.cleaned_data["version_name"],
                lines_file=form.cleaned_data["lines"],
                fringes_file=form.cleaned_data.get("fringes"),
                globals_file=form.cleaned_data.get("globals_file"),
                markups_file=form.cleaned_data.get("markups"),
            )
        except importers.ImportFailed as failed:
            context["errors"] = failed.errors
        else:
            messages.success(
                request,
                "Imported {lines} lines in {accounts} accounts and {categories} categories, "
                "{fringes} fringes, {globals} globals and {markups} markups.".format(**plan.counts),
            )
            return render(
                request, "budgets/import_done.html", {"version": version, "summary": plan.summary()}
            )
    return render(request, "budgets/import.html", context)


# --- Cost report, actuals, commitments ------------------------------------------------------


@production_view(C.VIEW_COST_REPORT)
def cost_report_export(request: ProductionRequest) -> HttpResponse:
    report = queries.cost_report(request.production)
    if report is None:
        return redirect(production_url(request, "budgets:versions"))
    fmt = request.GET.get("format", "csv")
    name = f"cost-report-{request.production.slug}"
    if fmt == "pdf":
        return production_pdf(
            request,
            "budgets/cost_report_pdf.html",
            {"report": report, "printed": printed_cost_report(report)},
            name,
            version_heading("Cost report", report.version),
        )
    return exports.cost_report_response(report, fmt, name)


@production_view(C.EDIT_BUDGET)
@require_POST
def estimate_save(request: ProductionRequest, account_number: str) -> HttpResponse:
    form = EstimateForm(request.POST, currency=request.production.currency)
    if form.is_valid():
        if run_service(
            request,
            services.estimate_set,
            production=request.production,
            account_number=account_number,
            amount=form.cleaned_data["amount"],
            expected_version=form.cleaned_data["version"],
        ):
            messages.success(request, f"Estimate to complete for {account_number} saved.")
    else:
        messages.error(request, "The estimate to complete must be an amount.")
    url = production_url(request, "budgets:cost_report")
    return redirect(f"{url}?{urlencode({'account': account_number})}#acct-{account_number}")


@production_view(C.VIEW_COST_REPORT)
def actuals(request: ProductionRequest) -> HttpResponse:
    production = request.production
    return render(
        request,
        "budgets/actuals.html",
        {
            "actuals": production.actuals.all()[:500],
            "commitments": production.commitments.filter(status=Commitment.Status.OPEN),
            "actual_form": ActualForm(
                initial={"date": production.today()}, currency=production.currency
            ),
            "commitment_form": CommitmentForm(
                initial={"date": production.today()}, currency=production.currency
            ),
            "import_form": ActualsImportForm(),
        },
    )


@production_view(C.POST_ACTUALS)
@require_POST
def actual_new(request: ProductionRequest) -> HttpResponse:
    submit_form(
        request,
        ActualForm(request.POST, currency=request.production.currency),
        lambda data: services.actual_post(production=request.production, **data),
        "Actual posted.",
        "Fill in date, account, payee, description and amount.",
    )
    return redirect(production_url(request, "budgets:actuals"))


@production_view(C.POST_ACTUALS)
def actuals_import(request: ProductionRequest) -> HttpResponse:
    form = ActualsImportForm(request.POST or None, request.FILES or None)
    errors = None
    if request.method == "POST" and form.is_valid():
        try:
            count = importers.import_actuals(
                production=request.production, upload=form.cleaned_data["file"]
            )
        except importers.ImportFailed as failed:
            errors = failed.errors
        else:
            messages.success(request, f"Imported {count} actuals.")
            return redirect(production_url(request, "budgets:actuals"))
    return render(request, "budgets/actuals_import.html", {"form": form, "errors": errors})


@production_view(C.POST_ACTUALS)
@require_POST
def commitment_new(request: ProductionRequest) -> HttpResponse:
    submit_form(
        request,
        CommitmentForm(request.POST, currency=request.production.currency),
        lambda data: services.commitment_add_manual(production=request.production, **data),
        "Commitment recorded.",
        "Fill in date, account, description and amount.",
    )
    return redirect(production_url(request, "budgets:actuals"))


@production_view(C.POST_ACTUALS)
@require_POST
def commitment_release(request: ProductionRequest, commitment_id: int) -> HttpResponse:
    commitment = get_object_or_404(Commitment, production=request.production, pk=commitment_id)
    services.commitment_release_manual(commitment=commitment)
    messages.success(request, "Commitment released.")
    return redirect(production_url(request, "budgets:actuals"))


# --- Department access ----------------------------------------------------------------------


@production_view(C.EDIT_BUDGET)
def grants(request: ProductionRequest) -> HttpResponse:
    form = GrantForm(request.POST or None, production=request.production)
    if request.method == "POST" and form.is_valid():
        DepartmentGrant.objects.get_or_create(production=request.production, **form.cleaned_data)
        messages.success(request, "Access granted.")
        return redirect(production_url(request, "budgets:grants"))
    return render(
        request,
        "budgets/grants.html",
        {
            "grants": DepartmentGrant.objects.filter(production=request.production).select_related(
                "department"
            ),
            "form": form,
        },
    )


@production_view(C.EDIT_BUDGET)
@require_POST
def grant_delete(request: ProductionRequest, grant_id: int) -> HttpResponse:
    get_object_or_404(DepartmentGrant, production=request.production, pk=grant_id).delete()
    return redirect(production_url(request, "budgets:grants"))


@production_view(C.VIEW_DEPARTMENT_BUDGET)
def department(request: ProductionRequest) -> HttpResponse:
    """A department head's read-only view of the accounts granted to their department."""
    # Only department heads hold the capability, and the database gives each one a department.
    department = request.membership.department
    version = queries.current_version(request.production)
    accounts = []
    if version is not None:
        granted = list(queries.granted_accounts(version, department))
        if granted:
            sheet = queries.top_sheet(version, account_ids={a.id for a in granted})
            lines = DetailLine.objects.filter(account__in=granted).prefetch_related("fringes")
            by_account = {}
            for line in lines:
                by_account.setdefault(line.account_id, []).append(line)
            accounts = [(a, sheet.accounts[a.id], by_account.get(a.id, [])) for a in granted]
    return render(
        request,
        "budgets/department.html",
        {
            "version": version,
            "accounts": accounts,
            "department": department.name,
            "empty_message": NO_BUDGET_FOR_DEPARTMENT,
        },
    )
