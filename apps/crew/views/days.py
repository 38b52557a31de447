"""The day grid: people × shoot days, with day players booked per day."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.core.view_helpers import run_service
from apps.crew import queries, services
from apps.crew.access import in_scope, own_department, scoped
from apps.crew.forms import DayAssignmentForm
from apps.crew.models import DayAssignment, Person, Position
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url
from apps.schedules.models import ShootDay

BOOKED_ELSEWHERE = "{person} is also booked on {date:%a %d %b} in {titles}."
DEPARTMENT_POSITION = "Choose a position in your department for the day player."


def _form(request: ProductionRequest, data=None) -> DayAssignmentForm:
    production = request.production
    return DayAssignmentForm(
        data,
        shoot_days=ShootDay.objects.filter(production=production).order_by("date", "position"),
        people=(
            Person.objects.filter(production=production)
            if own_department(request.membership) is None
            else queries.people_of(production, request.membership)
        ),
        positions=scoped(
            request.membership,
            Position.objects.filter(production=production).select_related("department"),
        ),
    )


@production_view(C.VIEW_CREW)
def day_grid(request: ProductionRequest) -> HttpResponse:
    production = request.production
    can_hire = request.membership.can(C.HIRE_CREW)
    form = _form(request)
    if request.method == "POST":
        if not can_hire:
            raise PermissionDenied("Your role does not allow this.")
        form = _form(request, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            if own_department(request.membership) is not None and data["position"] is None:
                form.add_error("position", DEPARTMENT_POSITION)
            else:
                added = run_service(request, services.day_assignment_add, **data, form=form)
                if added:
                    assignment = added.value
                    _warn_if_booked_elsewhere(request, assignment)
                    messages.success(
                        request, f"{assignment.person} is booked on {assignment.shoot_day}."
                    )
                    return redirect(production_url(production, "crew:days"))
    return render(
        request,
        "crew/days.html",
        {
            "grid": queries.day_grid(production, request.membership),
            "form": form,
            "can_hire": can_hire,
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


@production_view(C.HIRE_CREW)
@require_POST
def day_assignment_remove(request: ProductionRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(
        DayAssignment.objects.select_related("person", "shoot_day", "position__department"),
        production=request.production,
        pk=pk,
    )
    department = assignment.position.department.name if assignment.position else ""
    if own_department(request.membership) is not None and not in_scope(
        request.membership, department
    ):
        raise PermissionDenied
    services.day_assignment_remove(assignment=assignment)
    messages.success(request, f"{assignment.person} is no longer booked on {assignment.shoot_day}.")
    return redirect(production_url(request, "crew:days"))
