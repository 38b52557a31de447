"""What the vendors views share: running a service action from a POST, and a long list filtered
and searched on the server, a page at a time."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from apps.core.pagination import paginate
from apps.core.view_helpers import run_service
from apps.productions.access import ProductionRequest


def run_action(request: ProductionRequest, action: Callable, success: str, target) -> HttpResponse:
    """Run a service action from a POST; a rule that says no becomes an error message."""
    if run_service(request, action):
        messages.success(request, success)
    return redirect(target)


def filtered_list(
    request: ProductionRequest,
    *,
    matching: Callable,
    export: Callable,
    summary: Callable,
    template: str,
    name: str,
    statuses: list,
) -> HttpResponse:
    """Rows `matching(production, status=, search=)` from `?status=` and `?q=`, newest first, a
    page at a time under `name`; `summary` (count and total) and `export` (`?format=csv|xlsx`)
    cover every matching row, not the page."""
    production = request.production
    status = request.GET.get("status", "")
    search = request.GET.get("q", "").strip()
    rows = matching(production, status=status, search=search)
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        return export(fmt, production, rows)
    page = paginate(request, rows)
    return render(
        request,
        template,
        {
            "page": page,
            name: page.object_list,
            "summary": summary(production, rows, page.paginator.count),
            "statuses": statuses,
            "status": status,
            "search": search,
        },
    )
