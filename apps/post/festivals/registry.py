"""What festivals add to the app registry (apps/post/apps.py): audited models and the deadlines
on the production calendar."""

from __future__ import annotations

from datetime import date

from apps.core import registry


def audited() -> list[registry.Audited]:
    from apps.post.festivals.models import Festival

    return [registry.Audited(Festival, "Festival", lambda f: f.name)]


def calendar(production, start: date | None, end: date | None):
    """The deadlines as calendar events (apps/post/apps.py asks for a member who sees post)."""
    from apps.post.festivals.queries import deadlines_between

    return [
        registry.CalendarEvent(
            uid=f"festival-{festival.pk}-{key}",
            date=day,
            label=f"{festival.name}: {label.lower()} deadline",
            kind="festival",
            description=f"{festival.get_status_display()}"
            + (f", {festival.get_premiere_display()}" if festival.premiere != "none" else ""),
        )
        for festival, key, label, day in deadlines_between(production, start, end)
    ]
