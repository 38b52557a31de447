"""Alternate boards: the list, a scenario's own board, side-by-side comparison, activation."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.core.forms import plain_int
from apps.core.view_helpers import run_service
from apps.productions.access import ProductionRequest, pk_or_404, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url
from apps.schedules import compare, forms
from apps.schedules.models import DayKind, Scenario
from apps.schedules.services import scenarios as service

COMPARE_MOST = 3  # scenarios beside the active board: each one works the budget out again


def _scenario(request, pk) -> Scenario:
    return get_object_or_404(Scenario, production=request.production, pk=pk)


@production_view(C.VIEW_SCHEDULE, C.EDIT_SCHEDULE)
def scenario_list(request: ProductionRequest) -> HttpResponse:
    production = request.production
    form = forms.ScenarioForm(request.POST or None, production=production)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            request,
            service.scenario_create,
            production=production,
            name=form.cleaned_data["name"],
            source=form.cleaned_data["source"],
            notes=form.cleaned_data["notes"],
            user=request.user,
            form=form,
        )
        if done:
            messages.success(
                request, f"Scenario “{done.value.name}” made from {done.value.based_on}."
            )
            return redirect(production_url(request, "schedules:scenario", pk=done.value.pk))
    found = list(Scenario.objects.filter(production=production).select_related("created_by"))
    return render(
        request,
        "schedules/scenarios.html",
        {
            "form": form,
            "scenarios": found,
            "can_edit": request.membership.can(C.EDIT_SCHEDULE),
            "compare_most": COMPARE_MOST,
        },
    )


@production_view(C.VIEW_SCHEDULE, C.EDIT_SCHEDULE)
def scenario_detail(request: ProductionRequest, pk: int) -> HttpResponse:
    """A scenario's board. POST: move the ticked strips, insert or remove a day, rename."""
    scenario = _scenario(request, pk)
    result = compare.scenario_board(scenario)
    move = forms.ScenarioMoveForm(request.POST or None, board=result)
    if request.method == "POST":
        action, _, day_key = request.POST.get("action", "").partition("-")
        if action == "move" and move.is_valid():
            target = move.cleaned_data["target"]
            done = run_service(
                request,
                service.scenario_move,
                scenario=scenario,
                scene_ids=move.cleaned_data["scene"],
                day_id=None if target == "bin" else int(target),
                position=0 if move.cleaned_data["where"] == "start" else None,
            )
            if done:
                count = len(move.cleaned_data["scene"])
                messages.success(request, f"Moved {count} scene{'s' if count != 1 else ''}.")
        elif action == "move":
            messages.error(request, "Tick the scenes to move, then choose where they go.")
        elif action == "insert":
            kind = request.POST.get("kind", DayKind.SHOOT)
            day = service.scenario_day_insert(
                scenario=scenario, kind=kind if kind in DayKind.values else DayKind.SHOOT
            )
            messages.success(request, f"{day} added to the scenario.")
        elif action == "remove":
            day = get_object_or_404(scenario.days, pk=pk_or_404(day_key))
            service.scenario_day_remove(scenario=scenario, day=day)
            messages.success(request, f"{day} removed; its scenes are in the scenario's bin.")
        elif action == "rename" and run_service(
            request,
            service.scenario_rename,
            scenario=scenario,
            name=request.POST.get("name", ""),
            notes=request.POST.get("notes", scenario.notes),
        ):
            messages.success(request, "Scenario saved.")
        return redirect(production_url(request, "schedules:scenario", pk=scenario.pk))
    return render(
        request,
        "schedules/scenario.html",
        {
            "scenario": scenario,
            "board": result,
            "move": move,
            "column": compare.Column(scenario.name, result, scenario),
            "can_edit": request.membership.can(C.EDIT_SCHEDULE),
        },
    )


@production_view(C.VIEW_SCHEDULE)
def scenario_compare(request: ProductionRequest) -> HttpResponse:
    """The active board beside up to three scenarios (?s=<id>&s=<id>)."""
    wanted = [n for n in map(plain_int, request.GET.getlist("s")) if n is not None]
    chosen = list(
        Scenario.objects.filter(production=request.production, pk__in=wanted[:COMPARE_MOST])
    )
    cols = compare.columns(request.production, chosen)
    return render(
        request,
        "schedules/scenario_compare.html",
        {
            "columns": cols,
            "cast_rows": compare.cast_rows(request.production, cols),
            "scenarios": Scenario.objects.filter(production=request.production),
            "chosen": {s.pk for s in chosen},
        },
    )


@production_view(C.EDIT_SCHEDULE)
def scenario_activate(request: ProductionRequest, pk: int) -> HttpResponse:
    """GET: what making the scenario active would do. POST: do it."""
    scenario = _scenario(request, pk)
    if request.method == "POST":
        done = run_service(request, service.scenario_activate, scenario=scenario, user=request.user)
        if done:
            messages.success(
                request,
                f"“{scenario.name}” is now the active board. The board it replaced is kept as "
                f"the scenario “{done.value.name}”.",
            )
            return redirect(production_url(request, "schedules:board"))
    cols = compare.columns(request.production, [scenario])
    return render(
        request,
        "schedules/scenario_activate.html",
        {
            "scenario": scenario,
            "columns": cols,
            "problems": service.activation_problems(scenario),
        },
    )


@production_view(C.EDIT_SCHEDULE)
@require_POST
def scenario_delete(request: ProductionRequest, pk: int) -> HttpResponse:
    scenario = _scenario(request, pk)
    service.scenario_delete(scenario=scenario)
    messages.success(request, f"Scenario “{scenario.name}” deleted; the active board is unchanged.")
    return redirect(production_url(request, "schedules:scenarios"))
