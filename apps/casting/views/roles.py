"""Roles: the list with days from the Day Out of Days, roles from the schedule's cast, the
breakdown (PDF for agents) and the list's exports, a role with its submissions and shortlist."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.casting import exports, queries, services
from apps.casting import models as casting
from apps.casting.forms import (
    CommentForm,
    MoveForm,
    OrderForm,
    RoleForm,
    ShortlistAddForm,
    SubmissionForm,
)
from apps.casting.models import ShortlistEntry, Submission
from apps.core.documents import Heading
from apps.core.exports import export_response, format_or_404
from apps.core.view_helpers import run_service
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.documents import production_pdf
from apps.productions.links import production_url


def _role(request: ProductionRequest, pk: int) -> casting.Role:
    # (the model is reached through its module: a view never imports a name `Role`)
    return get_object_or_404(queries.role_for(request.production, pk))


def _to_role(request: ProductionRequest, pk: int) -> HttpResponse:
    return redirect(production_url(request, "casting:role", pk=pk))


@production_view(C.VIEW_CASTING)
def roles(request: ProductionRequest) -> HttpResponse:
    rows = queries.role_rows(request.production)
    return render(request, "casting/roles.html", {"rows": rows})


@production_view(C.VIEW_CASTING, C.EDIT_CASTING)
@require_POST
def roles_from_cast(request: ProductionRequest) -> HttpResponse:
    made = services.roles_from_cast(production=request.production)
    if made:
        messages.success(request, f"{len(made)} role(s) from the schedule's cast.")
    else:
        messages.info(request, "Every part of the schedule's cast already has its role.")
    return redirect(production_url(request, "casting:roles"))


@production_view(C.VIEW_CASTING)
def roles_export(request: ProductionRequest, fmt: str) -> HttpResponse:
    """The roles list as CSV or XLSX; `pdf`: the casting breakdown to send to agents (the roles
    with their descriptions, no contacts and no money)."""
    rows = queries.role_rows(request.production)
    name = f"casting-{request.production.slug}"
    if fmt == "pdf":
        heading = Heading("Casting breakdown", "", f"{len(rows)} role(s)")
        context = {"rows": rows}
        return production_pdf(
            request, "casting/breakdown_pdf.html", context, f"{name}-breakdown", heading
        )
    return export_response(
        "xlsx" if fmt == "xlsx" else "csv",
        f"{name}-roles",
        queries.EXPORT_HEADER,
        queries.export_rows(rows),
    )


@production_view(C.VIEW_CASTING, C.EDIT_CASTING)
def role_new(request: ProductionRequest) -> HttpResponse:
    form = RoleForm(request.POST or None, production=request.production)
    if request.method == "POST" and form.is_valid():
        outcome = run_service(request, services.role_save, role=form.instance, form=form)
        if outcome:
            messages.success(request, f"Role {outcome.value.name} added.")
            return _to_role(request, outcome.value.pk)
    return render(request, "casting/role_form.html", {"form": form})


@production_view(C.VIEW_CASTING, C.EDIT_CASTING)
def role_edit(request: ProductionRequest, pk: int) -> HttpResponse:
    role = _role(request, pk)
    form = RoleForm(request.POST or None, instance=role, production=request.production)
    saved = request.method == "POST" and form.is_valid()
    if saved and run_service(request, services.role_save, role=form.instance, form=form):
        messages.success(request, "Role saved.")
        return _to_role(request, pk)
    return render(request, "casting/role_form.html", {"form": form, "role": role})


@production_view(C.VIEW_CASTING)
def role_detail(request: ProductionRequest, pk: int) -> HttpResponse:
    role = _role(request, pk)
    row = queries.role_rows(request.production, [role])[0]
    context = {
        "role": role,
        "row": row,
        "submissions": list(queries.submissions_of(role)),
        "shortlist": list(queries.shortlist_of(role)),
        "submission_form": SubmissionForm(production=request.production),
        "shortlist_form": ShortlistAddForm(production=request.production),
        "comment_form": CommentForm(),
        "submission_link": casting.SubmissionLink.objects.filter(role=role).first(),
    }
    return render(request, "casting/role.html", context)


@production_view(C.VIEW_CASTING)
def role_submissions_export(request: ProductionRequest, pk: int, fmt: str) -> HttpResponse:
    """A role's submissions as CSV or XLSX; contacts only for who sees them."""
    fmt = format_or_404(fmt)
    role = _role(request, pk)
    header, rows = exports.submission_table(
        queries.submissions_of(role), contacts=request.membership.can(C.VIEW_TALENT_CONTACTS)
    )
    name = f"casting-{request.production.slug}-role-{role.pk}-submissions"
    return export_response(fmt, name, header, rows)


@production_view(C.VIEW_CASTING)
def role_shortlist_export(request: ProductionRequest, pk: int, fmt: str) -> HttpResponse:
    """A role's shortlist in rank order, with its comments; contacts only for who sees them."""
    fmt = format_or_404(fmt)
    role = _role(request, pk)
    header, rows = exports.shortlist_table(
        queries.shortlist_of(role), contacts=request.membership.can(C.VIEW_TALENT_CONTACTS)
    )
    name = f"casting-{request.production.slug}-role-{role.pk}-shortlist"
    return export_response(fmt, name, header, rows)


@production_view(C.VIEW_CASTING, C.EDIT_CASTING)
@require_POST
def submission_add(request: ProductionRequest, pk: int) -> HttpResponse:
    role = _role(request, pk)
    form = SubmissionForm(request.POST, production=request.production)
    if form.is_valid():
        if run_service(request, services.submission_add, role=role, **form.cleaned_data):
            messages.success(request, f"{form.cleaned_data['actor']} submitted for {role}.")
    else:
        messages.error(request, "Choose the actor to submit.")
    return _to_role(request, pk)


@production_view(C.VIEW_CASTING, C.EDIT_CASTING)
@require_POST
def submission_pass(request: ProductionRequest, pk: int) -> HttpResponse:
    submission = get_object_or_404(Submission, production=request.production, pk=pk)
    services.submission_pass(submission=submission)
    return _to_role(request, submission.role_id)


@production_view(C.VIEW_CASTING, C.RANK_SHORTLISTS)
@require_POST
def shortlist_add(request: ProductionRequest, pk: int) -> HttpResponse:
    role = _role(request, pk)
    form = ShortlistAddForm(request.POST, production=request.production)
    if form.is_valid():
        actor = form.cleaned_data["actor"]
        run_service(request, services.shortlist_add, role=role, actor=actor, user=request.user)
    return _to_role(request, pk)


def _entry(request: ProductionRequest, pk: int) -> ShortlistEntry:
    return get_object_or_404(ShortlistEntry, production=request.production, pk=pk)


@production_view(C.VIEW_CASTING, C.RANK_SHORTLISTS)
@require_POST
def shortlist_remove(request: ProductionRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    services.shortlist_remove(entry=entry)
    return _to_role(request, entry.role_id)


@production_view(C.VIEW_CASTING, C.RANK_SHORTLISTS)
@require_POST
def shortlist_move(request: ProductionRequest, pk: int) -> HttpResponse:
    """One place up or down, or to a rank."""
    entry = _entry(request, pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        rank = form.cleaned_data["rank"]
        if rank is None:
            rank = entry.rank - 1 if form.cleaned_data["direction"] == "up" else entry.rank + 1
        services.shortlist_move(entry=entry, rank=rank)
    return _shortlist_answer(request, entry.role_id)


@production_view(C.VIEW_CASTING, C.RANK_SHORTLISTS)
@require_POST
def shortlist_order(request: ProductionRequest, pk: int) -> HttpResponse:
    """The whole shortlist in a new order (dragged); answers the list with htmx."""
    role = _role(request, pk)
    form = OrderForm(request.POST)
    if not form.is_valid():
        return HttpResponse(form.errors["order"][0], status=400)
    services.shortlist_order(role=role, ids=form.cleaned_data["order"])
    return _shortlist_answer(request, pk)


def _shortlist_answer(request: ProductionRequest, pk: int) -> HttpResponse:
    if not request.htmx:
        return _to_role(request, pk)
    role = _role(request, pk)
    context = {"role": role, "shortlist": list(queries.shortlist_of(role))}
    context["comment_form"] = CommentForm()
    return render(request, "casting/shortlist.html", context)


@production_view(C.VIEW_CASTING, C.RANK_SHORTLISTS)
@require_POST
def comment_add(request: ProductionRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        text = form.cleaned_data["text"]
        run_service(request, services.comment_add, entry=entry, author=request.user, text=text)
    else:
        messages.error(request, "Write the comment.")
    return _to_role(request, entry.role_id)
