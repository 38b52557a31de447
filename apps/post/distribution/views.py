"""Distribution pages, under /p/<slug>/post/distribution/: the deals, a deal's form (its
instalments and its delivery), the sold-and-open grid, and their exports. The producer's and the
AP's only (VIEW_DISTRIBUTION): no department head, not even Post's, reaches them."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from apps.core.exports import export_response
from apps.core.view_helpers import run_service
from apps.post.distribution import queries, services
from apps.post.distribution.forms import DealForm
from apps.post.distribution.models import Deal, Right
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url

DEALS = C.VIEW_DISTRIBUTION


def _to_deals(request: ProductionRequest) -> HttpResponse:
    return redirect(production_url(request, "post:distribution"))


@production_view(DEALS)
def deals(request: ProductionRequest) -> HttpResponse:
    rows = queries.deals_of(request.production)
    return render(request, "post/distribution/list.html", {"deals": rows})


@production_view(DEALS)
def deals_export(request: ProductionRequest, fmt: str) -> HttpResponse:
    rows = queries.export_rows(queries.deals_of(request.production))
    return export_response(
        "xlsx" if fmt == "xlsx" else "csv",
        f"deals-{request.production.slug}",
        queries.EXPORT_HEADER,
        rows,
        currency=request.production.currency,
        money_columns=[7],
    )


def _save(request: ProductionRequest, form: DealForm, deal: Deal) -> bool:
    instalments = form.cleaned_data["instalments"]
    version = form.cleaned_data.get("version")
    saved = run_service(
        request, services.deal_save, deal=form.instance, instalments=instalments,
        expected_version=version if deal.pk else None, form=form,
    )  # fmt: skip
    if saved:
        message = f"Deal saved: {form.instance}."
        if saved.value:
            message += f" {saved.value} deliverable(s) moved to the new delivery date."
        messages.success(request, message)
    return saved.ok


@production_view(DEALS)
def deal_new(request: ProductionRequest) -> HttpResponse:
    deal = Deal(production=request.production)
    form = DealForm(request.POST or None, instance=deal, production=request.production)
    if request.method == "POST" and form.is_valid() and _save(request, form, deal):
        return _to_deals(request)
    return render(request, "post/distribution/form.html", {"form": form, "title": "New deal"})


@production_view(DEALS)
def deal_edit(request: ProductionRequest, pk: int) -> HttpResponse:
    deal = get_object_or_404(Deal, production=request.production, pk=pk)
    form = DealForm(request.POST or None, instance=deal, production=request.production)
    if request.method == "POST" and form.is_valid() and _save(request, form, deal):
        return _to_deals(request)
    context = {"form": form, "title": str(deal), "deal": deal}
    return render(request, "post/distribution/form.html", context)


def _on(request: ProductionRequest) -> date:
    try:
        return date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        return request.production.today()


@production_view(DEALS)
def grid(request: ProductionRequest) -> HttpResponse:
    on = _on(request)
    context = {"rows": queries.grid(request.production, on), "on": on, "rights": Right.choices}
    return render(request, "post/distribution/grid.html", context)


@production_view(DEALS)
def grid_export(request: ProductionRequest, fmt: str) -> HttpResponse:
    on = _on(request)
    header = ["Territory", *(label for _, label in Right.choices)]
    rows = queries.grid_export_rows(queries.grid(request.production, on))
    name = f"sold-and-open-{request.production.slug}-{on:%Y-%m-%d}"
    return export_response("xlsx" if fmt == "xlsx" else "csv", name, header, rows)
