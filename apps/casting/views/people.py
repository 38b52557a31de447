"""Actors (their representation, union status, headshot and résumé, unavailable dates) and the
agencies with their agents and managers. Contacts show only to members who may see them."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.casting import exports, queries, services
from apps.casting.forms import ActorForm, AgencyForm, RepresentativeForm, UnavailabilityForm
from apps.casting.models import Actor, Agency, Unavailability
from apps.casting.validators import headshot_kind
from apps.core.exports import export_response, format_or_404
from apps.core.validators import LOGO_CONTENT_TYPES, open_upload
from apps.core.view_helpers import run_service
from apps.crew.validators import CV_CONTENT_TYPES, cv_kind
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url


def _actor(request: ProductionRequest, pk: int) -> Actor:
    return get_object_or_404(queries.actor_for(request.production, pk))


def _to_actor(request: ProductionRequest, pk: int) -> HttpResponse:
    return redirect(production_url(request, "casting:actor", pk=pk))


@production_view(C.VIEW_CASTING)
def actors(request: ProductionRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()[:100]
    found = queries.actors_of(request.production, search)
    return render(request, "casting/actors.html", {"actors": found, "search": search})


@production_view(C.VIEW_CASTING)
def actors_export(request: ProductionRequest, fmt: str) -> HttpResponse:
    """The actors list (its search too) as CSV or XLSX; contacts only for who sees them."""
    fmt = format_or_404(fmt)
    search = request.GET.get("q", "").strip()[:100]
    header, rows = exports.actor_table(
        queries.actors_of(request.production, search),
        contacts=request.membership.can(C.VIEW_TALENT_CONTACTS),
    )
    return export_response(fmt, f"casting-{request.production.slug}-actors", header, rows)


@production_view(C.VIEW_CASTING, C.EDIT_CASTING)
def actor_new(request: ProductionRequest) -> HttpResponse:
    form = ActorForm(request.POST or None, request.FILES or None, production=request.production)
    if request.method == "POST" and form.is_valid():
        actor = form.save()
        messages.success(request, f"{actor.name} added.")
        return _to_actor(request, actor.pk)
    return render(request, "casting/actor_form.html", {"form": form})


@production_view(C.VIEW_CASTING, C.EDIT_CASTING)
def actor_detail(request: ProductionRequest, pk: int) -> HttpResponse:
    """The actor's page; its form (POST) saves them."""
    actor = _actor(request, pk)
    form = ActorForm(
        request.POST or None, request.FILES or None, instance=actor, production=request.production
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Saved.")
        return _to_actor(request, pk)
    context = {
        "actor": actor,
        "form": form,
        "unavailable": list(actor.unavailable.all()),
        "unavailable_form": UnavailabilityForm(),
        "submissions": list(actor.submissions.select_related("role").order_by("role__name")),
    }
    return render(request, "casting/actor.html", context)


def _served(handle, filename: str, content_type: str, *, inline: bool) -> FileResponse:
    response = FileResponse(
        handle, as_attachment=not inline, filename=filename, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@production_view(C.VIEW_CASTING)
def actor_headshot(request: ProductionRequest, pk: int) -> HttpResponse:
    """Never a public file: served to members who may see casting, typed by its bytes."""
    actor = _actor(request, pk)
    handle, kind = open_upload(actor.headshot, headshot_kind)
    return _served(handle, f"{actor.name}.{kind.lower()}", LOGO_CONTENT_TYPES[kind], inline=True)


@production_view(C.VIEW_CASTING)
def actor_resume(request: ProductionRequest, pk: int) -> HttpResponse:
    actor = _actor(request, pk)
    handle, kind = open_upload(actor.resume, cv_kind)
    return _served(handle, f"Résumé {actor.name}.{kind}", CV_CONTENT_TYPES[kind], inline=False)


@production_view(C.VIEW_CASTING, C.EDIT_CASTING)
@require_POST
def unavailability_add(request: ProductionRequest, pk: int) -> HttpResponse:
    actor = _actor(request, pk)
    form = UnavailabilityForm(request.POST)
    if form.is_valid():
        if run_service(request, services.unavailability_add, actor=actor, **form.cleaned_data):
            messages.success(request, "Unavailable dates added.")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return _to_actor(request, pk)


@production_view(C.VIEW_CASTING, C.EDIT_CASTING)
@require_POST
def unavailability_remove(request: ProductionRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(Unavailability, production=request.production, pk=pk)
    services.unavailability_remove(row=row)
    return _to_actor(request, row.actor_id)


@production_view(C.VIEW_CASTING, C.EDIT_CASTING)
def agencies(request: ProductionRequest) -> HttpResponse:
    """The agencies and their people; its form (POST) adds an agency."""
    form = AgencyForm(request.POST or None, production=request.production)
    if request.method == "POST" and form.is_valid():
        agency = form.save()
        messages.success(request, f"{agency.name} added.")
        return redirect(production_url(request, "casting:agency", pk=agency.pk))
    found = Agency.objects.filter(production=request.production).prefetch_related("representatives")
    return render(request, "casting/agencies.html", {"agencies": found, "form": form})


@production_view(C.VIEW_CASTING)
def agencies_export(request: ProductionRequest, fmt: str) -> HttpResponse:
    """The agencies with their agents and managers; contacts only for who sees them."""
    fmt = format_or_404(fmt)
    found = Agency.objects.filter(production=request.production).prefetch_related("representatives")
    header, rows = exports.agency_table(
        found.order_by("name"), contacts=request.membership.can(C.VIEW_TALENT_CONTACTS)
    )
    return export_response(fmt, f"casting-{request.production.slug}-agencies", header, rows)


@production_view(C.VIEW_CASTING, C.EDIT_CASTING)
def agency_detail(request: ProductionRequest, pk: int) -> HttpResponse:
    """An agency: its details (the `agency` form) and an agent or manager added (`person`)."""
    agency = get_object_or_404(Agency, production=request.production, pk=pk)
    posted = request.POST if request.method == "POST" else None
    which = request.POST.get("form") if posted else None
    form = AgencyForm(
        posted if which == "agency" else None, instance=agency, production=request.production
    )
    person_form = RepresentativeForm(posted if which == "person" else None, agency=agency)
    for bound in (form, person_form):
        if bound.is_bound and bound.is_valid():
            bound.save()
            messages.success(request, "Saved.")
            return redirect(production_url(request, "casting:agency", pk=pk))
    context = {
        "agency": agency,
        "form": form,
        "person_form": person_form,
        "people": list(agency.representatives.all()),
    }
    return render(request, "casting/agency.html", context)
