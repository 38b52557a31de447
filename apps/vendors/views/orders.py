"""Purchase orders: the list, a PO's page and its actions, its PDF."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.documents import letterhead, production_pdf
from apps.vendors import lists, queries, services
from apps.vendors.forms import (
    ChangeOrderForm,
    LineForm,
    PurchaseOrderForm,
    VoidForm,
)
from apps.vendors.models import (
    POStatus,
    PurchaseOrder,
    PurchaseOrderLine,
)
from apps.vendors.views.common import filtered_list, run_action

RECEIVED_QUANTITY = forms.DecimalField(max_digits=12, decimal_places=3, min_value=0)


@production_view(C.VIEW_VENDORS)
def po_list(request: ProductionRequest) -> HttpResponse:
    """Newest first, filtered by status and searched on the server, a page at a time; the count,
    the total and the exports cover every order that matches, not the page."""
    return filtered_list(
        request,
        matching=lists.purchase_orders_matching,
        export=lists.po_export,
        summary=lists.po_summary,
        template="vendors/po_list.html",
        name="pos",
        statuses=POStatus.choices,
    )


@production_view(C.MANAGE_VENDORS)
def po_create(request: ProductionRequest) -> HttpResponse:
    form = PurchaseOrderForm(request.POST or None, production=request.production)
    if request.method == "POST" and form.is_valid():
        po = services.po_create(
            production=request.production, user=request.user, **form.cleaned_data
        )
        messages.success(request, f"{po.label} drafted: add its lines.")
        return redirect(po)
    return render(request, "vendors/form.html", {"form": form, "title": "New purchase order"})


def _po(request: ProductionRequest, pk: int) -> PurchaseOrder:
    return get_object_or_404(
        PurchaseOrder.objects.select_related("vendor", "production"),
        production=request.production,
        pk=pk,
    )


@production_view(C.VIEW_VENDORS)
def po_detail(request: ProductionRequest, pk: int) -> HttpResponse:
    po = _po(request, pk)
    lines = list(po.lines.all())
    total = services.po_total(po, lines)
    approval = services.approval_allowed(request.membership, total)
    change_orders = queries.change_orders_for(po)
    open_co = queries.open_change_order(change_orders)
    currency = request.production.currency
    staged = {c.line_id: c for c in open_co.changes.all()} if open_co else {}
    for line in lines:
        line.staged = staged.get(line.pk)
    co_approval = None
    if open_co is not None and open_co.total_after is not None:
        co_approval = services.approval_allowed(request.membership, open_co.total_after)
    return render(
        request,
        "vendors/po_detail.html",
        {
            "po": po,
            "lines": lines,
            "total": total,
            "approval_refusal": approval,
            "change_orders": [(co, queries.change_words(co, currency)) for co in change_orders],
            "open_co": open_co,
            "open_co_words": queries.change_words(open_co, currency) if open_co else [],
            "co_approval_refusal": co_approval,
            "co_form": ChangeOrderForm(initial={"deliver_on": po.deliver_on}),
            "receivable": po.status in (POStatus.APPROVED, POStatus.SENT, POStatus.PARTLY_RECEIVED),
            "line_form": LineForm(currency=request.production.currency),
            "void_form": VoidForm(),
            "invoices": queries.invoices_for(request.production).filter(purchase_order=po),
            "rentals": po.rentals.all(),
            "accounts": queries.budget_accounts(request.production),
        },
    )


@production_view(C.MANAGE_VENDORS)
@require_POST
def po_line_add(request: ProductionRequest, pk: int) -> HttpResponse:
    po = _po(request, pk)
    form = LineForm(request.POST, currency=request.production.currency)
    if not form.is_valid():
        messages.error(request, "A line needs an account, a description, a quantity and a price.")
        return redirect(po)
    return run_action(
        request, lambda: services.po_line_add(po=po, **form.cleaned_data), "Line added.", po
    )


@production_view(C.MANAGE_VENDORS)
@require_POST
def po_line_delete(request: ProductionRequest, pk: int) -> HttpResponse:
    line = get_object_or_404(
        PurchaseOrderLine.objects.select_related("purchase_order__production"),
        production=request.production,
        pk=pk,
    )
    po = line.purchase_order
    return run_action(request, lambda: services.po_line_delete(line=line), "Line removed.", po)


@production_view(C.MANAGE_VENDORS)
@require_POST
def po_submit(request: ProductionRequest, pk: int) -> HttpResponse:
    po = _po(request, pk)
    return run_action(request, lambda: services.po_submit(po=po), f"{po.label} submitted.", po)


@production_view(C.APPROVE_PURCHASE_ORDERS)
@require_POST
def po_approve(request: ProductionRequest, pk: int) -> HttpResponse:
    po = _po(request, pk)
    return run_action(
        request,
        lambda: services.po_approve(po=po, membership=request.membership),
        f"{po.label} approved.",
        po,
    )


@production_view(C.MANAGE_VENDORS)
@require_POST
def po_send(request: ProductionRequest, pk: int) -> HttpResponse:
    po = _po(request, pk)
    return run_action(
        request, lambda: services.po_send(po=po), f"{po.label} is on its way to {po.vendor}.", po
    )


@production_view(C.MANAGE_VENDORS)
@require_POST
def po_receive(request: ProductionRequest, pk: int) -> HttpResponse:
    po = _po(request, pk)
    received = {}
    try:
        for line in po.lines.all():
            value = request.POST.get(f"received-{line.pk}", "").strip()
            if value:
                received[line.pk] = RECEIVED_QUANTITY.clean(value)
    except ValidationError:
        messages.error(request, "Received quantities must be numbers.")
        return redirect(po)
    return run_action(
        request, lambda: services.po_receive(po=po, received=received), "Receipt recorded.", po
    )


@production_view(C.MANAGE_VENDORS)
@require_POST
def po_close(request: ProductionRequest, pk: int) -> HttpResponse:
    po = _po(request, pk)
    return run_action(request, lambda: services.po_close(po=po), f"{po.label} closed.", po)


@production_view(C.MANAGE_VENDORS)
@require_POST
def po_void(request: ProductionRequest, pk: int) -> HttpResponse:
    po = _po(request, pk)
    reason = request.POST.get("reason", "")
    return run_action(
        request, lambda: services.po_void(po=po, reason=reason), f"{po.label} void.", po
    )


@production_view(C.VIEW_VENDORS)
def po_pdf(request: ProductionRequest, pk: int) -> HttpResponse:
    po = _po(request, pk)
    context = queries.po_document_context(po)
    if request.GET.get("print"):
        head = letterhead(request.production, context["heading"], request.user)
        return render(request, "vendors/po_document.html", {**context, "letterhead": head})
    filename = f"{request.production.slug}-{po.label.replace(' ', '-')}"
    return production_pdf(
        request, "vendors/po_document.html", context, filename, context["heading"]
    )
