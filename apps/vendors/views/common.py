"""What the vendors views share: running a service action from a POST."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect

from apps.core.view_helpers import run_service
from apps.productions.access import ProductionRequest


def run_action(request: ProductionRequest, action: Callable, success: str, target) -> HttpResponse:
    """Run a service action from a POST; a rule that says no becomes an error message."""
    if run_service(request, action):
        messages.success(request, success)
    return redirect(target)
