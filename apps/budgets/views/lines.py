"""The account page with inline (htmx) line editing; globals, fringes and markups."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.budgets import lines_html, queries, services
from apps.budgets.forms import (
    AccountForm,
    FringeForm,
    GlobalForm,
    LineForm,
    MarkupForm,
)
from apps.budgets.models import (
    Account,
    DetailLine,
    Fringe,
    Global,
    Markup,
)
from apps.budgets.views.common import version_or_404
from apps.core.locking import StaleEdit
from apps.core.view_helpers import run_service, show_error
from apps.productions.access import ProductionRequest, pk_or_404, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url


def _account_page(request, version, acc, *, editing=None, edit_form=None, new_form=None, error=""):
    """The account page, or (for htmx) its lines table with the totals out of band."""
    acc.budget_version = version
    summary = queries.account_summary(acc)
    rows = lines_html.line_rows(
        queries.account_lines(acc),
        production=request.production,
        version=version,
        editable=request.membership.can(C.EDIT_BUDGET),
    )
    context = {
        "version": version,
        "account": acc,
        "category": acc.category,
        "rows": rows,
        "summary": summary,
        "account_row": summary.account,
        "category_row": summary.category,
        "editing": editing,
        "edit_form": edit_form,
        "new_form": new_form or LineForm(budget_version=version, prefix="new"),
        "account_form": AccountForm(
            budget_version=version,
            initial={"number": acc.number, "name": acc.name, "fringes": list(acc.fringes.all())},
        ),
        "error": error,
    }
    if request.htmx:
        return render(request, "budgets/_lines_response.html", context)
    return render(request, "budgets/account.html", context)


@production_view(C.VIEW_BUDGET)
def account(request: ProductionRequest, version_id: int, account_id: int) -> HttpResponse:
    version = version_or_404(request, version_id)
    acc = get_object_or_404(
        Account.objects.select_related("category"), budget_version=version, pk=account_id
    )
    return _account_page(request, version, acc)


def _line(request, version_id: int, line_id: int) -> DetailLine:
    version = version_or_404(request, version_id)
    return get_object_or_404(
        DetailLine.objects.select_related("account__category", "budget_version"),
        budget_version=version,
        pk=line_id,
    )


@production_view(C.EDIT_BUDGET)
@require_POST
def line_new(request: ProductionRequest, version_id: int, account_id: int) -> HttpResponse:
    version = version_or_404(request, version_id)
    acc = get_object_or_404(
        Account.objects.select_related("category"), budget_version=version, pk=account_id
    )
    form = LineForm(request.POST, budget_version=version, prefix="new")
    if form.is_valid():
        created = run_service(
            request, services.line_create, account=acc, values=form.values(), form=form
        )
        if created:
            if not request.htmx:
                return redirect(
                    production_url(
                        request, "budgets:account", version_id=version.id, account_id=acc.id
                    )
                )
            # Ready for the next line, with the cursor in its description.
            form = LineForm(budget_version=version, prefix="new")
            form.fields["description"].widget.attrs["data-autofocus"] = True
    return _account_page(request, version, acc, new_form=form)


@production_view(C.EDIT_BUDGET)
def line_edit(request: ProductionRequest, version_id: int, line_id: int) -> HttpResponse:
    line = _line(request, version_id, line_id)
    version, acc = line.budget_version, line.account
    if request.method != "POST":
        return _account_page(
            request, version, acc, editing=line.id, edit_form=LineForm.for_line(line)
        )
    form = LineForm.for_line(line, request.POST)
    if form.is_valid():
        try:
            services.line_update(
                line=line,
                values=form.values(),
                expected_version=form.cleaned_data["version"] or line.version,
            )
        except StaleEdit as stale:
            return _account_page(
                request, version, acc, editing=line.id, edit_form=form, error=stale.message
            )
        except services.BudgetError as error:
            show_error(request, error, form)
        else:
            if not request.htmx:
                return redirect(
                    production_url(
                        request, "budgets:account", version_id=version.id, account_id=acc.id
                    )
                )
            return _account_page(request, version, acc)
    return _account_page(request, version, acc, editing=line.id, edit_form=form)


def _line_action(request, version_id: int, line_id: int, action) -> HttpResponse:
    """Delete or move a line; answer with the lines table (htmx) or the account page."""
    line = _line(request, version_id, line_id)
    error = ""
    try:
        action(line)
    except services.BudgetError as exc:
        error = exc.message
    if not request.htmx:
        return redirect(
            production_url(
                request, "budgets:account", version_id=version_id, account_id=line.account_id
            )
        )
    return _account_page(request, line.budget_version, line.account, error=error)


@production_view(C.EDIT_BUDGET)
@require_POST
def line_delete(request: ProductionRequest, version_id: int, line_id: int) -> HttpResponse:
    return _line_action(request, version_id, line_id, lambda line: services.line_delete(line=line))


@production_view(C.EDIT_BUDGET)
@require_POST
def line_move(request: ProductionRequest, version_id: int, line_id: int) -> HttpResponse:
    direction = -1 if request.POST.get("direction") == "up" else 1
    return _line_action(
        request,
        version_id,
        line_id,
        lambda line: services.line_move(line=line, direction=direction),
    )


# --- Globals, fringes, markups --------------------------------------------------------------


@production_view(C.VIEW_BUDGET)
def globals_page(request: ProductionRequest, version_id: int, form=None) -> HttpResponse:
    version = version_or_404(request, version_id)
    return render(
        request,
        "budgets/globals.html",
        {
            "version": version,
            "globals": Global.objects.filter(budget_version=version),
            "form": form or GlobalForm(),
        },
    )


@production_view(C.EDIT_BUDGET)
@require_POST
def global_save(request: ProductionRequest, version_id: int) -> HttpResponse:
    version = version_or_404(request, version_id)
    if request.POST.get("delete"):
        item = get_object_or_404(Global, budget_version=version, name=request.POST["delete"])
        if run_service(request, services.global_delete, item=item):
            messages.success(request, f"{item.name} deleted.")
        return redirect(production_url(request, "budgets:globals", version_id=version.id))
    form = GlobalForm(request.POST)
    if form.is_valid():
        stored = run_service(request, services.global_set, version=version, **form.cleaned_data)
        if stored:
            item = stored.value
            messages.success(request, f"{item.name} is now {item.value.normalize():f}.")
    else:
        messages.error(request, "A global needs a name and a number.")
    return redirect(production_url(request, "budgets:globals", version_id=version.id))


@production_view(C.VIEW_BUDGET)
def fringes_page(request: ProductionRequest, version_id: int) -> HttpResponse:
    version = version_or_404(request, version_id)
    sheet = queries.top_sheet(version)
    return render(
        request,
        "budgets/fringes.html",
        {
            "version": version,
            "fringes": sheet.fringes,
            "form": FringeForm(currency=version.currency),
        },
    )


@production_view(C.EDIT_BUDGET)
@require_POST
def fringe_save(request: ProductionRequest, version_id: int) -> HttpResponse:
    version = version_or_404(request, version_id)
    fringe = None
    if request.POST.get("fringe_id"):
        fringe = get_object_or_404(
            Fringe, budget_version=version, pk=pk_or_404(request.POST["fringe_id"])
        )
        if request.POST.get("delete"):
            if run_service(request, services.fringe_delete, fringe=fringe):
                messages.success(request, f"Fringe {fringe.code} deleted.")
            return redirect(production_url(request, "budgets:fringes", version_id=version.id))
    form = FringeForm(request.POST, currency=version.currency)
    if form.is_valid():
        saved = run_service(
            request, services.fringe_save, version=version, fringe=fringe, **form.cleaned_data
        )
        if saved:
            code = saved.value.code
            messages.success(request, f"Fringe {code} saved; its lines were recomputed.")
    else:
        messages.error(request, "A fringe needs a code, a name, a kind and a rate.")
    return redirect(production_url(request, "budgets:fringes", version_id=version.id))


@production_view(C.EDIT_BUDGET)
@require_POST
def markup_save(request: ProductionRequest, version_id: int) -> HttpResponse:
    version = version_or_404(request, version_id)
    markup = None
    if request.POST.get("markup_id"):
        markup = get_object_or_404(
            Markup, budget_version=version, pk=pk_or_404(request.POST["markup_id"])
        )
        if request.POST.get("delete"):
            run_service(request, services.markup_delete, markup=markup)
            return redirect(production_url(request, "budgets:top_sheet", version_id=version.id))
    form = MarkupForm(request.POST)
    if form.is_valid():
        if run_service(
            request, services.markup_save, version=version, markup=markup, **form.cleaned_data
        ):
            messages.success(request, "Markup saved.")
    else:
        messages.error(request, "A markup needs a name, a percentage and at least one section.")
    return redirect(production_url(request, "budgets:top_sheet", version_id=version.id))
