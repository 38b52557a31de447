"""The demo production's post (issue 20, point 8): each part of the app seeds its own, in this
order (idempotent)."""

from __future__ import annotations


def seed_post(production, people, size: str) -> None:
    from apps.post.deliverables.demo import seed_deliverables
    from apps.post.distribution.demo import seed_distribution
    from apps.post.festivals.demo import seed_festivals
    from apps.post.milestones.demo import seed_milestones
    from apps.post.screenings.demo import seed_screenings

    seed_milestones(production, people, size)
    seed_festivals(production, people, size)
    checklist = seed_deliverables(production, people, size)
    seed_distribution(production, people, size, checklist=checklist)
    seed_screenings(production, people, size)
