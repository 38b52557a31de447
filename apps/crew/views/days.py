"""The day grid: people × shoot days, with day players booked per day."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.core.view_helpers import run_service
from apps.crew import queries, services
from apps.crew.access import day_assignment_scope
from apps.crew.forms import DayAssignmentForm
from apps.crew.models import DayAssignment, Person, Position
from apps.productions.access import ProductionRequest, own_department, production_view, scoped
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url
from apps.schedules.models import ShootDay

BOOKED_ELSEWHERE = "{person} is also booked on {date:%a %d %b} in {titles}."
# The grid shows two weeks at a time (a feature's 200 people by 60 days is a page of 12,000
# cells); ?from=<date> moves it, ?all=1 shows every day.
WINDOW = timedelta(days=13)


def _window(request: ProductionRequest):
    """What the grid shows: every day (?all=1), or two weeks from ?from=<date> or this week's
    Monday; two weeks with nothing scheduled move to the nearest scheduled days."""
    if request.GET.get("all") == "1":
        return None
    try:
        start = date.fromisoformat(request.GET.get("from", ""))
    except ValueError:
        start = request.production.today()
        start -= timedelta(days=start.weekday())

    def choose(dates: list[date]) -> tuple[date, date]:
        if dates and not any(start <= d <= start + WINDOW for d in dates):
            nearest = min(dates) if start < min(dates) else max(dates) - WINDOW
            return nearest, nearest + WINDOW
        return start, start + WINDOW

    return choose


def _form(request: ProductionRequest, data=None) -> DayAssignmentForm:
    production = request.production
    department_head = own_department(request.membership) is not None
    return DayAssignmentForm(
        data,
        shoot_days=ShootDay.objects.filter(production=production).order_by("date", "position"),
        people=(
            Person.objects.filter(production=production)
            if not department_head
            else queries.people_of(production, request.membership)
        ),
        positions=scoped(
            request.membership,
            Position.objects.filter(production=production).select_related("department"),
        ),
        # A department head's day player is booked in one of their department's positions.
        position_required=department_head,
    )


@production_view(C.VIEW_CREW, C.HIRE_CREW)
def day_grid(request: ProductionRequest) -> HttpResponse:
    production = request.production
    form = _form(request)
    if request.method == "POST":
        form = _form(request, request.POST)
        if form.is_valid():
            added = run_service(
                request, services.day_assignment_add, **form.cleaned_data, form=form
            )
            if added:
                assignment = added.value
                _warn_if_booked_elsewhere(request, assignment)
                messages.success(
                    request, f"{assignment.person} is booked on {assignment.shoot_day}."
                )
                return redirect(production_url(production, "crew:days"))
    grid = queries.day_grid(production, request.membership, _window(request))
    window, step = grid.window, WINDOW + timedelta(days=1)
    return render(
        request,
        "crew/days.html",
        {
            "grid": grid,
            "window": window,
            "earlier": window and grid.earliest and grid.earliest < window[0] and window[0] - step,
            "later": window and grid.latest and grid.latest > window[1] and window[0] + step,
            "form": form,
            "can_hire": request.membership.can(C.HIRE_CREW),
        },
    )


def _warn_if_booked_elsewhere(request: ProductionRequest, assignment: DayAssignment) -> None:
    date = assignment.shoot_day.date
    email = assignment.person.email.lower()
    elsewhere = queries.bookings_elsewhere(request.production, request.user, {email}, {date})
    titles = sorted(elsewhere.get((email, date), ()))
    if titles:
        messages.warning(
            request,
            BOOKED_ELSEWHERE.format(person=assignment.person, date=date, titles=", ".join(titles)),
        )


@production_view(C.HIRE_CREW, scope=day_assignment_scope)
@require_POST
def day_assignment_remove(request: ProductionRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(
        DayAssignment.objects.select_related("person", "shoot_day", "position__department"),
        production=request.production,
        pk=pk,
    )
    services.day_assignment_remove(assignment=assignment)
    messages.success(request, f"{assignment.person} is no longer booked on {assignment.shoot_day}.")
    return redirect(production_url(request, "crew:days"))
