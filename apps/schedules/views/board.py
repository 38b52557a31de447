from __future__ import annotations

import functools
import secrets

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_POST

from apps.core.templatetags.fragments import csrf_stand_in
from apps.core.view_helpers import run_service
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url
from apps.productions.models import Membership
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
    """The board, worked out only when its kept fragment (templates/schedules/stripboard.html) is
    not at hand: every value below is read lazily, and a visit that finds the fragment reads none
    of them."""

    @functools.cache
    def work() -> dict:
        context = board_context(request, csrf_token=csrf_stand_in())
        result, drawing = context["board"], context["drawing"]
        return {
            **context,
            "days_html": strip_html.days(result, drawing),
            "day_options": strip_html.day_options(result),
            "bin_html": strip_html.strip_list(None, result, drawing),
            "filter_selects": strip_html.filter_selects(context["filter"].form),
            "chart": reports.pages_chart(request.production, result),
            "sort_form": forms.SortForm(),
            "fill_form": forms.DaysFillForm(initial={"pages": result.settings.page_limit_eighths}),
        }

    lazy = {key: SimpleLazyObject(functools.partial(lambda k: work()[k], key)) for key in BOARD}
    return render(request, "schedules/stripboard.html", {**lazy, "sorts": services.SORTS})


# What the stripboard's template reads of the worked-out board.
BOARD = ("board", "drawing", "can_edit", "filter", "matches", "hide", "banner_kinds")
BOARD += ("days_html", "day_options", "bin_html", "filter_selects", "chart")
BOARD += ("sort_form", "fill_form")


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


@production_view(C.VIEW_SCHEDULE)
@require_POST
def my_feed(request: ProductionRequest) -> HttpResponse:
    """The member's own calendar feed: made, drawn anew (the old address stops working) or
    revoked. It holds what this member may see (post's dates only for those who reach post)."""
    revoke_only = request.POST.get("action") == "revoke"
    Membership.objects.filter(pk=request.membership.pk).update(
        calendar_token="" if revoke_only else secrets.token_urlsafe(32)
    )
    messages.success(
        request,
        "Your calendar feed is revoked."
        if revoke_only
        else "Your new calendar feed address is below; an old one no longer works.",
    )
    return redirect(production_url(request, "schedules:calendar"))
