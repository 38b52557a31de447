"""Openings and their hiring board: candidates moved through the stages."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.core.validators import open_upload
from apps.core.view_helpers import run_service
from apps.crew import queries, services
from apps.crew.access import candidate_scope, opening_scope
from apps.crew.forms import CandidateAddForm, CandidateForm, MoveForm, OpeningForm
from apps.crew.models import Candidate, Opening, Position
from apps.crew.services import CrewError
from apps.crew.validators import CV_CONTENT_TYPES, cv_kind
from apps.productions.access import ProductionRequest, production_view, scoped
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url


def _positions(request: ProductionRequest):
    rows = Position.objects.filter(production=request.production).select_related("department")
    return scoped(request.membership, rows)


def _opening(request: ProductionRequest, pk: int) -> Opening:
    opening = get_object_or_404(
        Opening.objects.select_related("position__department"),
        production=request.production,
        pk=pk,
    )
    return opening


def _candidate(request: ProductionRequest, pk: int) -> Candidate:
    candidate = get_object_or_404(
        Candidate.objects.select_related("person", "opening__position__department"),
        production=request.production,
        pk=pk,
    )
    return candidate


@production_view(C.VIEW_CREW)
def openings(request: ProductionRequest) -> HttpResponse:
    return render(
        request,
        "crew/openings.html",
        {
            "openings": queries.openings_of(request.production, request.membership),
            "can_hire": request.membership.can(C.HIRE_CREW),
            "show_rates": request.membership.can(C.VIEW_CREW_RATES),
        },
    )


@production_view(C.HIRE_CREW)
def opening_add(request: ProductionRequest) -> HttpResponse:
    return _opening_form(request, Opening(production=request.production))


@production_view(C.HIRE_CREW, scope=opening_scope)
def opening_edit(request: ProductionRequest, pk: int) -> HttpResponse:
    return _opening_form(request, _opening(request, pk))


def _opening_form(request: ProductionRequest, opening: Opening) -> HttpResponse:
    form = OpeningForm(
        request.POST or None,
        instance=opening,
        positions=_positions(request),
        show_rates=request.membership.can(C.VIEW_CREW_RATES),
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved the opening for {opening.position}.")
        return redirect(production_url(request, "crew:board", pk=opening.pk))
    title = f"Edit the opening for {opening.position}" if opening.pk else "Open a position"
    return render(request, "crew/form_page.html", {"form": form, "title": title})


@production_view(C.VIEW_CREW, scope=opening_scope)
def board(request: ProductionRequest, pk: int) -> HttpResponse:
    opening = _opening(request, pk)
    return render(
        request,
        "crew/board.html",
        {
            "opening": opening,
            "columns": queries.board(opening),
            "add_form": CandidateAddForm(),
            "can_hire": request.membership.can(C.HIRE_CREW),
            "show_rates": request.membership.can(C.VIEW_CREW_RATES),
            "stages": MoveForm().fields["stage"].choices,
        },
    )


@production_view(C.HIRE_CREW, scope=opening_scope)
@require_POST
def candidate_add(request: ProductionRequest, pk: int) -> HttpResponse:
    opening = _opening(request, pk)
    form = CandidateAddForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the candidate's name and a valid e-mail address.")
    else:
        found = run_service(
            request, services.candidate_person, membership=request.membership, **form.cleaned_data
        )
        person = found.value if found else None
        if person and run_service(request, services.candidate_add, opening=opening, person=person):
            messages.success(request, f"{person} is on the board.")
    return redirect(production_url(request, "crew:board", pk=opening.pk))


@production_view(C.HIRE_CREW, scope=candidate_scope)
@require_POST
def candidate_move(request: ProductionRequest, pk: int) -> HttpResponse:
    """Both the buttons and a drop on the board post here; the script asks for JSON."""
    candidate = _candidate(request, pk)
    form = MoveForm(request.POST)
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    error = None
    if not form.is_valid():
        error = services.STAGE_UNKNOWN
    else:
        try:
            services.candidate_move(candidate=candidate, stage=form.cleaned_data["stage"])
        except CrewError as exc:
            error = exc.message
    if wants_json:
        if error:
            return JsonResponse({"error": error}, status=400)
        return JsonResponse({"stage": form.cleaned_data["stage"]})
    if error:
        messages.error(request, error)
    else:
        label = dict(form.fields["stage"].choices)[form.cleaned_data["stage"]]
        messages.success(request, f"{candidate.person} moved to {label}.")
    return redirect(production_url(request, "crew:board", pk=candidate.opening_id))


@production_view(C.HIRE_CREW, scope=candidate_scope)
def candidate_edit(request: ProductionRequest, pk: int) -> HttpResponse:
    candidate = _candidate(request, pk)
    previous_stage = candidate.stage
    form = CandidateForm(request.POST or None, request.FILES or None, instance=candidate)
    if request.method == "POST" and form.is_valid():
        stage = form.cleaned_data["stage"]
        form.instance.stage = previous_stage  # the stage changes through its rules, below
        form.save()
        if run_service(request, services.candidate_move, candidate=candidate, stage=stage):
            messages.success(request, f"Saved {candidate.person}'s card.")
        return redirect(production_url(request, "crew:board", pk=candidate.opening_id))
    return render(
        request,
        "crew/candidate.html",
        {
            "candidate": candidate,
            "form": form,
            "show_rates": request.membership.can(C.VIEW_CREW_RATES),
        },
    )


@production_view(C.VIEW_CREW, scope=candidate_scope)
def candidate_cv(request: ProductionRequest, pk: int) -> HttpResponse:
    """CVs are never public files: served to members who may see the candidate."""
    candidate = _candidate(request, pk)
    # Type and suffix come from the bytes (checked on upload), not from the uploader's file name.
    handle, kind = open_upload(candidate.cv, cv_kind)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"CV {candidate.person.name}.{kind}",
        content_type=CV_CONTENT_TYPES[kind],
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
