"""What distribution adds to the app registry (apps/post/apps.py): its audited models."""

from __future__ import annotations

from apps.core import registry


def audited() -> list[registry.Audited]:
    from apps.post.distribution.models import Deal, Instalment

    return [
        registry.Audited(Deal, "Distribution deal", lambda d: f"{d.territory} to {d.licensee}"),
        registry.Audited(
            Instalment,
            "Deal instalment",
            lambda i: f"{i.deal.territory} to {i.deal.licensee}: {i.due_date:%d %b %Y}",
            select_related=("deal",),
        ),
    ]
