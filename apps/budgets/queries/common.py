"""The current version: what the cost report, actuals and commitments follow."""

from __future__ import annotations

from apps.budgets.models import (
    BudgetVersion,
    VersionStatus,
)
from apps.productions.models import Production


def current_version(production: Production) -> BudgetVersion | None:
    """THE current version: the one most recently approved by the producer or chosen as current
    by someone who may edit the budget, whichever came last. Until either happens, the
    production's first version. Making a copy never changes it."""
    # One query: a production has a handful of versions, and the rule reads them all.
    versions = list(
        BudgetVersion.objects.filter(production=production)
        .select_related("budget")
        .order_by("created_at", "id")
    )
    approved = [(v.approved_at, v.id, v) for v in versions if v.status == VersionStatus.APPROVED]
    chosen = [(v.made_current_at, v.id, v) for v in versions if v.made_current_at is not None]
    moments = approved + chosen
    if moments:
        return max(moments, key=lambda item: (item[0], item[1]))[2]
    return versions[0] if versions else None
