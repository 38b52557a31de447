"""Working the board: several strips moved at once, sorting, banners, day breaks, and the JSON
answer every board write gives the board's script (the affected days redrawn, the day headers,
the summary and the pages chart), so nothing needs a full page reload.

Every write answers JSON when asked for it (``Accept: application/json``) and otherwise
redirects back to the board with its filter, so every form works without JavaScript too.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from apps.core.errors import DomainError
from apps.core.view_helpers import show_error
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url
from apps.schedules import forms, queries, reports, services
from apps.schedules.models import BannerKind, BoardBanner, Scene, ShootDay
from apps.schedules.services import days_fill
from apps.schedules.strip_filter import strip_filter
from apps.schedules.strip_html import Drawing, day_header, strip_list

AT_THE_END = 10**6


def board_context(request: ProductionRequest, result=None, csrf_token=None) -> dict:
    result = result or queries.board(request.production)
    found = strip_filter(request.production, result, request.GET)
    can_edit = request.membership.can(C.EDIT_SCHEDULE)
    return {
        "board": result,
        "drawing": Drawing.for_request(
            request, result, found, can_edit=can_edit, csrf_token=csrf_token
        ),
        "can_edit": can_edit,
        "filter": found,
        "matches": found.matches,
        "hide": found.hide,
        "banner_kinds": BannerKind.choices,
    }


def back_to_board(request: ProductionRequest) -> str:
    query = request.GET.urlencode()
    return production_url(request, "schedules:board") + (f"?{query}" if query else "")


def wants_json(request: ProductionRequest) -> bool:
    return request.headers.get("Accept") == "application/json"


def board_answer(request: ProductionRequest, affected: set[int | None]) -> HttpResponse:
    """After a write: JSON with the redrawn lists of the affected days, every day header, the
    summary and the chart; or, for a plain form, back to the board."""
    if not wants_json(request):
        return redirect(back_to_board(request))
    context = board_context(request)
    result = context["board"]
    blocks = {block.day.pk: block for block in result.days}
    lists = {}
    for day_id in affected:
        if day_id is None or day_id in blocks:
            lists["bin" if day_id is None else str(day_id)] = strip_list(
                blocks.get(day_id), result, context["drawing"]
            )
    return JsonResponse(
        {
            "days": {
                str(block.day.pk): day_header(block, context["drawing"]) for block in result.days
            },
            "lists": lists,
            "bin_count": len(result.bin),
            "summary": render_to_string("schedules/_board_summary.html", context, request=request),
            "chart": str(reports.pages_chart(request.production, result)),
        }
    )


def board_write(request: ProductionRequest, service, /, *, affected=None, **kwargs):
    """Run a board service for this production and answer with the days it touched
    (`affected` maps its result to them; by default the result is that set). A scene or day not
    in the production is a 404; a rule's refusal is shown as `refused` shows it."""
    try:
        result = service(production=request.production, **kwargs)
    except (Scene.DoesNotExist, ShootDay.DoesNotExist) as exc:
        raise Http404("No such scene or day.") from exc
    except DomainError as exc:
        return refused(request, exc)
    return board_answer(request, affected(result) if affected else result)


def refused(request: ProductionRequest, error: DomainError) -> HttpResponse:
    if wants_json(request):
        return JsonResponse({"error": error.message}, status=409)
    show_error(request, error)
    return redirect(back_to_board(request))


def bad_request(request: ProductionRequest, message: str) -> HttpResponse:
    if wants_json(request):
        return JsonResponse({"error": message}, status=400)
    messages.error(request, message)
    return redirect(back_to_board(request))


@production_view(C.EDIT_SCHEDULE)
@require_POST
def board_move_many(request: ProductionRequest) -> HttpResponse:
    """The selected strips, as one block, to a day or the bin at a position (default: the end)."""
    form = forms.MoveManyForm(request.POST)
    if not form.is_valid():
        return bad_request(request, "Select the strips to move and where to.")
    data = form.cleaned_data
    return board_write(
        request,
        services.scenes_move,
        scene_ids=data["scenes"],
        day_id=data["day"],
        position=AT_THE_END if data["position"] is None else data["position"],
    )


@production_view(C.EDIT_SCHEDULE)
@require_POST
def board_sort(request: ProductionRequest) -> HttpResponse:
    form = forms.SortForm(request.POST)
    if not form.is_valid():
        return bad_request(request, "Choose what to sort and by what.")
    return board_write(
        request,
        services.strips_sort,
        day_id=form.cleaned_data["day"],
        key=form.cleaned_data["key"],
    )


# --- Banners ------------------------------------------------------------------------------------


@production_view(C.EDIT_SCHEDULE)
@require_POST
def banner_add(request: ProductionRequest) -> HttpResponse:
    form = forms.BannerAddForm(request.POST)
    if not form.is_valid():
        return bad_request(request, "Choose the kind of banner and its day.")
    data = form.cleaned_data
    return board_write(
        request,
        services.banner_add,
        affected=lambda banner: {banner.shoot_day_id},
        day_id=data["day"],
        kind=data["kind"],
        text=data["text"],
        position=data["position"],
    )


def _banner(request: ProductionRequest, pk: int) -> BoardBanner:
    return get_object_or_404(BoardBanner, production=request.production, pk=pk)


@production_view(C.EDIT_SCHEDULE)
@require_POST
def banner_edit(request: ProductionRequest, pk: int) -> HttpResponse:
    banner = _banner(request, pk)
    form = forms.BannerForm(request.POST)
    if not form.is_valid():
        return bad_request(request, "Choose the kind of banner.")
    services.banner_update(banner=banner, **form.cleaned_data)
    return board_answer(request, {banner.shoot_day_id})


@production_view(C.EDIT_SCHEDULE)
@require_POST
def banner_remove(request: ProductionRequest, pk: int) -> HttpResponse:
    day_id = services.banner_remove(banner=_banner(request, pk))
    return board_answer(request, {day_id})


@production_view(C.EDIT_SCHEDULE)
@require_POST
def banner_move(request: ProductionRequest, pk: int) -> HttpResponse:
    banner = _banner(request, pk)
    form = forms.BannerMoveForm(request.POST)
    if not form.is_valid():
        return bad_request(request, "Choose where the banner goes.")
    return board_write(
        request,
        services.banner_move,
        banner_id=banner.pk,
        day_id=form.cleaned_data["day"],
        position=form.cleaned_data["position"],
    )


# --- Automatic day breaks -----------------------------------------------------------------------


@production_view(C.EDIT_SCHEDULE)
@require_POST
def board_fill(request: ProductionRequest) -> HttpResponse:
    """Day breaks by a page or time target: "preview" says how many days it makes, "apply"
    makes them."""
    form = forms.DaysFillForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(back_to_board(request))
    data = form.cleaned_data
    apply = request.POST.get("action") == "apply"
    try:
        report = days_fill(
            production=request.production,
            source=data["source"],
            eighths=data["pages"] or None,
            minutes=data["minutes"] or None,
            dry_run=not apply,
        )
    except DomainError as exc:
        return refused(request, exc)
    messages.info(request, report.describe(applied=apply))
    return redirect(back_to_board(request))
