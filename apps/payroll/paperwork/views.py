"""Start paperwork pages: the office's (the production's pack, each hire's status and answers,
sending a pack, an uploaded form) and the hire's link (public: the token is the credential)."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.core.view_helpers import run_service
from apps.crew.models import Engagement
from apps.crew.views.memos import client_ip
from apps.payroll.paperwork import crypto, queries, services
from apps.payroll.paperwork.forms import PackItemForm, SignForm, entry_form, labelled
from apps.payroll.paperwork.models import PackEntry, PackItem
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url


@production_view(C.VIEW_PAPERWORK)
def paperwork_list(request: ProductionRequest) -> HttpResponse:
    rows = queries.engagements_with_packs(request.production)
    return render(request, "payroll/paperwork/list.html", {"rows": rows})


@production_view(C.VIEW_PAPERWORK, C.EDIT_START_PACK)
def start_pack_edit(request: ProductionRequest) -> HttpResponse:
    items = services.pack_items_ensure(production=request.production)
    form = PackItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.production = request.production
        if run_service(request, services.pack_item_save, item=form.instance, form=form):
            messages.success(request, f"“{form.instance.title}” is in the start pack.")
            return redirect(production_url(request, "paperwork:pack"))
    return render(request, "payroll/paperwork/pack.html", {"items": items, "form": form})


@production_view(C.EDIT_START_PACK)
@require_POST
def start_pack_item_delete(request: ProductionRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(PackItem, production=request.production, pk=pk)
    services.pack_item_delete(item=item)
    messages.success(request, f"“{item.title}” is no longer in the start pack.")
    return redirect(production_url(request, "paperwork:pack"))


@production_view(C.VIEW_PAPERWORK)
def paperwork_detail(request: ProductionRequest, pk: int) -> HttpResponse:
    engagement = get_object_or_404(
        Engagement.objects.select_related("person", "position", "department"),
        production=request.production,
        pk=pk,
    )
    pack = queries.pack_of(engagement)
    sensitive = request.membership.can(C.VIEW_SENSITIVE_PAPERWORK)
    entries = list(pack.entries.all()) if pack else []
    for entry in entries:
        masked = crypto.masked(entry.secret) if sensitive and entry.secret else {}
        entry.masked = labelled(entry.kind, masked)
        entry.shown = labelled(entry.kind, entry.answers)
    context = {"engagement": engagement, "pack": pack, "entries": entries, "sensitive": sensitive}
    return render(request, "payroll/paperwork/detail.html", context)


@production_view(C.VIEW_PAPERWORK)
@require_POST
def paperwork_send(request: ProductionRequest, pk: int) -> HttpResponse:
    engagement = get_object_or_404(
        Engagement.objects.select_related("person", "production"),
        production=request.production,
        pk=pk,
    )
    if run_service(request, services.pack_send, engagement=engagement):
        messages.success(request, f"Start pack sent to {engagement.person.email}.")
    return redirect(production_url(request, "paperwork:detail", pk=pk))


@production_view(C.VIEW_SENSITIVE_PAPERWORK)
def paperwork_file(request: ProductionRequest, pk: int) -> HttpResponse:
    """An uploaded form (tax, work eligibility): the accountant's and the producer's only."""
    entry = get_object_or_404(PackEntry, production=request.production, pk=pk)
    if not entry.file:
        raise Http404("No file was uploaded.")
    return FileResponse(entry.file.open("rb"), as_attachment=True, filename=entry.file_name)


# --- The hire's link (public: the token is the credential) --------------------------------------


def start_pack_fill(request: HttpRequest, token: str) -> HttpResponse:
    try:
        pack = services.pack_for_token(token)
    except services.PaperworkError as exc:
        return render(
            request, "payroll/paperwork/link_problem.html", {"problem": exc.message}, status=404
        )
    entries = list(pack.entries.all())
    forms = {entry.pk: entry_form(entry) for entry in entries}
    sign = SignForm()
    if request.method == "POST" and pack.is_complete:
        return render(
            request,
            "payroll/paperwork/link_problem.html",
            {"problem": services.PACK_COMPLETE},
            status=403,
        )
    if request.method == "POST" and request.POST.get("action") == "sign":
        sign = SignForm(request.POST)
        if sign.is_valid() and run_service(
            request,
            services.pack_sign,
            pack=pack,
            typed_name=sign.cleaned_data["typed_name"],
            ip=client_ip(request),
            form=sign,
        ):
            return redirect(request.path)
    elif request.method == "POST":
        entry = next((e for e in entries if str(e.pk) == request.POST.get("entry")), None)
        if entry is None:
            raise Http404("No such item.")
        form = forms[entry.pk] = entry_form(entry, request.POST, request.FILES)
        if form.is_valid() and run_service(
            request,
            services.entry_fill,
            pack=pack,
            entry=entry,
            data=form.cleaned_data,
            upload=form.cleaned_data.get("file"),
            form=form,
        ):
            return redirect(request.path + f"#entry-{entry.pk}")
    for entry in entries:
        entry.form = forms[entry.pk]
    # Not `production`: the shell would take the hire for a member (its title and menu).
    context = {"pack": pack, "entries": entries, "sign": sign}
    return render(request, "payroll/paperwork/fill.html", context)
