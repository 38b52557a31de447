"""Purchasing reports and settings."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from apps.core.exports import export_response
from apps.core.money import round_money
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url
from apps.vendors import queries, services
from apps.vendors.forms import (
    VendorSettingsForm,
)


@production_view(C.VIEW_VENDORS)
def reports(request: ProductionRequest) -> HttpResponse:
    built = [(key, build(request.production)) for key, build in queries.REPORTS.items()]
    return render(request, "vendors/reports.html", {"reports": built})


@production_view(C.VIEW_VENDORS)
def report_export(request: ProductionRequest, report: str) -> HttpResponse:
    build = queries.REPORTS.get(report)
    if build is None:
        raise Http404("No such report.")
    data = build(request.production)
    fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    currency = request.production.currency
    rows = [
        [
            round_money(value, currency) if i in data.money_columns and value is not None else value
            for i, value in enumerate(row)
        ]
        for row in data.rows
    ]
    return export_response(
        fmt,
        f"{request.production.slug}-{report}",
        data.header,
        rows,
        currency=currency,
        money_columns=data.money_columns,
        sums=data.sums,
    )


@production_view(C.APPROVE_ANY_PURCHASE_ORDER)
def vendor_settings(request: ProductionRequest) -> HttpResponse:
    form = VendorSettingsForm(
        request.POST or None, instance=services.settings_for(request.production)
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Purchasing settings saved.")
        return redirect(production_url(request, "vendors:settings"))
    return render(request, "vendors/form.html", {"form": form, "title": "Purchasing settings"})
