"""The slate (every project of the user's productions, outside any one production), a new idea,
the project page with its edit, and the green light."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from apps.accounts.models import User
from apps.core.exports import export_response
from apps.core.view_helpers import run_service
from apps.development.forms import IdeaForm, ProjectForm
from apps.development.models import Status
from apps.development.slate import queries, services
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url
from apps.productions.models import Format, Phase

VIEW, EDIT = C.VIEW_DEVELOPMENT, C.EDIT_DEVELOPMENT


@login_required
def slate(request: HttpRequest) -> HttpResponse:
    wanted = queries.SlateFilter.from_query(request.GET)
    projects = queries.slate_of(request.user, wanted)
    rows = [(p, queries.budget_range(p)) for p in projects]
    context = {
        "rows": rows,
        "wanted": wanted,
        "statuses": Status.choices,
        "formats": Format.choices,
        "phases": Phase.choices,
        "sorts": [
            ("title", "Title"), ("genre", "Genre"), ("format", "Format"), ("budget", "Budget"),
            ("status", "Status"), ("owner", "Owner"), ("next", "Next step"),
        ],
    }  # fmt: skip
    return render(request, "development/slate.html", context)


@login_required
def slate_export(request: HttpRequest, fmt: str) -> HttpResponse:
    wanted = queries.SlateFilter.from_query(request.GET)
    projects = queries.slate_of(request.user, wanted)
    return export_response(
        "xlsx" if fmt == "xlsx" else "csv",
        "slate",
        queries.EXPORT_HEADER,
        queries.export_rows(projects),
    )


@login_required
def idea_new(request: HttpRequest) -> HttpResponse:
    form = IdeaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = run_service(
            request, services.idea_create, user=request.user, form=form, **form.cleaned_data
        )
        if made:
            messages.success(
                request,
                f"{made.value.production.title} is on the slate: a production in development, "
                "with you as its producer.",
            )
            return redirect(production_url(made.value.production, "development:project"))
    return render(request, "development/idea_form.html", {"form": form})


def _members(request: ProductionRequest):
    return User.objects.filter(memberships__production=request.production).order_by("full_name")


@production_view(VIEW)
def project(request: ProductionRequest) -> HttpResponse:
    from apps.budgets.queries import current_version

    item = services.project_for(request.production, create=False)
    context = {
        "project": item,
        "budget_range": queries.budget_range(item),
        "budget": current_version(request.production),
        "in_development": request.production.phase == Phase.DEVELOPMENT,
        "active": "project",
    }
    return render(request, "development/project.html", context)


@production_view(VIEW, EDIT)
def project_edit(request: ProductionRequest) -> HttpResponse:
    item = services.project_for(request.production, create=request.method == "POST")
    form = ProjectForm(
        request.POST or None,
        instance=item,
        initial={"version": item.version},
        currency=request.production.currency,
        members=_members(request),
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in services.PROJECT_FIELDS}
        item.refresh_from_db()  # the form wrote its values on the instance; the service saves
        saved = run_service(
            request, services.project_update, project=item, form=form,
            expected_version=form.cleaned_data["version"], **data,
        )  # fmt: skip
        if saved:
            messages.success(request, "Project saved.")
            return redirect(production_url(request, "development:project"))
    context = {"form": form, "project": item, "active": "project"}
    return render(request, "development/project_form.html", context)


@production_view(VIEW, EDIT)
@require_POST
def green_light(request: ProductionRequest) -> HttpResponse:
    item = services.project_for(request.production)
    if run_service(request, services.green_light, project=item):
        messages.success(
            request,
            f"{request.production.title} is green-lit: now in pre-production. Its budget, drafts, "
            "research, rights and finance plan stay where they were.",
        )
    return redirect(production_url(request, "development:project"))
