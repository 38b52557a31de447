"""The demo's post: each sub-package seeds its own part (idempotent)."""

from __future__ import annotations


def seed_post(production, people, size: str) -> None:
    from apps.post.deliverables.demo import seed_deliverables
    from apps.post.distribution.demo import seed_distribution

    checklist = seed_deliverables(production, people, size)
    seed_distribution(production, people, size, checklist=checklist)
