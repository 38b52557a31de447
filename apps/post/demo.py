"""The demo production's post (issue 20, point 8): each part seeds its own."""

from __future__ import annotations


def seed_post(production, people, size) -> None:
    from apps.post.screenings.demo import seed_screenings

    seed_screenings(production, people, size)
