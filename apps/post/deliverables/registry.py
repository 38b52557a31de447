"""What deliverables add to the app registry (apps/post/apps.py): their audited models."""

from __future__ import annotations

from apps.core import registry


def audited() -> list[registry.Audited]:
    from apps.post.deliverables.models import Checklist, DeliverableItem

    return [
        registry.Audited(
            Checklist, "Deliverables checklist", lambda c: f"{c.name} ({c.recipient})"
        ),
        registry.Audited(
            DeliverableItem,
            "Deliverable",
            lambda i: f"{i.name} ({i.checklist.name})",
            select_related=("checklist",),
        ),
    ]
