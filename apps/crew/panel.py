"""The dashboard's crew panel: open positions, offers out, crew count."""

from __future__ import annotations

from apps.crew import queries
from apps.productions.capabilities import Capability as C


def panel_context(request) -> dict:
    numbers = queries.panel_numbers(request.production, request.membership)
    return {**numbers, "show_rates": request.membership.can(C.VIEW_CREW_RATES)}
