"""The crew member's own timecard link (public: the token is the credential) and the office's
actions on it (send, send again, revoke) from the timecard page."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.core.forms import plain_int
from apps.core.view_helpers import run_service
from apps.crew.models import Engagement
from apps.payroll import services
from apps.payroll.crew_link import services as links
from apps.payroll.crew_link.models import TimecardLink
from apps.payroll.errors import TimecardError
from apps.payroll.forms import VersionForm, day_forms
from apps.payroll.models import Timecard
from apps.payroll.paying import shown_pay, through_link
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url

NOT_A_DRAFT = "This timecard is {state}: it can no longer be changed through the link."


def _problem(request: HttpRequest, problem: str, status: int) -> HttpResponse:
    return render(request, "payroll/crew_link/problem.html", {"problem": problem}, status=status)


def _week(value: str | None, weeks: list[date]) -> date | None:
    try:
        asked = date.fromisoformat(value) if value else None
    except ValueError:
        asked = None
    if asked in weeks:
        return asked
    return weeks[0] if weeks else None


def timecard_link(request: HttpRequest, token: str) -> HttpResponse:
    """The person's week through their link: start it, fill in the days, submit it. A timecard
    no longer a draft is shown read-only and a POST to it is refused (403)."""
    try:
        link = links.link_for_token(token)
    except TimecardError as exc:
        return _problem(request, exc.message, 404)
    with through_link(link.engagement.person.name):
        return _week_page(request, link)


def _week_page(request: HttpRequest, link) -> HttpResponse:
    engagement, production = link.engagement, link.production
    weeks = links.engagement_weeks(engagement, production.today())
    week = _week(request.GET.get("week") or request.POST.get("week"), weeks)
    timecard = None
    if week is not None:
        timecard = Timecard.objects.filter(engagement=engagement, week_start=week).first()
    here = f"{request.path}?week={week:%Y-%m-%d}" if week else request.path
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "start" and week is not None and timecard is None:
        run_service(request, services.timecard_start, engagement=engagement, day=week)
        return redirect(here)
    if action in ("save", "submit") and (timecard is None or not timecard.is_draft):
        state = timecard.get_state_display().lower() if timecard else "not started"
        return _problem(request, NOT_A_DRAFT.format(state=state), 403)
    days = list(timecard.days.all()) if timecard else []
    unit = services.rules_of(production)[0].distance_unit
    data = request.POST if action == "save" else None
    forms = day_forms(days, data, disabled=not (timecard and timecard.is_draft), unit=unit)
    version = VersionForm(request.POST if action else None)
    if action and version.is_valid():
        expected = version.cleaned_data["version"]
        if action == "save" and all(f.is_valid() for f in forms):
            days_in = {f.day.date: f.cleaned_data for f in forms}
            done = run_service(
                request,
                services.timecard_save,
                timecard=timecard,
                expected_version=expected,
                days=days_in,
            )
            if done:
                messages.success(request, "Your days are saved.")
                return redirect(here)
        elif action == "submit":
            done = run_service(
                request, services.timecard_submit, timecard=timecard, expected_version=expected
            )
            if done:
                messages.success(request, "Submitted: your department head approves it next.")
                return redirect(here)
    paid, problem = shown_pay(timecard, days) if timecard else (None, "")
    context = {
        "link": link,
        "person": engagement.person,
        "memo": engagement.deal_memo,
        "link_production": production,
        "weeks": weeks,
        "week": week,
        "timecard": timecard,
        "days": [(form, paid.of(form.day.date) if paid else []) for form in forms],
        "paid": paid,
        "problem": problem,
        "currency": production.currency,
    }
    return render(request, "payroll/crew_link/week.html", context)


# --- The office's side ----------------------------------------------------------------------------


@production_view(C.SEND_TIMECARD_LINKS)
@require_POST
def link_send(request: ProductionRequest, pk: int) -> HttpResponse:
    engagement = get_object_or_404(
        Engagement.objects.select_related("person", "deal_memo"),
        production=request.production,
        pk=pk,
    )
    engagement.production = request.production
    if run_service(request, links.link_send, engagement=engagement, user=request.user):
        messages.success(request, f"Timecard link sent to {engagement.person.email}.")
    return _back(request)


@production_view(C.SEND_TIMECARD_LINKS)
@require_POST
def link_revoke(request: ProductionRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(TimecardLink, production=request.production, engagement_id=pk)
    links.link_revoke(link=link, user=request.user)
    messages.success(request, "The timecard link no longer opens.")
    return _back(request)


def _back(request: ProductionRequest) -> HttpResponse:
    timecard = plain_int(request.POST.get("timecard"))
    if timecard is not None:
        return redirect(production_url(request, "payroll:detail", pk=timecard))
    return redirect(production_url(request, "payroll:list"))
