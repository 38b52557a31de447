"""What auditions add to the app registry (apps/casting/apps.py): their audited models."""

from __future__ import annotations

from apps.core import registry


def audited() -> list[registry.Audited]:
    from apps.casting.auditions.models import AuditionReview, AuditionSession, AuditionSlot

    return [
        registry.Audited(AuditionSession, "Audition session", lambda s: f"{s.title} ({s.date})"),
        registry.Audited(
            AuditionSlot,
            "Audition slot",
            lambda s: f"{s.actor.name} for {s.role.name}, {s.session.title}",
            select_related=("actor", "role", "session"),
        ),
        registry.Audited(
            AuditionReview,
            "Audition note",
            lambda r: f"{r.slot.actor.name} for {r.slot.role.name}",
            select_related=("slot__actor", "slot__role"),
        ),
    ]
