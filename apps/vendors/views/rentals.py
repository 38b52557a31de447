"""Rentals and their return."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from apps.core.forms import plain_int
from apps.core.view_helpers import run_service
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url
from apps.vendors import queries, services
from apps.vendors.forms import (
    RentalForm,
    RentalReturnForm,
)
from apps.vendors.models import (
    Rental,
)


@production_view(C.VIEW_VENDORS, C.MANAGE_VENDORS)
def rentals(request: ProductionRequest) -> HttpResponse:
    production = request.production
    form = RentalForm(request.POST or None, production=production)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if data.get("days_per_week") is None:
            data.pop("days_per_week")
        booked = run_service(request, services.rental_create, **data, form=form)
        if booked:
            messages.success(request, f"Rental of {booked.value.item} booked.")
            return redirect(production_url(request, "vendors:rentals"))
    today = production.today()
    rows = [
        (r, r.is_overdue(today), services.rental_cost(r), services.rental_cost(r, until=today))
        for r in queries.rentals_for(production)
    ]
    return render(request, "vendors/rentals.html", {"rows": rows, "form": form, "today": today})


@production_view(C.VIEW_VENDORS, C.MANAGE_VENDORS)
def rental_detail(request: ProductionRequest, pk: int) -> HttpResponse:
    rental = get_object_or_404(
        Rental.objects.select_related("vendor", "production"), production=request.production, pk=pk
    )
    form = RentalReturnForm(
        request.POST or None,
        currency=request.production.currency,
        initial={
            "returned_on": rental.returned_on,
            "loss_damage_notes": rental.loss_damage_notes,
            "loss_damage_amount": rental.loss_damage_amount,
        },
    )
    if request.method == "POST" and form.is_valid():
        checked = {n for n in map(plain_int, request.POST.getlist("checked")) if n is not None}
        returned = run_service(
            request,
            services.rental_return,
            rental=rental,
            checked=checked,
            **form.cleaned_data,
            form=form,
        )
        if returned:
            messages.success(request, "Return saved.")
            return redirect(production_url(request, "vendors:rental", pk=rental.pk))
    today = request.production.today()
    return render(
        request,
        "vendors/rental_detail.html",
        {
            "rental": rental,
            "checklist": rental.checklist.all(),
            "form": form,
            "overdue": rental.is_overdue(today),
            "cost": services.rental_cost(rental),
            "billable": services.billable_days(
                services.rentals.rental_days(rental), rental.days_per_week
            ),
        },
    )
