"""Festival tracker pages: the list, its export, a festival's page and form, and its fee made a
draft purchase order. Every page goes through the access layer with post's scope hook."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from apps.core.exports import export_response, format_or_404
from apps.core.view_helpers import run_service
from apps.post.access import post_scope
from apps.post.festivals import queries, services
from apps.post.festivals.forms import FeeOrderForm, FestivalForm
from apps.post.festivals.models import Festival, SubmissionStatus
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url

VIEW, EDIT = C.VIEW_POST, C.EDIT_POST


def _festival(request: ProductionRequest, pk: int) -> Festival:
    return get_object_or_404(
        Festival.objects.select_related("production", "vendor", "purchase_order"),
        production=request.production,
        pk=pk,
    )


def _to_festival(request: ProductionRequest, pk: int) -> HttpResponse:
    return redirect(production_url(request, "post:festival", pk=pk))


def _status(request: ProductionRequest) -> str:
    """The list's status filter (an unknown one shows every festival), which its export keeps."""
    status = request.GET.get("status", "")
    return status if status in SubmissionStatus.values else ""


@production_view(VIEW, scope=post_scope)
def festival_list(request: ProductionRequest) -> HttpResponse:
    status = _status(request)
    today = request.production.today()
    festivals = list(queries.festivals_of(request.production, status))
    rows = [(f, f.next_deadline(today)) for f in festivals]
    context = {
        "rows": rows,
        "status": status,
        "statuses": SubmissionStatus.choices,
        "active": "festivals",
    }
    return render(request, "post/festivals/list.html", context)


@production_view(VIEW, scope=post_scope)
def festival_export(request: ProductionRequest, fmt: str) -> HttpResponse:
    format_or_404(fmt)
    status = _status(request)
    rows = queries.export_rows(queries.festivals_of(request.production, status))
    return export_response(
        fmt,
        f"festivals-{request.production.slug}" + (f"-{status}" if status else ""),
        queries.EXPORT_HEADER,
        rows,
        currency=request.production.currency,
        money_columns=queries.MONEY_COLUMNS,
    )


@production_view(VIEW, EDIT, scope=post_scope)
def festival_new(request: ProductionRequest) -> HttpResponse:
    form = FestivalForm(request.POST or None, production=request.production)
    if request.method == "POST" and form.is_valid():
        made = run_service(
            request, services.festival_create, production=request.production, form=form,
            **form.service_data(),
        )  # fmt: skip
        if made:
            messages.success(request, f"{made.value.name} added to the festivals.")
            return _to_festival(request, made.value.pk)
    context = {"form": form, "title": "New festival", "active": "festivals"}
    return render(request, "post/festivals/form.html", context)


@production_view(VIEW, scope=post_scope)
def festival_detail(request: ProductionRequest, pk: int) -> HttpResponse:
    festival = _festival(request, pk)
    context = {
        "festival": festival,
        "fee_form": FeeOrderForm(festival=festival),
        "next": festival.next_deadline(request.production.today()),
        "active": "festivals",
    }
    return render(request, "post/festivals/detail.html", context)


@production_view(VIEW, EDIT, scope=post_scope)
def festival_edit(request: ProductionRequest, pk: int) -> HttpResponse:
    festival = _festival(request, pk)
    form = FestivalForm(request.POST or None, production=request.production, instance=festival)
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data.get("version") or festival.version
        festival.refresh_from_db()  # the form wrote its values on the instance; the service saves
        done = run_service(
            request, services.festival_update, festival=festival, expected_version=version,
            form=form, **form.service_data(),
        )  # fmt: skip
        if done:
            messages.success(request, f"{festival.name} saved.")
            return _to_festival(request, festival.pk)
    context = {
        "form": form,
        "title": f"Edit {festival.name}",
        "festival": festival,
        "active": "festivals",
    }
    return render(request, "post/festivals/form.html", context)


@production_view(VIEW, (EDIT, C.MANAGE_VENDORS), scope=post_scope)
def festival_fee_order(request: ProductionRequest, pk: int) -> HttpResponse:
    """The fee of one deadline as a draft purchase order (apps/vendors); the page says which."""
    festival = _festival(request, pk)
    form = FeeOrderForm(request.POST or None, festival=festival)
    if request.method == "POST" and form.is_valid():
        made = run_service(
            request, services.fee_to_purchase_order, festival=festival, user=request.user,
            form=form, **form.cleaned_data,
        )  # fmt: skip
        if made:
            po = made.value
            messages.success(
                request,
                f"{po.label} drafted to {po.vendor.name} for the fee: it is a draft purchase "
                "order in Vendors, to submit and approve there.",
            )
            return _to_festival(request, festival.pk)
    context = {"festival": festival, "fee_form": form, "active": "festivals"}
    return render(request, "post/festivals/fee_order.html", context)
