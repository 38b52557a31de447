"""Helpers the budget views share: fetching through the production and running a form."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404

from apps.budgets.models import BudgetVersion
from apps.core.view_helpers import run_service
from apps.productions.access import ProductionRequest

NO_BUDGET_FOR_DEPARTMENT = "No budget accounts have been shared with your department yet."


def version_or_404(request: ProductionRequest, version_id: int) -> BudgetVersion:
    return get_object_or_404(
        BudgetVersion.objects.select_related("budget"), production=request.production, pk=version_id
    )


def submit_form(request, form, action, success: str, invalid: str) -> bool:
    """Validate the form, run the service with its data and say how it went (as a message)."""
    if not form.is_valid():
        messages.error(request, invalid)
        return False
    if not run_service(request, action, form.cleaned_data):
        return False
    messages.success(request, success)
    return True
