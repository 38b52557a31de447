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
    return {
        "production": request.production,
        "membership": membership,
        "can": {cap.value: True for cap in capabilities_of(membership.role)},
        "production_nav": nav_for(membership),
        "data_stamp": stamp_of(membership),
    }
