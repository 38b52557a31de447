"""What screenings add to the app registry (apps/post/apps.py): their audited models."""

from __future__ import annotations

from apps.core import registry


def audited() -> list[registry.Audited]:
    from apps.post.screenings.models import Feedback, Guest, Screening, ScreeningCost

    return [
        registry.Audited(Screening, "Screening", lambda s: f"{s.title} ({s.date})"),
        registry.Audited(
            ScreeningCost,
            "Screening cost",
            lambda c: f"{c.description}, {c.screening.title}",
            select_related=("screening",),
        ),
        registry.Audited(
            Guest,
            "Screening guest",
            lambda g: f"{g.name}, {g.screening.title}",
            select_related=("screening",),
        ),
        registry.Audited(
            Feedback,
            "Screening feedback",
            lambda f: f"{f.guest.name}, {f.guest.screening.title}",
            select_related=("guest__screening",),
        ),
    ]
