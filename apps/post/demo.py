"""The demo's post (issue 20, point 8): each part of the app seeds its own (the post schedule,
festivals, ...), in this order."""

from __future__ import annotations

from apps.post.festivals.demo import seed_festivals
from apps.post.milestones.demo import seed_milestones


def seed_post(production, people, size: str) -> None:
    seed_milestones(production, people, size)
    seed_festivals(production, people, size)
