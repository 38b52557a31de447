"""Departments, positions and the people directory."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import ProtectedError, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.core.view_helpers import run_service
from apps.crew import queries, services
from apps.crew.access import (
    department_office_only,
    departments_page,
    person_scope,
    position_scope,
)
from apps.crew.forms import DepartmentForm, PersonForm, PositionForm
from apps.crew.models import Department, Person, Position
from apps.productions.access import ProductionRequest, own_department, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url

DEPARTMENT_IN_USE = "{name} has positions or crew: move them first."


@production_view(C.VIEW_CREW, C.HIRE_CREW, scope=departments_page)
def departments(request: ProductionRequest) -> HttpResponse:
    production = request.production
    services.departments_ensure(production=production)
    rows = queries.departments_of(production, request.membership).prefetch_related("positions")
    department_form = DepartmentForm(prefix="dept")
    position_form = PositionForm(
        prefix="pos", departments=queries.departments_of(production, request.membership)
    )
    if request.method == "POST":
        if "dept-name" in request.POST:
            department_form = DepartmentForm(
                request.POST,
                prefix="dept",
                instance=Department(production=production),
            )
            if department_form.is_valid():
                department_form.save()
                messages.success(request, f"Added the {department_form.instance} department.")
                return redirect(production_url(production, "crew:departments"))
        else:
            position_form = PositionForm(
                request.POST,
                prefix="pos",
                instance=Position(production=production),
                departments=queries.departments_of(production, request.membership),
            )
            if position_form.is_valid():
                position_form.save()
                messages.success(request, f"Added the position {position_form.instance}.")
                return redirect(production_url(production, "crew:departments"))
    return render(
        request,
        "crew/departments.html",
        {
            "departments": rows,
            "department_form": department_form,
            "position_form": position_form,
            "can_hire": request.membership.can(C.HIRE_CREW),
            "office": own_department(request.membership) is None,
        },
    )


@production_view(C.HIRE_CREW, scope=department_office_only)
def department_edit(request: ProductionRequest, pk: int) -> HttpResponse:
    department = get_object_or_404(Department, production=request.production, pk=pk)
    form = DepartmentForm(request.POST or None, instance=department)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved the {department} department.")
        return redirect(production_url(request, "crew:departments"))
    return render(request, "crew/form_page.html", {"form": form, "title": f"Edit {department}"})


@production_view(C.HIRE_CREW, scope=department_office_only)
@require_POST
def department_delete(request: ProductionRequest, pk: int) -> HttpResponse:
    department = get_object_or_404(Department, production=request.production, pk=pk)
    try:
        department.delete()
    except ProtectedError:
        messages.error(request, DEPARTMENT_IN_USE.format(name=department.name))
    else:
        messages.success(request, f"Removed the {department} department.")
    return redirect(production_url(request, "crew:departments"))


@production_view(C.HIRE_CREW, scope=position_scope)
def position_edit(request: ProductionRequest, pk: int) -> HttpResponse:
    production = request.production
    position = get_object_or_404(
        Position.objects.select_related("department"), production=production, pk=pk
    )
    form = PositionForm(
        request.POST or None,
        instance=position,
        departments=queries.departments_of(production, request.membership),
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved the position {position}.")
        return redirect(production_url(production, "crew:departments"))
    return render(request, "crew/form_page.html", {"form": form, "title": f"Edit {position}"})


# --- People -------------------------------------------------------------------------------------


@production_view(C.VIEW_CREW)
def people(request: ProductionRequest) -> HttpResponse:
    rows = queries.people_of(request.production, request.membership)
    query = request.GET.get("q", "").strip()
    if query:
        rows = rows.filter(Q(name__icontains=query) | Q(email__icontains=query))
    return render(
        request,
        "crew/people.html",
        {
            "people": rows.order_by("name"),
            "q": query,
            "show_contacts": request.membership.can(C.VIEW_CREW_CONTACTS),
            "can_hire": request.membership.can(C.HIRE_CREW),
        },
    )


@production_view(C.HIRE_CREW)
def person_add(request: ProductionRequest) -> HttpResponse:
    production = request.production
    form = PersonForm(
        request.POST or None,
        instance=Person(production=production),
        show_contacts=request.membership.can(C.VIEW_CREW_CONTACTS),
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Added {form.instance} to the directory.")
        return redirect(production_url(production, "crew:people"))
    return render(request, "crew/form_page.html", {"form": form, "title": "Add a person"})


@production_view(C.HIRE_CREW, scope=person_scope)
def person_edit(request: ProductionRequest, pk: int) -> HttpResponse:
    production = request.production
    person = get_object_or_404(
        queries.people_of(production, request.membership), production=production, pk=pk
    )
    form = PersonForm(
        request.POST or None,
        instance=person,
        show_contacts=request.membership.can(C.VIEW_CREW_CONTACTS),
    )
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            request,
            services.person_update,
            person=person,
            membership=request.membership,
            form=form,
            **{name: form.cleaned_data[name] for name in form.fields},
        )
        if saved:
            messages.success(request, f"Saved {saved.value}.")
            return redirect(production_url(production, "crew:people"))
    return render(request, "crew/form_page.html", {"form": form, "title": f"Edit {person}"})
