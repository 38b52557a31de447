"""The demo production's post (issue 20, point 8): each sub-package seeds its own part
(idempotent)."""

from __future__ import annotations


def seed_post(production, people, size: str) -> None:
    from apps.post.deliverables.demo import seed_deliverables
    from apps.post.distribution.demo import seed_distribution
    from apps.post.screenings.demo import seed_screenings

    checklist = seed_deliverables(production, people, size)
    seed_distribution(production, people, size, checklist=checklist)
    seed_screenings(production, people, size)
