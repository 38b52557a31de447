"""The scene list and breakdown read back from its export (CSV ZIP or XLSX)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from apps.core.forms import TableImportForm
from apps.core.tables import ImportFailed
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url
from apps.schedules.scene_tables import TABLES
from apps.schedules.services.scene_list import scene_list_import


@production_view(C.EDIT_SCHEDULE)
def scene_list_upload(request: ProductionRequest) -> HttpResponse:
    form = TableImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "tables": TABLES}
    if request.method == "POST" and form.is_valid():
        try:
            upload = form.cleaned_data["file"]
            plan = scene_list_import(production=request.production, upload=upload)
        except ImportFailed as failed:
            context["errors"] = failed.errors
        else:
            messages.success(
                request,
                "Imported {scenes} scenes, {cast} parts, {elements} elements and {breakdown} "
                "breakdown entries.".format(**plan.counts),
            )
            return redirect(production_url(request, "schedules:scenes"))
    return render(request, "schedules/scene_list_import.html", context)
