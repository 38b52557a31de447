"""Invoices, their check and approval."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.core.forms import plain_int
from apps.core.view_helpers import run_service
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url
from apps.vendors import lists, queries, services
from apps.vendors.forms import (
    InvoiceForm,
    InvoiceLineForm,
)
from apps.vendors.models import (
    Invoice,
    InvoiceStatus,
    PurchaseOrder,
)
from apps.vendors.views.common import filtered_list, run_action


@production_view(C.VIEW_VENDORS)
def invoices(request: ProductionRequest) -> HttpResponse:
    """Newest first, filtered by status and searched on the server, a page at a time; the count,
    the total and the exports cover every invoice that matches, not the page."""
    return filtered_list(
        request,
        matching=lists.invoices_matching,
        export=lists.invoice_export,
        summary=lists.invoice_summary,
        template="vendors/invoices.html",
        name="invoices",
        statuses=InvoiceStatus.choices,
    )


@production_view(C.ENTER_INVOICES)
def invoice_create(request: ProductionRequest) -> HttpResponse:
    production = request.production
    initial = {"date": production.today()}
    po_id = plain_int(request.GET.get("po"))
    if po_id is not None:
        po = PurchaseOrder.objects.filter(production=production, pk=po_id).first()
        if po is not None:
            first = po.lines.first()
            initial |= {"vendor": po.vendor_id, "purchase_order": po.pk}
            if first is not None:
                initial |= {
                    "account_number": first.account_number,
                    "description": first.description,
                }
    form = InvoiceForm(request.POST or None, production=production, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        entered = run_service(
            request,
            services.invoice_create,
            production=production,
            vendor=data["vendor"],
            purchase_order=data["purchase_order"],
            number=data["number"],
            date=data["date"],
            due_on=data["due_on"],
            notes=data["notes"],
            user=request.user,
            lines=[
                {
                    "account_number": data["account_number"],
                    "description": data["description"],
                    "amount": data["amount"],
                }
            ],
            form=form,
        )
        if entered:
            invoice = entered.value
            messages.success(request, f"{invoice} entered.")
            return redirect(production_url(request, "vendors:invoice", pk=invoice.pk))
    return render(request, "vendors/form.html", {"form": form, "title": "Enter an invoice"})


def _invoice(request: ProductionRequest, pk: int) -> Invoice:
    return get_object_or_404(
        Invoice.objects.select_related("vendor", "purchase_order", "production"),
        production=request.production,
        pk=pk,
    )


@production_view(C.VIEW_VENDORS)
def invoice_detail(request: ProductionRequest, pk: int) -> HttpResponse:
    invoice = _invoice(request, pk)
    return render(
        request,
        "vendors/invoice_detail.html",
        {
            "invoice": invoice,
            "lines": invoice.lines.all(),
            "check": services.invoice_check(invoice),
            "line_form": InvoiceLineForm(currency=request.production.currency),
            "accounts": queries.budget_accounts(request.production),
        },
    )


def _invoice_url(request: ProductionRequest, invoice: Invoice) -> str:
    return production_url(request, "vendors:invoice", pk=invoice.pk)


@production_view(C.ENTER_INVOICES)
@require_POST
def invoice_line_add(request: ProductionRequest, pk: int) -> HttpResponse:
    invoice = _invoice(request, pk)
    form = InvoiceLineForm(request.POST, currency=request.production.currency)
    target = _invoice_url(request, invoice)
    if not form.is_valid():
        messages.error(request, "A line needs an account, a description and an amount.")
        return redirect(target)
    return run_action(
        request,
        lambda: services.invoice_add_line(invoice=invoice, **form.cleaned_data),
        "Line added.",
        target,
    )


@production_view(C.ENTER_INVOICES)
@require_POST
def invoice_approve(request: ProductionRequest, pk: int) -> HttpResponse:
    invoice = _invoice(request, pk)
    override_reason = request.POST.get("override_reason", "")
    return run_action(
        request,
        lambda: services.invoice_approve(
            invoice=invoice, membership=request.membership, override_reason=override_reason
        ),
        f"{invoice} approved.",
        _invoice_url(request, invoice),
    )


@production_view(C.ENTER_INVOICES)
@require_POST
def invoice_reject(request: ProductionRequest, pk: int) -> HttpResponse:
    invoice = _invoice(request, pk)
    return run_action(
        request,
        lambda: services.invoice_reject(invoice=invoice),
        f"{invoice} rejected.",
        _invoice_url(request, invoice),
    )
