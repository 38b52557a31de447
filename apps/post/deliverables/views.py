"""Deliverables pages, under /p/<slug>/post/deliverables/: the checklists (CSV, XLSX), one
checklist's items, an item's edit (status, evidence, owner, due date), its evidence file, and the
checklist as PDF, XLSX or CSV. The office and the post supervisor (a head of the Post department)
run them."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.core.documents import Heading
from apps.core.exports import export_response
from apps.core.validators import open_upload
from apps.core.view_helpers import run_service
from apps.post.access import post_scope
from apps.post.deliverables import queries, services
from apps.post.deliverables.forms import ChecklistForm, DueForm, ItemForm
from apps.post.deliverables.models import Checklist, DeliverableItem
from apps.post.deliverables.validators import CONTENT_TYPES, evidence_kind
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.documents import production_pdf
from apps.productions.links import production_url

VIEW, EDIT = C.VIEW_POST, C.EDIT_POST


def _checklist(request: ProductionRequest, pk: int) -> Checklist:
    return get_object_or_404(Checklist, production=request.production, pk=pk)


def _item(request: ProductionRequest, pk: int) -> DeliverableItem:
    return get_object_or_404(
        DeliverableItem.objects.select_related("checklist", "owner"),
        production=request.production,
        pk=pk,
    )


def _to_checklist(request: ProductionRequest, pk: int) -> HttpResponse:
    return redirect(production_url(request, "post:deliverables_checklist", pk=pk))


@production_view(VIEW, scope=post_scope)
def checklists(request: ProductionRequest) -> HttpResponse:
    rows = queries.checklists_of(request.production)
    return render(request, "post/deliverables/list.html", {"checklists": rows})


@production_view(VIEW, scope=post_scope)
def checklists_export(request: ProductionRequest, fmt: str) -> HttpResponse:
    """The checklists page as CSV or XLSX: each checklist with its counts."""
    rows = queries.checklists_export_rows(queries.checklists_of(request.production))
    return export_response(
        "xlsx" if fmt == "xlsx" else "csv",
        f"deliverables-{request.production.slug}",
        queries.CHECKLISTS_HEADER,
        rows,
    )


@production_view(VIEW, EDIT, scope=post_scope)
def checklist_new(request: ProductionRequest) -> HttpResponse:
    form = ChecklistForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = run_service(
            request, services.checklist_create, production=request.production,
            user=request.user, form=form, **form.cleaned_data,
        )  # fmt: skip
        if made:
            count = made.value.items.count()
            messages.success(request, f"Checklist started with {count} item(s).")
            return _to_checklist(request, made.value.pk)
    context = {"form": form, "title": "New deliverables checklist"}
    return render(request, "post/deliverables/form.html", context)


@production_view(VIEW, EDIT, scope=post_scope)
def checklist_detail(request: ProductionRequest, pk: int) -> HttpResponse:
    checklist = _checklist(request, pk)
    due = DueForm(request.POST or None, initial={"due_date": checklist.due_date})
    if request.method == "POST":  # the delivery date moves, and the open items due on it
        if due.is_valid():
            new_due = due.cleaned_data["due_date"]
            moved = services.checklist_move_due(checklist=checklist, new_due=new_due)
            messages.success(request, f"Delivery date saved; {moved} open item(s) moved with it.")
        else:
            messages.error(request, "The delivery date is not a date.")
        return _to_checklist(request, checklist.pk)
    items = list(queries.items_of(checklist))
    context = {
        "checklist": checklist,
        "items": items,
        "counts": queries.summary(items),
        "due_form": due,
        "deal": queries.deal_of(checklist),
    }
    return render(request, "post/deliverables/checklist.html", context)


@production_view(VIEW, EDIT, scope=post_scope)
def item_new(request: ProductionRequest, pk: int) -> HttpResponse:
    checklist = _checklist(request, pk)
    form = ItemForm(
        request.POST or None,
        request.FILES or None,
        production=request.production,
        initial={"due_date": checklist.due_date},
    )
    if request.method == "POST" and form.is_valid():
        added = run_service(
            request, services.item_add, checklist=checklist, form=form, **form.values()
        )
        if added:
            return _to_checklist(request, checklist.pk)
    context = {"form": form, "title": f"Add an item: {checklist.name}", "checklist": checklist}
    return render(request, "post/deliverables/form.html", context)


@production_view(VIEW, EDIT, scope=post_scope)
def item_edit(request: ProductionRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    form = ItemForm(
        request.POST or None, request.FILES or None, instance=item, production=request.production
    )
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data.get("version") or 0
        data = form.values()
        item.refresh_from_db()  # the form wrote its values on the instance; the service saves
        saved = run_service(
            request, services.item_update, item=item, expected_version=version, form=form, **data
        )
        if saved:
            messages.success(request, f"{saved.value.name}: {saved.value.get_status_display()}.")
            return _to_checklist(request, item.checklist_id)
    context = {
        "form": form,
        "title": item.name,
        "checklist": item.checklist,
        "item": item,
    }
    return render(request, "post/deliverables/form.html", context)


@production_view(VIEW, scope=post_scope)
def item_evidence(request: ProductionRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    handle, kind = open_upload(item.evidence_file, evidence_kind)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{item.name} evidence.{kind}",
        content_type=CONTENT_TYPES[kind],
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@production_view(VIEW, scope=post_scope)
def checklist_export(request: ProductionRequest, pk: int, fmt: str) -> HttpResponse:
    """The checklist as a PDF (letterhead, for the distributor), an XLSX or a CSV."""
    checklist = _checklist(request, pk)
    items = list(queries.items_of(checklist))
    name = f"deliverables-{request.production.slug}-{checklist.pk}"
    if fmt == "pdf":
        counts = queries.summary(items)
        status = f"{counts['accepted']} of {len(items)} accepted"
        heading = Heading("Deliverables", checklist.name, status)
        context = {"checklist": checklist, "items": items, "counts": counts}
        return production_pdf(request, "post/deliverables/pdf.html", context, name, heading)
    rows = queries.export_rows(items)
    return export_response("xlsx" if fmt == "xlsx" else "csv", name, queries.EXPORT_HEADER, rows)


@production_view(VIEW, EDIT, scope=post_scope)
@require_POST
def checklist_delete(request: ProductionRequest, pk: int) -> HttpResponse:
    checklist = _checklist(request, pk)
    checklist.delete()
    messages.success(request, f"Checklist {checklist.name} deleted.")
    return redirect(production_url(request, "post:deliverables"))
