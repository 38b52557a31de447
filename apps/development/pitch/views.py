"""Pitch package pages, under /p/<slug>/development/pitch/: its sections (order, in or out),
the team and talent with letters of interest, look images and comparable titles, and the PDF.
The package prints the finance plan, so it is seen by whoever may see the plan."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.core.exports import attach, export_response, format_or_404
from apps.core.validators import open_upload
from apps.core.view_helpers import run_service
from apps.development.pitch import services
from apps.development.pitch.content import TEMPLATE as PDF_TEMPLATE
from apps.development.pitch.content import filename_of, heading_of, package_of, pitch_context
from apps.development.pitch.forms import FORMS, item_form
from apps.development.pitch.models import (
    Comparable,
    LookImage,
    PersonKind,
    PitchPerson,
    Section,
)
from apps.development.pitch.validators import LOOK_CONTENT_TYPES, letter_kind, look_kind
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.documents import production_pdf
from apps.productions.links import production_url

VIEW, EDIT = C.VIEW_FINANCE_PLAN, C.EDIT_DEVELOPMENT
MODELS = {"person": PitchPerson, "look": LookImage, "comparable": Comparable}
NAMES = {"person": "person", "look": "look image", "comparable": "comparable title"}


def _to_pitch(request: ProductionRequest) -> HttpResponse:
    return redirect(production_url(request, "development:pitch"))


@production_view(VIEW)
def pitch_page(request: ProductionRequest) -> HttpResponse:
    production = request.production
    package = package_of(production)
    order = package.order
    people = list(PitchPerson.objects.filter(production=production))
    context = {
        "package": package,
        "printed": [Section(key) for key in order],
        "left_out": [s for s in Section if s.value not in order],
        "team": [p for p in people if p.kind == PersonKind.TEAM],
        "talent": [p for p in people if p.kind == PersonKind.TALENT],
        "looks": LookImage.objects.filter(production=production),
        "comparables": Comparable.objects.filter(production=production),
    }
    return render(request, "development/pitch/page.html", context)


@production_view(VIEW, EDIT)
@require_POST
def sections_arrange(request: ProductionRequest) -> HttpResponse:
    try:
        expected = int(request.POST.get("version", ""))
    except ValueError:
        expected = -1
    run_service(
        request, services.sections_arrange, production=request.production,
        key=request.POST.get("key", ""), action=request.POST.get("action", ""),
        expected_version=expected,
    )  # fmt: skip
    return _to_pitch(request)


def _kind(kind: str) -> str:
    if kind not in FORMS:
        raise Http404("No such part of a pitch package.")
    return kind


@production_view(VIEW, EDIT)
def item_new(request: ProductionRequest, kind: str) -> HttpResponse:
    return _item_form(request, _kind(kind), None)


@production_view(VIEW, EDIT)
def item_edit(request: ProductionRequest, kind: str, pk: int) -> HttpResponse:
    instance = get_object_or_404(MODELS[_kind(kind)], production=request.production, pk=pk)
    return _item_form(request, kind, instance)


def _item_form(request: ProductionRequest, kind: str, instance) -> HttpResponse:
    form = item_form(kind, request.production, request.POST or None, request.FILES or None,
                     instance=instance)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        done = run_service(
            request, services.item_save, instance=form.instance,
            production=request.production, form=form,
        )  # fmt: skip
        if done:
            messages.success(request, f"Saved {done.value}.")
            return _to_pitch(request)
    title = f"Edit {instance}" if instance else f"Add a {NAMES[kind]}"
    context = {"form": form, "title": title, "kind": kind, "instance": instance}
    return render(request, "development/pitch/item_form.html", context)


@production_view(VIEW, EDIT)
@require_POST
def item_delete(request: ProductionRequest, kind: str, pk: int) -> HttpResponse:
    instance = get_object_or_404(MODELS[_kind(kind)], production=request.production, pk=pk)
    if run_service(request, services.item_delete, instance=instance):
        messages.success(request, f"Removed {instance}.")
    return _to_pitch(request)


@production_view(VIEW)
def look_image(request: ProductionRequest, pk: int) -> HttpResponse:
    """Never a public file: served to members who may see the package, typed by its bytes."""
    look = get_object_or_404(LookImage, production=request.production, pk=pk)
    handle, kind = open_upload(look.image, look_kind)
    response = FileResponse(handle, content_type=LOOK_CONTENT_TYPES[kind])
    return attach(response, f"look-{look.pk}.{kind.lower()}", inline=True)


@production_view(VIEW)
def letter(request: ProductionRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(PitchPerson, production=request.production, pk=pk)
    handle, _ = open_upload(person.letter_file, letter_kind)
    response = FileResponse(handle, content_type="application/pdf")
    return attach(response, f"Letter of interest {person.name}.pdf")


@production_view(VIEW)
def comparables_export(request: ProductionRequest, fmt: str) -> HttpResponse:
    format_or_404(fmt)
    rows = [
        [c.title, c.year, c.budget, c.result, c.notes]
        for c in Comparable.objects.filter(production=request.production)
    ]
    return export_response(
        fmt, f"Comparables {request.production.title}",
        ["Title", "Year", "Budget", "Result", "Notes"], rows,
        currency=request.production.currency, money_columns=(2,),
    )  # fmt: skip


@production_view(VIEW)
def pitch_pdf(request: ProductionRequest) -> HttpResponse:
    production = request.production
    return production_pdf(
        request, PDF_TEMPLATE, pitch_context(production), filename_of(production),
        heading_of(production),
    )  # fmt: skip
