from __future__ import annotations

import secrets

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from apps.core.view_helpers import run_service
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url
from apps.schedules import forms, reports, services, strip_html
from apps.schedules.models import (
    ScheduleSettings,
    ShootDay,
)
from apps.schedules.views.board_work import (
    AT_THE_END,
    bad_request,
    board_context,
    board_write,
)

# --- The stripboard -----------------------------------------------------------------------------


@production_view(C.VIEW_SCHEDULE)
def stripboard(request: ProductionRequest) -> HttpResponse:
    context = board_context(request)
    result, drawing = context["board"], context["drawing"]
    return render(
        request,
        "schedules/stripboard.html",
        {
            **context,
            "days_html": strip_html.days(result, drawing),
            "day_options": strip_html.day_options(result),
            "bin_html": strip_html.strip_list(None, result, drawing),
            "filter_selects": strip_html.filter_selects(context["filter"].form),
            "chart": reports.pages_chart(request.production, context["board"]),
            "sort_form": forms.SortForm(),
            "sorts": services.SORTS,
            "fill_form": forms.DaysFillForm(
                initial={"pages": context["board"].settings.page_limit_eighths}
            ),
        },
    )


@production_view(C.EDIT_SCHEDULE)
@require_POST
def board_move(request: ProductionRequest) -> HttpResponse:
    """One move, one request: the scene, the target day (or the bin) and the position.

    Answers with the redrawn affected days, the day headers (totals and conflicts), the summary
    and the chart as JSON for the drag script, or redirects back to the board for the plain-form
    buttons.
    """
    form = forms.MoveForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"error": "Bad move."}, status=400)
    data = form.cleaned_data
    position = data["position"] if data["position"] is not None else AT_THE_END
    day_id = data["day"]
    if data["day_number"] and request.POST.get("go") == "day":
        # The keyboard/phone alternative to dragging: "move to day N", at the end of that day.
        day = ShootDay.objects.filter(production=request.production, day_number=data["day_number"])
        day_id = day.values_list("pk", flat=True).first()
        if day_id is None:
            return bad_request(request, f"There is no day {data['day_number']}.")
    return board_write(
        request, services.scene_move, scene_id=data["scene"], day_id=day_id, position=position
    )


@production_view(C.EDIT_SCHEDULE)
@require_POST
def day_insert(request: ProductionRequest) -> HttpResponse:
    form = forms.DayInsertForm(request.POST)
    if form.is_valid():
        day = services.day_insert(
            production=request.production,
            at=form.cleaned_data["at"],
            kind=form.cleaned_data["kind"],
        )
        messages.success(request, f"{day} added; later days moved on.")
    return redirect(production_url(request, "schedules:board"))


@production_view(C.EDIT_SCHEDULE)
@require_POST
def day_remove(request: ProductionRequest, pk: int) -> HttpResponse:
    day = get_object_or_404(ShootDay, production=request.production, pk=pk)
    label = str(day)
    if run_service(request, services.day_remove, production=request.production, day=day):
        messages.success(request, f"{label} removed; its scenes are back in the bin.")
    return redirect(production_url(request, "schedules:board"))


@production_view(C.EDIT_SCHEDULE)
def day_edit(request: ProductionRequest, pk: int) -> HttpResponse:
    day = get_object_or_404(ShootDay, production=request.production, pk=pk)
    form = forms.DayForm(request.POST or None, instance=day, production=request.production)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        day = ShootDay.objects.get(pk=day.pk)  # the form changed the instance already
        if run_service(request, services.day_update, day=day, **fields, form=form):
            messages.success(request, f"{day} saved.")
            return redirect(production_url(request, "schedules:board"))
    return render(request, "schedules/form.html", {"form": form, "heading": str(day)})


@production_view(C.EDIT_SCHEDULE)
def schedule_settings(request: ProductionRequest) -> HttpResponse:
    settings = services.settings_for(request.production)
    form = forms.ScheduleSettingsForm(request.POST or None, instance=settings)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Schedule settings saved.")
        return redirect(production_url(request, "schedules:settings"))
    feed_url = (
        request.build_absolute_uri(reverse("schedule_ical", kwargs={"token": settings.ical_token}))
        if settings.ical_token
        else ""
    )
    return render(request, "schedules/settings.html", {"form": form, "feed_url": feed_url})


@production_view(C.EDIT_SCHEDULE)
@require_POST
def ical_rotate(request: ProductionRequest) -> HttpResponse:
    """Create the feed, or revoke it: a new random token makes every old address stop working."""
    settings = services.settings_for(request.production)
    revoke_only = request.POST.get("action") == "revoke"
    ScheduleSettings.objects.filter(pk=settings.pk).update(
        ical_token="" if revoke_only else secrets.token_urlsafe(32)
    )
    messages.success(
        request,
        "Calendar feed revoked."
        if revoke_only
        else "New calendar feed address made; the old one no longer works.",
    )
    return redirect(production_url(request, "schedules:settings"))
