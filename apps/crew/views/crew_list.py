"""The crew list: who is hired, by department, with exports and the contact sheet; releases."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from apps.core.documents import Heading
from apps.core.exports import export_response
from apps.core.pagination import paginate
from apps.core.view_helpers import import_page, run_service
from apps.crew import queries, services
from apps.crew.access import engagement_scope
from apps.crew.forms import ReleaseForm
from apps.crew.models import Engagement
from apps.crew.services.crew_list import (
    BASE_COLUMNS,
    CONTACT_COLUMNS,
    RATE_COLUMNS,
    crew_list_import,
)
from apps.crew.validators import format_phone
from apps.productions.access import ProductionRequest, pk_or_404, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.documents import built_pdf, production_pdf
from apps.productions.links import production_url
from apps.productions.models import Membership, Production
from apps.productions.signals import crew_badges


@production_view(C.VIEW_CREW)
def crew_list(request: ProductionRequest) -> HttpResponse:
    production, membership = request.production, request.membership
    services.departments_ensure(production=production)
    departments = queries.departments_of(production, membership)
    department = None
    if request.GET.get("department", "").isdigit():  # "²" is a digit too: pk_or_404 refuses it
        department = get_object_or_404(departments, pk=pk_or_404(request.GET["department"]))
    search = request.GET.get("q", "").strip()
    rows = queries.crew_list(production, membership, department, search)
    show_contacts = membership.can(C.VIEW_CREW_CONTACTS)
    show_rates = membership.can(C.VIEW_CREW_RATES)
    fmt = request.GET.get("format")
    filename = f"{production.slug}-crew" + (f"-{department.name}" if department else "")
    if fmt in ("csv", "xlsx"):
        return _export(fmt, filename.replace(" ", "-").lower(), rows, show_contacts, show_rates)
    if fmt == "pdf":
        if department is None and not search and len(rows) > CONTACT_SHEET_IN_REQUEST:
            # The whole crew of a big production takes WeasyPrint over a second: the worker
            # builds it, with its progress shown. The member is the subject: what they may see.
            return built_pdf(
                request,
                builder="apps.crew.views.crew_list.contact_sheet_document",
                subject=membership.pk,
                title="Crew contact sheet",
                filename=filename.replace(" ", "-").lower() + "-contacts",
            )
        template, context = _contact_sheet(rows, department, show_contacts)
        return production_pdf(
            request,
            template,
            context,
            filename.replace(" ", "-").lower() + "-contacts",
            context.pop("heading"),
        )
    page = paginate(request, rows)
    _badges(membership, page.object_list)
    return render(
        request,
        "crew/crew_list.html",
        {
            "page": page,
            "rows": page.object_list,
            "search": search,
            "departments": departments,
            "department": department,
            "show_contacts": show_contacts,
            "show_rates": show_rates,
            "can_hire": membership.can(C.HIRE_CREW),
            "today": production.today(),
            "export_url": request.path + _query(department, search),
        },
    )


def _badges(membership, engagements) -> None:
    """Other apps' word on each hire (payroll: the start paperwork's state), asked through
    `crew_badges` so crew imports none of them: `engagement.badges`, a list of (label, class)."""
    engagements = list(engagements)
    for engagement in engagements:
        engagement.badges = []
    for _, answer in crew_badges.send(sender=None, membership=membership, engagements=engagements):
        for engagement in engagements:
            if engagement.pk in answer:
                engagement.badges.append(answer[engagement.pk])


# A contact sheet of more people than this is built by the worker (about 0.4 s on this machine).
CONTACT_SHEET_IN_REQUEST = 60


def _contact_sheet(rows, department, show_contacts: bool) -> tuple[str, dict]:
    heading = Heading(
        "Crew contact sheet",
        department.name if department else "All departments",
        "Confidential: phone numbers and emergency contacts" if show_contacts else "",
    )
    context = {"rows": rows, "department": department, "show_contacts": show_contacts}
    return "crew/contact_sheet.html", {**context, "heading": heading}


def contact_sheet_document(production: Production, membership_id: int) -> tuple[str, dict]:
    """The whole crew's contact sheet as the member who asked may see it (the worker's builder,
    see crew_list)."""
    membership = Membership.objects.select_related("user").get(
        production=production, pk=membership_id
    )
    rows = queries.crew_list(production, membership, None, "")
    return _contact_sheet(rows, None, membership.can(C.VIEW_CREW_CONTACTS))


def _query(department, search: str) -> str:
    """The filter as a query string, for the exports and the contact sheet."""
    query = {"department": department.pk if department else "", "q": search}
    query = {key: value for key, value in query.items() if value}
    return "?" + urlencode(query) if query else ""


def _export(fmt: str, filename: str, rows, show_contacts: bool, show_rates: bool):
    header = list(BASE_COLUMNS)
    if show_contacts:
        header += CONTACT_COLUMNS
    if show_rates:
        header += RATE_COLUMNS

    def lines():
        for e in rows:
            line = [
                e.person.name,
                e.department.name,
                e.position.title,
                e.person.email,
                e.person.union,
                e.start_date,
                e.end_date,
                e.last_day,
            ]
            if show_contacts:
                line += [
                    format_phone(e.person.phone) if e.person.phone else "",
                    e.person.emergency_contact,
                    format_phone(e.person.emergency_phone) if e.person.emergency_phone else "",
                ]
            if show_rates:
                memo = e.deal_memo
                line += [memo.rate if memo else None, memo.unit if memo else ""]
            yield line

    return export_response(fmt, filename, header, lines())


@production_view(C.HIRE_CREW, scope=engagement_scope)
def engagement_release(request: ProductionRequest, pk: int) -> HttpResponse:
    """Two steps: the last day and the reason, then what the release commits and why, confirmed."""
    engagement = get_object_or_404(
        Engagement.objects.select_related(
            "person", "position", "department", "deal_memo__production"
        ),
        production=request.production,
        pk=pk,
    )
    form = ReleaseForm(request.POST or None, initial={"last_day": request.production.today()})
    title = f"Release {engagement.person} ({engagement.position})"
    if request.method == "POST" and form.is_valid():
        if "confirm" not in request.POST:
            previewed = run_service(
                request,
                services.release_preview,
                engagement=engagement,
                last_day=form.cleaned_data["last_day"],
                form=form,
            )
            if previewed:
                return render(
                    request,
                    "crew/release_confirm.html",
                    {
                        "form": form,
                        "title": title,
                        "engagement": engagement,
                        "cost": previewed.value,
                    },
                )
        else:
            released = run_service(
                request,
                services.engagement_release,
                engagement=engagement,
                **form.cleaned_data,
                form=form,
            )
            if released:
                messages.success(
                    request,
                    f"{engagement.person} is released after {form.cleaned_data['last_day']}.",
                )
                return redirect(production_url(request, "crew:list"))
    return render(request, "crew/form_page.html", {"form": form, "title": title})


@production_view(C.HIRE_CREW)
def crew_list_upload(request: ProductionRequest) -> HttpResponse:
    def read(upload):
        return crew_list_import(
            production=request.production, membership=request.membership, upload=upload
        )

    return import_page(
        request,
        "crew/crew_list_import.html",
        read,
        done=lambda plan: "Imported {engagements} engagements of {people} people.".format(
            **plan.counts
        ),
        then=production_url(request, "crew:list"),
        context={"columns": BASE_COLUMNS, "optional": CONTACT_COLUMNS},
    )
