"""What the pitch package adds to the app registry (apps/development/apps.py): audited models."""

from __future__ import annotations

from apps.core import registry


def audited() -> list[registry.Audited]:
    from apps.development.pitch.models import Comparable, LookImage, PitchPackage, PitchPerson

    return [
        registry.Audited(PitchPackage, "Pitch package", lambda p: "Sections and their order"),
        registry.Audited(PitchPerson, "Pitch team or talent", lambda p: f"{p.name} ({p.role})"),
        registry.Audited(LookImage, "Pitch look image", lambda i: i.caption or f"image {i.pk}"),
        registry.Audited(Comparable, "Comparable title", lambda c: c.title),
    ]
