"""Change orders, drafted and decided on their purchase order's page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from apps.core.view_helpers import run_service
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.vendors import services
from apps.vendors.forms import ChangeOrderForm, LineForm, RejectForm
from apps.vendors.models import ChangeOrder, ChangeOrderStatus, PurchaseOrder, PurchaseOrderLine
from apps.vendors.views.common import run_action

LINE_FIELDS = "A line needs an account, a description, a quantity and a price."


def _co(request: ProductionRequest, pk: int) -> ChangeOrder:
    return get_object_or_404(
        ChangeOrder.objects.select_related("purchase_order__production"),
        production=request.production,
        pk=pk,
    )


def _target(change_order: ChangeOrder) -> str:
    return change_order.purchase_order.get_absolute_url() + "#change-orders"


def _line(request: ProductionRequest) -> PurchaseOrderLine:
    pk = request.POST.get("line", "")
    return get_object_or_404(
        PurchaseOrderLine, production=request.production, pk=int(pk) if pk.isdigit() else 0
    )


def _invalid(request: ProductionRequest, form, target: str) -> HttpResponse:
    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(target)


@production_view(C.MANAGE_VENDORS)
@require_POST
def co_start(request: ProductionRequest, pk: int) -> HttpResponse:
    po = get_object_or_404(PurchaseOrder, production=request.production, pk=pk)
    form = ChangeOrderForm(request.POST)
    target = po.get_absolute_url() + "#change-orders"
    if not form.is_valid():
        return _invalid(request, form, target)
    return run_action(
        request,
        lambda: services.co_start(po=po, user=request.user, **form.cleaned_data),
        "Change order drafted: make its changes below, then submit it.",
        target,
    )


@production_view(C.MANAGE_VENDORS)
@require_POST
def co_details(request: ProductionRequest, pk: int) -> HttpResponse:
    change_order = _co(request, pk)
    form = ChangeOrderForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, _target(change_order))
    return run_action(
        request,
        lambda: services.co_details(change_order=change_order, **form.cleaned_data),
        "Change order saved.",
        _target(change_order),
    )


@production_view(C.MANAGE_VENDORS)
@require_POST
def co_line_add(request: ProductionRequest, pk: int) -> HttpResponse:
    change_order = _co(request, pk)
    form = LineForm(request.POST, currency=request.production.currency)
    if not form.is_valid():
        messages.error(request, LINE_FIELDS)
        return redirect(_target(change_order))
    return run_action(
        request,
        lambda: services.co_line_add(change_order=change_order, **form.cleaned_data),
        "New line added to the change order.",
        _target(change_order),
    )


@production_view(C.MANAGE_VENDORS)
@require_POST
def co_line_change(request: ProductionRequest, pk: int) -> HttpResponse:
    change_order = _co(request, pk)
    line = _line(request)
    form = LineForm(request.POST, currency=request.production.currency)
    if not form.is_valid():
        messages.error(request, LINE_FIELDS)
        return redirect(_target(change_order))
    return run_action(
        request,
        lambda: services.co_line_change(change_order=change_order, line=line, **form.cleaned_data),
        f"Change to {line.description} noted in the change order.",
        _target(change_order),
    )


@production_view(C.MANAGE_VENDORS)
@require_POST
def co_line_remove(request: ProductionRequest, pk: int) -> HttpResponse:
    change_order = _co(request, pk)
    line = _line(request)
    return run_action(
        request,
        lambda: services.co_line_remove(change_order=change_order, line=line),
        f"Removal of {line.description} noted in the change order.",
        _target(change_order),
    )


@production_view(C.MANAGE_VENDORS)
@require_POST
def co_change_undo(request: ProductionRequest, pk: int) -> HttpResponse:
    change_order = _co(request, pk)
    change = request.POST.get("change", "")
    return run_action(
        request,
        lambda: services.co_change_undo(
            change_order=change_order, change_id=int(change) if change.isdigit() else 0
        ),
        "Change taken out of the change order.",
        _target(change_order),
    )


@production_view(C.MANAGE_VENDORS)
@require_POST
def co_discard(request: ProductionRequest, pk: int) -> HttpResponse:
    change_order = _co(request, pk)
    return run_action(
        request,
        lambda: services.co_discard(change_order=change_order),
        f"Draft change order {change_order.number} discarded.",
        _target(change_order),
    )


@production_view(C.MANAGE_VENDORS)
@require_POST
def co_submit(request: ProductionRequest, pk: int) -> HttpResponse:
    change_order = _co(request, pk)
    submitted = run_service(
        request, services.co_submit, change_order=change_order, user=request.user
    )
    if submitted:
        if submitted.value.status == ChangeOrderStatus.APPROVED:
            messages.success(
                request,
                f"Change order {change_order.number} applied: it changes no account, goods or "
                "amount, so it needs no approval.",
            )
        else:
            messages.success(request, f"Change order {change_order.number} submitted for approval.")
    return redirect(_target(change_order))


@production_view(C.APPROVE_PURCHASE_ORDERS)
@require_POST
def co_approve(request: ProductionRequest, pk: int) -> HttpResponse:
    change_order = _co(request, pk)
    po = change_order.purchase_order
    return run_action(
        request,
        lambda: services.co_approve(change_order=change_order, membership=request.membership),
        f"Change order {change_order.number} approved: {po.label} is at revision "
        f"{change_order.number}.",
        _target(change_order),
    )


@production_view(C.APPROVE_PURCHASE_ORDERS)
@require_POST
def co_reject(request: ProductionRequest, pk: int) -> HttpResponse:
    change_order = _co(request, pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, _target(change_order))
    return run_action(
        request,
        lambda: services.co_reject(
            change_order=change_order, note=form.cleaned_data["note"], user=request.user
        ),
        f"Change order {change_order.number} rejected.",
        _target(change_order),
    )
