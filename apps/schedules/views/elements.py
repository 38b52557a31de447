"""The element manager: every breakdown element by category with the scenes, pages and shoot days
it is in; add, rename, recategorise, recount, merge several into one, delete."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.core.view_helpers import run_service
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url
from apps.schedules import forms, services
from apps.schedules.breakdown import elements_by_category
from apps.schedules.models import BreakdownElement


@production_view(C.VIEW_SCHEDULE, C.EDIT_SCHEDULE)
def element_list(request: ProductionRequest) -> HttpResponse:
    """The manager page; a POST adds an element that no scene has yet."""
    form = forms.ElementEditForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        added = run_service(
            request, services.element_create, form=form, production=request.production,
            category=data["category"], name=data["name"], quantity=data["quantity"],
        )  # fmt: skip
        if added:
            messages.success(request, f"{added.value} added.")
            return redirect(production_url(request, "schedules:elements"))
    return render(
        request,
        "schedules/elements.html",
        {
            "groups": elements_by_category(request.production),
            "form": form,
            "can_edit": request.membership.can(C.EDIT_SCHEDULE),
        },
    )


def _element(request, pk) -> BreakdownElement:
    return get_object_or_404(BreakdownElement, production=request.production, pk=pk)


@production_view(C.EDIT_SCHEDULE)
def element_edit(request: ProductionRequest, pk: int) -> HttpResponse:
    element = _element(request, pk)
    initial = {"category": element.category, "name": element.name, "quantity": element.quantity}
    form = forms.ElementEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = run_service(
            request, services.element_update, form=form, element=element,
            category=data["category"], name=data["name"], quantity=data["quantity"],
        )  # fmt: skip
        if saved:
            messages.success(request, f"{saved.value} saved.")
            return redirect(production_url(request, "schedules:elements"))
    return render(request, "schedules/form.html", {"form": form, "heading": f"Edit {element}"})


@production_view(C.EDIT_SCHEDULE)
@require_POST
def element_merge(request: ProductionRequest) -> HttpResponse:
    form = forms.ElementMergeForm(request.POST, production=request.production)
    if not form.is_valid():
        messages.error(request, "Tick the elements to merge and choose the one they become.")
    else:
        merged = run_service(
            request,
            services.element_merge,
            elements=list(form.cleaned_data["elements"]),
            into=form.cleaned_data["into"],
        )
        if merged:
            messages.success(request, f"Merged into {merged.value}.")
    return redirect(production_url(request, "schedules:elements"))


@production_view(C.EDIT_SCHEDULE)
def element_delete(request: ProductionRequest, pk: int) -> HttpResponse:
    element = _element(request, pk)
    if request.method == "POST":
        deleted = run_service(request, services.element_delete, element=element)
        if deleted:
            messages.success(request, f"{element} deleted from {deleted.value} scene(s).")
            return redirect(production_url(request, "schedules:elements"))
    return render(
        request,
        "schedules/confirm_delete.html",
        {
            "heading": f"Delete {element}",
            "what": str(element),
            "scene_count": element.scenes.count(),
            "back": production_url(request, "schedules:elements"),
        },
    )
