from __future__ import annotations

from django.http import HttpRequest

from apps.productions.capabilities import capabilities_of
from apps.productions.dashboard import nav_for
from apps.productions.stamps import stamp_of


def production(request: HttpRequest) -> dict:
    """Puts the current production, membership and what it may do into every template."""
    membership = getattr(request, "membership", None)
    if membership is None:
        return {}
    nav = nav_for(membership)
    return {
        "production": request.production,
        "membership": membership,
        "can": {cap.value: True for cap in capabilities_of(membership.role)},
        "production_nav": nav,
        "section": _section(request, nav),
        "data_stamp": stamp_of(membership),
    }


def _section(request: HttpRequest, nav) -> str:
    """The menu entry a page belongs to ("Budget", "Hot costs"): a browser tab's title names it
    when the page does not name itself. The entry of the page itself, else the first of its app."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    for item in nav:
        if item.url_name == match.view_name:
            return item.label
    prefix = f"{match.namespace}:"
    return next((item.label for item in nav if item.url_name.startswith(prefix)), "")
