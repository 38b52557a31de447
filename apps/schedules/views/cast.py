"""Cast pages: add a part by hand, merge one into others, drop one. The list and the edit form
(which renumbers: a taken ID swaps) are in views/scenes.py."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from apps.core.view_helpers import run_service
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url
from apps.schedules import castnames, forms, services
from apps.schedules.models import CastMember


@production_view(C.EDIT_SCHEDULE)
def cast_add(request: ProductionRequest) -> HttpResponse:
    form = forms.CastAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        added = run_service(
            request, services.cast_create, form=form,
            production=request.production, character=data["character"], actor=data["actor"],
            speaking=data["speaking"], id_number=data["id_number"],
        )  # fmt: skip
        if added:
            messages.success(request, f"{added.value} added.")
            return redirect(production_url(request, "schedules:cast"))
    return render(request, "schedules/form.html", {"form": form, "heading": "Add a part"})


def _member(request, pk) -> CastMember:
    return get_object_or_404(CastMember, production=request.production, pk=pk)


@production_view(C.EDIT_SCHEDULE)
def cast_merge(request: ProductionRequest, pk: int) -> HttpResponse:
    member = _member(request, pk)
    named = {name.casefold() for name in castnames.named_parts(member.character)}
    suggested = [
        m.pk
        for m in CastMember.objects.filter(production=request.production).exclude(pk=member.pk)
        if m.character.casefold() in named
    ]
    form = forms.CastMergeForm(request.POST or None, member=member, initial={"into": suggested})
    if request.method == "POST" and form.is_valid():
        merged = run_service(
            request, services.cast_merge, form=form, member=member, into=form.cleaned_data["into"]
        )
        if merged:
            names = " and ".join(str(m) for m in merged.value)
            messages.success(request, f"{member.character} merged into {names}.")
            return redirect(production_url(request, "schedules:cast"))
    return render(
        request,
        "schedules/cast_merge.html",
        {
            "form": form,
            "member": member,
            "scene_count": member.scenes.count(),
            "reason": castnames.noise_reason(member.character),
        },
    )


@production_view(C.EDIT_SCHEDULE)
def cast_delete(request: ProductionRequest, pk: int) -> HttpResponse:
    member = _member(request, pk)
    if request.method == "POST":
        dropped = run_service(request, services.cast_delete, member=member)
        if dropped:
            messages.success(
                request, f"{member.character} dropped from {dropped.value} scene(s) and deleted."
            )
            return redirect(production_url(request, "schedules:cast"))
    return render(
        request,
        "schedules/confirm_delete.html",
        {
            "heading": f"Drop {member}",
            "what": member.character,
            "scene_count": member.scenes.count(),
            "back": production_url(request, "schedules:cast"),
        },
    )
