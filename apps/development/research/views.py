"""The research log (searchable by text and tag, exportable) and the script drafts."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.core.exports import export_response
from apps.core.view_helpers import run_service
from apps.development.drafts import queries as drafts_queries
from apps.development.drafts.models import Draft
from apps.development.files import serve
from apps.development.forms import DraftForm, ResearchForm
from apps.development.research import queries, services
from apps.development.research.models import ResearchNote
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url
from apps.productions.models import Phase

VIEW, EDIT = C.VIEW_DEVELOPMENT, C.EDIT_DEVELOPMENT


def _search(request: ProductionRequest) -> tuple[str, str]:
    return request.GET.get("q", "").strip()[:100], request.GET.get("tag", "").strip()[:50]


@production_view(VIEW)
def research(request: ProductionRequest) -> HttpResponse:
    q, tag = _search(request)
    context = {
        "notes": queries.notes_of(request.production, q, tag),
        "tags": queries.all_tags(request.production),
        "q": q,
        "tag": tag,
        "active": "research",
    }
    return render(request, "development/research.html", context)


@production_view(VIEW)
def research_export(request: ProductionRequest, fmt: str) -> HttpResponse:
    q, tag = _search(request)
    return export_response(
        "xlsx" if fmt == "xlsx" else "csv",
        f"{request.production.slug}-research",
        queries.EXPORT_HEADER,
        queries.export_rows(queries.notes_of(request.production, q, tag)),
    )


@production_view(VIEW, EDIT)
def research_new(request: ProductionRequest) -> HttpResponse:
    note = ResearchNote(production=request.production)
    form = ResearchForm(request.POST or None, request.FILES or None, instance=note)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            request, services.note_add, note=form.instance, user=request.user, form=form
        )
    ):
        messages.success(request, "Note added to the research log.")
        return redirect(production_url(request, "development:research"))
    context = {"form": form, "title": "Add a research note", "active": "research"}
    return render(request, "development/form.html", context)


@production_view(VIEW, EDIT)
def research_edit(request: ProductionRequest, pk: int) -> HttpResponse:
    note = get_object_or_404(ResearchNote, production=request.production, pk=pk)
    form = ResearchForm(request.POST or None, request.FILES or None, instance=note)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(request, services.note_update, note=form.instance, form=form)
    ):
        messages.success(request, "Note saved.")
        return redirect(production_url(request, "development:research"))
    context = {"form": form, "title": f"Edit: {note.title}", "active": "research"}
    return render(request, "development/form.html", context)


@production_view(VIEW)
def research_file(request: ProductionRequest, pk: int) -> HttpResponse:
    note = get_object_or_404(ResearchNote, production=request.production, pk=pk)
    return serve(note.attachment, note.title)


@production_view(VIEW)
def drafts(request: ProductionRequest) -> HttpResponse:
    context = {
        "drafts": drafts_queries.drafts_of(request.production),
        # The schedule takes a script once the project is in prep (see the template's note).
        "in_prep": request.production.phase != Phase.DEVELOPMENT,
        "active": "drafts",
    }
    return render(request, "development/drafts.html", context)


@production_view(VIEW)
def drafts_export(request: ProductionRequest, fmt: str) -> HttpResponse:
    return export_response(
        "xlsx" if fmt == "xlsx" else "csv",
        f"{request.production.slug}-drafts",
        drafts_queries.EXPORT_HEADER,
        drafts_queries.export_rows(drafts_queries.drafts_of(request.production)),
    )


@production_view(VIEW, EDIT)
def draft_new(request: ProductionRequest) -> HttpResponse:
    draft = Draft(production=request.production)
    form = DraftForm(request.POST or None, request.FILES or None, instance=draft)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            request, services.draft_add, draft=form.instance, user=request.user, form=form
        )
    ):
        messages.success(request, "Draft added.")
        return redirect(production_url(request, "development:drafts"))
    context = {"form": form, "title": "Add a script draft", "active": "drafts"}
    return render(request, "development/form.html", context)


@production_view(VIEW, (EDIT, C.EDIT_SCHEDULE))
@require_POST
def draft_to_schedule(request: ProductionRequest, pk: int) -> HttpResponse:
    """The draft into the schedule: its revision report opens, to be read and applied there."""
    draft = get_object_or_404(Draft, production=request.production, pk=pk)
    outcome = run_service(request, services.draft_to_schedule, draft=draft, user=request.user)
    if outcome:
        messages.info(
            request,
            f"{draft.title} is the schedule's pending revision: read what it changes, then apply "
            "it or discard it. Nothing on the board has moved yet.",
        )
        return redirect(outcome.value)
    return redirect(production_url(request, "development:drafts"))


@production_view(VIEW)
def draft_file(request: ProductionRequest, pk: int) -> HttpResponse:
    draft = get_object_or_404(Draft, production=request.production, pk=pk)
    return serve(draft.file, f"{request.production.slug} {draft.title}", draft=True)
