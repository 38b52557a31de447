"""Post schedule pages: the list, the timeline, a milestone's form, the standard set, the
baseline and the export. Every page goes through the access layer with post's scope hook."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.core.exports import export_response, format_or_404
from apps.core.view_helpers import run_service
from apps.post.access import post_scope
from apps.post.milestones import queries, services
from apps.post.milestones.forms import MilestoneForm
from apps.post.milestones.models import Milestone
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url

VIEW, EDIT = C.VIEW_POST, C.EDIT_POST


def _to_list(request: ProductionRequest) -> HttpResponse:
    return redirect(production_url(request, "post:schedule"))


def _milestone(request: ProductionRequest, pk: int) -> Milestone:
    return get_object_or_404(
        Milestone.objects.select_related("production"), production=request.production, pk=pk
    )


@production_view(VIEW, scope=post_scope)
def schedule(request: ProductionRequest) -> HttpResponse:
    production = request.production
    milestones = list(queries.milestones_of(production))
    context = {
        "milestones": milestones,
        "timeline": queries.timeline(milestones, production.today()),
        "has_baseline": any(m.baseline_on for m in milestones),
        "slipped": sum(1 for m in milestones if m.slip_days),
        "today": production.today(),
        "active": "schedule",
    }
    return render(request, "post/milestones/list.html", context)


@production_view(VIEW, scope=post_scope)
def schedule_export(request: ProductionRequest, fmt: str) -> HttpResponse:
    format_or_404(fmt)
    rows = queries.export_rows(queries.milestones_of(request.production))
    return export_response(
        fmt, f"post-schedule-{request.production.slug}", queries.EXPORT_HEADER, rows
    )


@production_view(VIEW, EDIT, scope=post_scope)
def milestone_new(request: ProductionRequest) -> HttpResponse:
    form = MilestoneForm(request.POST or None, production=request.production)
    if request.method == "POST" and form.is_valid():
        made = run_service(
            request, services.milestone_create, production=request.production, form=form,
            **form.service_data(),
        )  # fmt: skip
        if made:
            messages.success(request, f"{made.value.title} added to the post schedule.")
            return _to_list(request)
    context = {"form": form, "title": "New milestone", "active": "schedule"}
    return render(request, "post/milestones/form.html", context)


@production_view(VIEW, EDIT, scope=post_scope)
def milestone_edit(request: ProductionRequest, pk: int) -> HttpResponse:
    milestone = _milestone(request, pk)
    form = MilestoneForm(request.POST or None, production=request.production, instance=milestone)
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data.get("version") or milestone.version
        done = run_service(
            request, services.milestone_update, milestone=milestone, expected_version=version,
            form=form, **form.service_data(),
        )  # fmt: skip
        if done:
            messages.success(request, f"{milestone.title} saved.")
            return _to_list(request)
    context = {
        "form": form,
        "title": f"Edit {milestone.title}",
        "milestone": milestone,
        "active": "schedule",
    }
    return render(request, "post/milestones/form.html", context)


@production_view(VIEW, EDIT, scope=post_scope)
@require_POST
def milestone_delete(request: ProductionRequest, pk: int) -> HttpResponse:
    milestone = _milestone(request, pk)
    if run_service(request, services.milestone_delete, milestone=milestone):
        messages.success(request, f"{milestone.title} removed.")
    return _to_list(request)


@production_view(VIEW, EDIT, scope=post_scope)
@require_POST
def standard_set(request: ProductionRequest) -> HttpResponse:
    made = run_service(
        request,
        services.standard_set_create,
        production=request.production,
        owner=request.membership,
    )
    if made:
        count = len(made.value)
        if count:
            messages.success(request, f"{count} standard milestone(s) added from the wrap date.")
        else:
            messages.info(request, "The schedule has every standard milestone already.")
    return _to_list(request)


@production_view(VIEW, EDIT, scope=post_scope)
@require_POST
def baseline(request: ProductionRequest) -> HttpResponse:
    done = run_service(request, services.baseline_set, production=request.production)
    if done:
        messages.success(
            request,
            f"Baseline set: {done.value} milestone(s); slips are measured from today's dates.",
        )
    return _to_list(request)
