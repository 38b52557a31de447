"""Printed board: the strips as a PDF, and many breakdown sheets as one PDF; what every printed
schedule document says it is."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import dateformat

from apps.core.documents import Heading
from apps.core.forms import plain_int
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.documents import built_pdf, letterhead, production_pdf
from apps.productions.models import Production
from apps.schedules import queries
from apps.schedules.categories import CATEGORY_COLOURS, Category
from apps.schedules.models import CastMember, Scene, Script, ScriptStatus, ShootDay


def printed_heading(production: Production, document: str) -> Heading:
    """A schedule document's letterhead: the script draft it follows (its revision colour and
    date) and that it prints the active board (one query)."""
    script = (
        Script.objects.filter(production=production, status=ScriptStatus.APPLIED)
        .order_by("-applied_at", "-imported_at", "-id")
        .only("colour", "applied_at", "imported_at")
        .first()
    )
    if script is None:
        return Heading(document, "No script imported", "Active board")
    when = script.applied_at or script.imported_at
    day = dateformat.format(when.astimezone(production.tz), "j M Y")
    draft = f"{script.get_colour_display()} script of {day}"
    return Heading(document, draft, "Active board")


def sheet(scene: Scene, elements=None) -> dict:
    """What the breakdown sheet of one scene shows: its cast and its elements by category."""
    elements = list(scene.elements.all()) if elements is None else elements
    groups = [
        {
            "label": label,
            "colour": CATEGORY_COLOURS[value],
            "items": [e for e in elements if e.category == value],
        }
        for value, label in Category.choices
        if value != Category.CAST
    ]
    return {
        "scene": scene,
        "cast_colour": CATEGORY_COLOURS[Category.CAST],
        "groups": [g for g in groups if g["items"]],
    }


@production_view(C.VIEW_SCHEDULE)
def strips_pdf(request: ProductionRequest) -> HttpResponse:
    """The board as printed strips: day breaks with pages and time, coloured strips, banners,
    the bin. ``?format=html`` is the same page to print from the browser."""
    if request.GET.get("format") == "html":
        template, context = strips_document(request.production, None)
        head = letterhead(request.production, context.pop("heading"), request.user)
        return render(request, template, {**context, "letterhead": head})
    # 300 strips take WeasyPrint about 2 s: built by the worker, with its progress shown.
    return built_pdf(
        request,
        builder="apps.schedules.views.printing.strips_document",
        subject=None,
        title="Printed strips",
        filename="stripboard",
    )


def strips_document(production: Production, subject: None) -> tuple[str, dict]:
    """The printed strips' template and context (the worker's builder, see strips_pdf)."""
    return "schedules/strips_pdf.html", {
        "board": queries.board(production),
        "heading": printed_heading(production, "Stripboard"),
    }


def _sheets_of(production: Production):
    return (
        Scene.objects.filter(production=production, omitted=False)
        .select_related("set__location")
        .prefetch_related(
            Prefetch("cast", queryset=CastMember.objects.order_by("id_number")), "elements"
        )
    )


def _sheets_context(scenes) -> dict:
    return {"sheets": [{**sheet(scene), "cast": scene.cast.all()} for scene in scenes]}


@production_view(C.VIEW_SCHEDULE)
def breakdown_sheets(request: ProductionRequest) -> HttpResponse:
    """Breakdown sheets, one a page, in one PDF: ``?day=<id>`` the day's scenes in board order,
    ``?scenes=<id>,<id>`` a selection, otherwise every scene not omitted, in script order.
    A day's or the whole script's (300 pages take WeasyPrint seconds) are built by the worker,
    with its progress shown; a selection is printed at once.
    Queries: the scenes (with set and location), their cast, their elements."""
    production = request.production
    if request.GET.get("scenes") or request.GET.getlist("scene"):
        raw = request.GET.get("scenes", "").split(",") + request.GET.getlist("scene")
        ids = [plain_int(part.strip()) for part in raw if part.strip()]
        if not ids or None in ids:
            raise Http404("No such scenes.")
        scenes = _sheets_of(production).filter(pk__in=ids).order_by("sort_key", "number")
        context = _sheets_context(scenes)
        if not context["sheets"]:
            raise Http404("No scenes to print.")
        heading = printed_heading(production, "Breakdown sheets")
        return production_pdf(
            request, "schedules/breakdown_sheets.html", context, "breakdown-sheets", heading
        )
    day = None
    if request.GET.get("day"):
        day = get_object_or_404(
            ShootDay, production=production, pk=plain_int(request.GET["day"]) or 0
        )
    if not _sheets_of(production).filter(**({"shoot_day": day} if day else {})).exists():
        raise Http404("No scenes to print.")
    label = f"day {day.day_number or day.position}" if day else ""
    return built_pdf(
        request,
        builder="apps.schedules.views.printing.breakdown_document",
        subject=day.pk if day else None,
        title=f"Breakdown sheets{', ' + label if label else ''}",
        filename="breakdown-sheets" + (f"-{label.replace(' ', '-')}" if label else ""),
    )


def breakdown_document(production: Production, subject: int | None) -> tuple[str, dict]:
    """The breakdown sheets of a day (`subject`, in board order) or of the whole script (in
    script order): the worker's builder, see breakdown_sheets."""
    scenes = _sheets_of(production)
    if subject is None:
        scenes = scenes.order_by("sort_key", "number")
    else:
        scenes = scenes.filter(shoot_day_id=subject).order_by("board_position", "sort_key")
    context = _sheets_context(scenes)
    return "schedules/breakdown_sheets.html", {
        **context,
        "heading": printed_heading(production, "Breakdown sheets"),
    }
