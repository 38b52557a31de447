"""Globals that follow the schedule or the production's dates: link or unlink one, and mark
the version's notices read."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from apps.budgets.models import Global
from apps.budgets.services import links
from apps.budgets.views.common import version_or_404
from apps.core.view_helpers import run_service
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url

__all__ = ["global_link", "link_notices_read"]


@production_view(C.EDIT_BUDGET)
@require_POST
def global_link(request: ProductionRequest, version_id: int) -> HttpResponse:
    version = version_or_404(request, version_id)
    item = get_object_or_404(Global, budget_version=version, name=request.POST.get("name", ""))
    follows = request.POST.get("follows") == "1"
    done = run_service(request, links.global_link, item=item, follows=follows)
    if done:
        notice = done.value
        if not follows:
            messages.success(request, f"{item.name} keeps its own value now.")
        elif notice is None:
            messages.success(request, f"{item.name} follows {item.link_source} (no change today).")
        else:
            messages.warning(request, links.notice_words(notice))
    return redirect(production_url(request, "budgets:globals", version_id=version.id))


@production_view(C.VIEW_BUDGET)
@require_POST
def link_notices_read(request: ProductionRequest, version_id: int) -> HttpResponse:
    version = version_or_404(request, version_id)
    count = links.notices_mark_read(version=version, user=request.user)
    if count:
        messages.info(request, f"Marked read: {count} change(s) from linked globals.")
    target = request.POST.get("next", "")
    if not target.startswith(f"/p/{request.production.slug}/"):
        target = production_url(request, "budgets:top_sheet", version_id=version.id)
    return redirect(target)
