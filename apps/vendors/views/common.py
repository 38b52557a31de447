"""What the vendors views share: running a service action from a POST."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect

from apps.productions.access import ProductionRequest
from apps.vendors.services import VendorError


def run_action(request: ProductionRequest, action: Callable, success: str, target) -> HttpResponse:
    """Run a service action from a POST; a rule that says no becomes an error message."""
    try:
        action()
    except VendorError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect(target)


def production_kwargs(request: ProductionRequest) -> dict:
    return {"production_slug": request.production.slug}
