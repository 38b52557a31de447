"""The production's pay rules: meal penalties, sixth and seventh day, the work week."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from apps.crew import services
from apps.crew.forms import PayRulesForm
from apps.crew.models import PayRules
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url


# Read by whoever sees rates; changed by whoever changes the production's settings.
@production_view(C.VIEW_CREW_RATES, C.EDIT_PRODUCTION)
def pay_rules(request: ProductionRequest) -> HttpResponse:
    production = request.production
    rules = PayRules.of(production)
    form = PayRulesForm(request.POST or None, instance=rules, currency=production.currency)
    if request.method == "POST" and form.is_valid():
        services.pay_rules_save(production=production, values=form.cleaned_data)
        messages.success(request, "Saved the pay rules.")
        return redirect(production_url(production, "crew:pay_rules"))
    return render(
        request,
        "crew/pay_rules.html",
        {"form": form, "rules": rules, "can_edit": request.membership.can(C.EDIT_PRODUCTION)},
    )
