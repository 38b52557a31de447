"""The scene list and breakdown read back from its export (CSV ZIP or XLSX)."""

from __future__ import annotations

from django.http import HttpResponse

from apps.core.view_helpers import import_page
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url
from apps.schedules.scene_tables import TABLES
from apps.schedules.services.scene_list import scene_list_import

DONE = (
    "Imported {scenes} scenes, {cast} parts, {elements} elements and {breakdown} breakdown entries."
)


@production_view(C.EDIT_SCHEDULE)
def scene_list_upload(request: ProductionRequest) -> HttpResponse:
    return import_page(
        request,
        "schedules/scene_list_import.html",
        lambda upload: scene_list_import(production=request.production, upload=upload),
        done=lambda plan: DONE.format(**plan.counts),
        then=production_url(request, "schedules:scenes"),
        context={"tables": TABLES},
    )
