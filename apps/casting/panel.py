"""The dashboard's casting panel: how many roles are in each state, and how many are booked."""

from __future__ import annotations

from django.db.models import Count

from apps.casting.models import Role, RoleStatus


def panel_context(request) -> dict:
    counts = dict(
        Role.objects.filter(production=request.production)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    states = [(status.label, counts.get(status.value, 0)) for status in RoleStatus]
    total = sum(counts.values())
    return {
        "casting_states": states,
        "casting_total": total,
        "casting_booked": counts.get(RoleStatus.BOOKED.value, 0),
    }
