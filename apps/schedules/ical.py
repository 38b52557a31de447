"""The private calendar feed: prep, shoot, travel, off days and wrap as all-day events."""

from __future__ import annotations

from datetime import timedelta

from icalendar import Calendar, Event

from apps.productions.models import Production
from apps.schedules.importers.eighths import format_eighths
from apps.schedules.models import Scene, ShootDay


def calendar_feed(production: Production) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Producer Desk//Schedule//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{production.title} schedule")
    cal.add("x-wr-timezone", production.time_zone)
    scenes: dict[int, list[Scene]] = {}
    for scene in (
        Scene.objects.filter(production=production, omitted=False, shoot_day__isnull=False)
        .select_related("set")
        .order_by("board_position")
    ):
        scenes.setdefault(scene.shoot_day_id, []).append(scene)
    for day in ShootDay.objects.filter(production=production).order_by("position"):
        event = Event()
        event.add("uid", f"shootday-{day.pk}@{production.slug}.producerdesk")
        day_scenes = scenes.get(day.pk, [])
        pages = format_eighths(sum(s.eighths for s in day_scenes))
        label = f"Day {day.day_number}" if day.is_shoot else day.get_kind_display()
        event.add(
            "summary", f"{production.title}: {label}" + (f" ({pages} pp)" if day.is_shoot else "")
        )
        event.add("dtstart", day.date)
        event.add("dtend", day.date + timedelta(days=1))
        event.add(
            "description",
            "\n".join(
                f"Sc. {s.number} {s.int_ext} {s.set.name} {s.time_of_day}" for s in day_scenes
            )
            or day.notes,
        )
        cal.add_component(event)
    for key, label, start, end in (
        ("prep", "Prep", production.prep_start, production.first_shoot_day),
        ("wrap", "Wrap", production.wrap_date, None),
    ):
        if start:
            event = Event()
            event.add("uid", f"{key}@{production.slug}.producerdesk")
            event.add("summary", f"{production.title}: {label}")
            event.add("dtstart", start)
            event.add("dtend", end if end and end > start else start + timedelta(days=1))
            cal.add_component(event)
    return cal.to_ical()
