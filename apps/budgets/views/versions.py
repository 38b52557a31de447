"""Budgets and versions, the top sheet, categories and accounts, and their exports."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_POST

from apps.budgets import exports, printing, queries, services
from apps.budgets.forms import (
    AccountForm,
    CategoryForm,
    CopyVersionForm,
    MarkupForm,
    NewBudgetForm,
)
from apps.budgets.models import (
    Account,
    BudgetVersion,
    Category,
)
from apps.budgets.views.common import (
    submit_form,
    version_or_404,
)
from apps.core.view_helpers import run_service
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.documents import built_pdf, production_pdf
from apps.productions.links import production_url

# --- Versions -------------------------------------------------------------------------------


@production_view(C.VIEW_BUDGET)
def index(request: ProductionRequest) -> HttpResponse:
    version = queries.current_version(request.production)
    if version is None:
        return redirect(production_url(request, "budgets:versions"))
    return redirect(production_url(request, "budgets:top_sheet", version_id=version.id))


@production_view(C.VIEW_BUDGET)
def versions(request: ProductionRequest) -> HttpResponse:
    all_versions = BudgetVersion.objects.filter(production=request.production).select_related(
        "budget"
    )
    return render(
        request,
        "budgets/versions.html",
        {
            "versions": all_versions,
            "current": queries.current_version(request.production),
            "new_form": NewBudgetForm(),
        },
    )


@production_view(C.EDIT_BUDGET)
@require_POST
def budget_new(request: ProductionRequest) -> HttpResponse:
    form = NewBudgetForm(request.POST)
    if form.is_valid():
        created = run_service(
            request,
            services.budget_create_from_template,
            production=request.production,
            budget_name=form.cleaned_data["budget_name"],
            version_name=form.cleaned_data["version_name"],
            template_key=form.cleaned_data["template"],
            follow_schedule=form.cleaned_data["follow_schedule"],
        )
        if created:
            version = created.value
            messages.success(request, f"{version} created from the template.")
            return redirect(production_url(request, "budgets:top_sheet", version_id=version.id))
    else:
        messages.error(request, "Name the budget and the version, and pick a template.")
    return redirect(production_url(request, "budgets:versions"))


@production_view(C.EDIT_BUDGET)
@require_POST
def version_copy(request: ProductionRequest, version_id: int) -> HttpResponse:
    source = version_or_404(request, version_id)
    form = CopyVersionForm(request.POST)
    if form.is_valid():
        copied = run_service(
            request, services.version_copy, source=source, name=form.cleaned_data["name"]
        )
        if copied:
            copy = copied.value
            messages.success(request, f"{copy} is a working copy of {source.name}.")
            return redirect(production_url(request, "budgets:top_sheet", version_id=copy.id))
    return redirect(production_url(request, "budgets:top_sheet", version_id=source.id))


@production_view(C.EDIT_BUDGET)
@require_POST
def version_submit(request: ProductionRequest, version_id: int) -> HttpResponse:
    version = version_or_404(request, version_id)
    if run_service(request, services.version_submit, version=version):
        messages.success(request, f"{version} submitted for approval.")
    return redirect(production_url(request, "budgets:top_sheet", version_id=version.id))


@production_view(C.LOCK_BUDGET)
@require_POST
def version_approve(request: ProductionRequest, version_id: int) -> HttpResponse:
    version = version_or_404(request, version_id)
    if run_service(request, services.version_approve, version=version):
        messages.success(request, f"{version} approved and locked.")
    return redirect(production_url(request, "budgets:top_sheet", version_id=version.id))


@production_view(C.LOCK_BUDGET)
@require_POST
def version_return(request: ProductionRequest, version_id: int) -> HttpResponse:
    version = version_or_404(request, version_id)
    note = request.POST.get("note", "")
    if run_service(request, services.version_return, version=version, note=note):
        messages.success(request, f"{version} sent back to the AP with your note.")
    return redirect(production_url(request, "budgets:top_sheet", version_id=version.id))


@production_view(C.EDIT_BUDGET)
@require_POST
def version_make_current(request: ProductionRequest, version_id: int) -> HttpResponse:
    version = version_or_404(request, version_id)
    services.version_make_current(version=version)
    messages.success(
        request, f"{version} is now the current version: the cost report and actuals follow it."
    )
    return redirect(production_url(request, "budgets:top_sheet", version_id=version.id))


@production_view(C.VIEW_BUDGET)
def compare(request: ProductionRequest) -> HttpResponse:
    all_versions = list(
        BudgetVersion.objects.filter(production=request.production).select_related("budget")
    )
    by_id = {str(v.id): v for v in all_versions}
    a, b = by_id.get(request.GET.get("a", "")), by_id.get(request.GET.get("b", ""))
    changed_only = request.GET.get("changed") == "1"
    context = {"versions": all_versions, "a": a, "b": b, "changed_only": changed_only}
    if a and b:
        rows, context["total_a"], context["total_b"] = queries.compare(a, b)
        settings = queries.compare_settings(a, b)
        if changed_only:
            rows = [row for row in rows if row.difference]
            settings = [row for row in settings if row.changed]
        context["rows"], context["settings"] = rows, settings
        context["total_difference"] = context["total_b"] - context["total_a"]
    return render(request, "budgets/compare.html", context)


# --- Top sheet, categories, accounts --------------------------------------------------------


@production_view(C.VIEW_BUDGET)
def top_sheet(request: ProductionRequest, version_id: int) -> HttpResponse:
    version = version_or_404(request, version_id)
    return render(
        request,
        "budgets/top_sheet.html",
        {
            "version": version,
            # Read only when the page's kept fragment (templates/budgets/top_sheet.html) is not at
            # hand: a visit that finds it runs neither.
            "sheet": SimpleLazyObject(lambda: queries.top_sheet(version)),
            "copy_form": CopyVersionForm(initial={"name": f"{version.name} copy"}),
            "markup_form": MarkupForm(),
            "is_current": SimpleLazyObject(
                lambda: queries.current_version(request.production) == version
            ),
        },
    )


@production_view(C.VIEW_BUDGET)
def top_sheet_export(request: ProductionRequest, version_id: int) -> HttpResponse:
    version = version_or_404(request, version_id)
    sheet = queries.top_sheet(version)
    fmt = request.GET.get("format", "csv")
    if fmt == "pdf":
        markups = [(printing.markup_words(markup), amount) for markup, amount in sheet.markups]
        return production_pdf(
            request,
            "budgets/top_sheet_pdf.html",
            {"version": version, "sheet": sheet, "markups": markups},
            f"top-sheet-{request.production.slug}",
            printing.version_heading("Top sheet", version),
        )
    return exports.top_sheet_response(sheet, fmt, f"top-sheet-{request.production.slug}")


@production_view(C.VIEW_BUDGET)
def detail_export(request: ProductionRequest, version_id: int) -> HttpResponse:
    version = version_or_404(request, version_id)
    fmt = request.GET.get("format", "csv")
    name = f"budget-detail-{request.production.slug}"
    if fmt == "pdf":
        # Thousands of lines take WeasyPrint many seconds: built by the worker, progress shown.
        return built_pdf(
            request,
            builder="apps.budgets.printing.detail_document",
            subject=version.id,
            title=f"Budget detail: {version}",
            filename=name,
        )
    return exports.detail_response(version, fmt, name)


@production_view(C.VIEW_BUDGET)
def category(request: ProductionRequest, version_id: int, category_id: int) -> HttpResponse:
    version = version_or_404(request, version_id)
    cat = get_object_or_404(Category, budget_version=version, pk=category_id)
    sheet = queries.top_sheet(version)
    return render(
        request,
        "budgets/category.html",
        {
            "version": version,
            "category": cat,
            "row": sheet.categories[cat.id],
            "sheet": sheet,
            "category_form": CategoryForm(
                initial={"number": cat.number, "name": cat.name, "section": cat.section}
            ),
            "account_form": AccountForm(budget_version=version),
        },
    )


@production_view(C.EDIT_BUDGET)
@require_POST
def category_edit(request: ProductionRequest, version_id: int, category_id: int) -> HttpResponse:
    version = version_or_404(request, version_id)
    cat = get_object_or_404(Category, budget_version=version, pk=category_id)
    submit_form(
        request,
        CategoryForm(request.POST),
        lambda data: services.category_update(category=cat, **data),
        "Category saved.",
        "Number, name and section are required.",
    )
    return redirect(
        production_url(request, "budgets:category", version_id=version.id, category_id=cat.id)
    )


def _account_data(data) -> dict:
    return {
        "number": data["number"],
        "name": data["name"],
        "fringe_ids": [f.id for f in data["fringes"]],
    }


@production_view(C.EDIT_BUDGET)
@require_POST
def account_new(request: ProductionRequest, version_id: int, category_id: int) -> HttpResponse:
    version = version_or_404(request, version_id)
    cat = get_object_or_404(Category, budget_version=version, pk=category_id)
    submit_form(
        request,
        AccountForm(request.POST, budget_version=version),
        lambda data: services.account_save(category=cat, **_account_data(data)),
        "Account added.",
        "An account needs a number and a name.",
    )
    return redirect(
        production_url(request, "budgets:category", version_id=version.id, category_id=cat.id)
    )


@production_view(C.EDIT_BUDGET)
@require_POST
def account_edit(request: ProductionRequest, version_id: int, account_id: int) -> HttpResponse:
    version = version_or_404(request, version_id)
    acc = get_object_or_404(Account, budget_version=version, pk=account_id)
    submit_form(
        request,
        AccountForm(request.POST, budget_version=version),
        lambda data: services.account_save(
            category=acc.category, account=acc, **_account_data(data)
        ),
        "Account saved.",
        "An account needs a number and a name.",
    )
    return redirect(
        production_url(request, "budgets:account", version_id=version.id, account_id=acc.id)
    )


@production_view(C.EDIT_BUDGET)
@require_POST
def account_move(request: ProductionRequest, version_id: int, account_id: int) -> HttpResponse:
    version = version_or_404(request, version_id)
    acc = get_object_or_404(Account, budget_version=version, pk=account_id)
    direction = -1 if request.POST.get("direction") == "up" else 1
    run_service(request, services.account_move, account=acc, direction=direction)
    return redirect(
        production_url(
            request, "budgets:category", version_id=version.id, category_id=acc.category_id
        )
    )
