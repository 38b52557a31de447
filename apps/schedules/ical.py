"""The private calendar feed (RFC 5545): prep, shoot, travel, off days and wrap, and other apps'
dated events (`registry.calendar_events`) as all-day events.

The feed's address is one token per production (`ScheduleSettings.ical_token`), handed to the
whole unit: it has no member, so an app's events there are only those every member may see (post
leaves its milestones and festival deadlines to the calendar pages of those who reach post).

A shoot day with a call time is a timed event from call to wrap in the production's zone (with
its VTIMEZONE); other days, and shoot days with no call yet, are all-day events. Every event has
a UID that stays the same from one fetch to the next, a DTSTAMP (when the feed was made) and,
for shoot days, the day's locations.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone
from icalendar import Calendar, Event

from apps.core import registry
from apps.productions.models import Production
from apps.schedules.importers.eighths import format_eighths
from apps.schedules.models import Location, Scene, ScheduleSettings, ShootDay

# A day with a call but no wrap yet lasts this long, unless the schedule's default day says more.
DEFAULT_DAY = timedelta(hours=12)


def calendar_feed(production: Production, membership=None) -> bytes:
    """The production's dates; with `membership` (a member's own feed), also every app's events
    that member may see; without (the production's shared address), those every member may."""
    cal = Calendar()
    cal.add("prodid", "-//Producer Desk//Schedule//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{production.title} schedule")
    cal.add("x-wr-timezone", production.time_zone)
    stamp = timezone.now().astimezone(UTC).replace(microsecond=0)
    settings = ScheduleSettings.objects.filter(production=production).first()
    scenes: dict[int, list[Scene]] = {}
    # A completed scene stays on the day it was shot, marked so; the others count what is left.
    on_a_day = Q(shoot_day__isnull=False) | Q(shot_day__isnull=False)
    for scene in (
        Scene.objects.filter(on_a_day, production=production, omitted=False)
        .select_related("set__location")
        .order_by("board_position")
    ):
        scenes.setdefault(scene.shot_day_id or scene.shoot_day_id, []).append(scene)
    days = list(ShootDay.objects.filter(production=production).order_by("position"))
    for day in days:
        event = Event()
        event.add("uid", f"shootday-{day.pk}@{production.slug}.producerdesk")
        event.add("dtstamp", stamp)
        day_scenes = scenes.get(day.pk, [])
        pages = format_eighths(sum(s.remaining_eighths for s in day_scenes))
        label = f"Day {day.day_number}" if day.is_shoot else day.get_kind_display()
        event.add(
            "summary", f"{production.title}: {label}" + (f" ({pages} pp)" if day.is_shoot else "")
        )
        start, end = _span(day, production, settings)
        event.add("dtstart", start)
        event.add("dtend", end)
        places = _locations(day_scenes)
        if places:
            event.add("location", "; ".join(_place(location) for location in places))
        times = " · ".join(
            f"{name} {value:%H:%M}"
            for name, value in (("Call", day.call_time), ("wrap", day.wrap_time))
            if value
        )
        lines = [times] if day.is_shoot and times else []
        lines += [
            f"Sc. {s.number} {s.int_ext} {s.set.name} {s.time_of_day}"
            + (" (shot)" if s.shot_day_id else "")
            for s in day_scenes
        ]
        description = "\n".join(lines) or day.notes
        if description:
            event.add("description", description)
        cal.add_component(event)
    for key, label, start, end in (
        ("prep", "Prep", production.prep_start, production.first_shoot_day),
        ("wrap", "Wrap", production.wrap_date, None),
    ):
        if start:
            event = Event()
            event.add("uid", f"{key}@{production.slug}.producerdesk")
            event.add("dtstamp", stamp)
            event.add("summary", f"{production.title}: {label}")
            event.add("dtstart", start)
            event.add("dtend", end if end and end > start else start + timedelta(days=1))
            cal.add_component(event)
    events = registry.calendar_events(production, membership=membership)
    for item in events:
        event = Event()
        event.add("uid", f"{item.uid}@{production.slug}.producerdesk")
        event.add("dtstamp", stamp)
        event.add("summary", f"{production.title}: {item.label}")
        event.add("dtstart", item.date)
        event.add("dtend", item.date + timedelta(days=1))
        if item.description:
            event.add("description", item.description)
        cal.add_component(event)
    # The zone's rules for the production's own dates, a year either side (the library's default
    # stops at 2038 and lists every change since 1970).
    dates = [d.date for d in days] + [
        d for d in (production.prep_start, production.wrap_date) if d is not None
    ]
    if dates:
        cal.add_missing_timezones(
            first_date=min(dates) - timedelta(days=366), last_date=max(dates) + timedelta(days=366)
        )
    return cal.to_ical()


def _span(day: ShootDay, production: Production, settings) -> tuple[date | datetime, ...]:
    """Call to wrap on the production's clock; a wrap before the call is the next morning's."""
    if not (day.is_shoot and day.call_time):
        return day.date, day.date + timedelta(days=1)
    tz = production.tz
    start = datetime.combine(day.date, day.call_time, tzinfo=tz)
    if day.wrap_time:
        end = datetime.combine(day.date, day.wrap_time, tzinfo=tz)
        if end <= start:
            end = datetime.combine(day.date + timedelta(days=1), day.wrap_time, tzinfo=tz)
    else:
        end = start + _default_length(settings)
    return start, end


def _default_length(settings: ScheduleSettings | None) -> timedelta:
    if settings is None:
        return DEFAULT_DAY
    call = datetime.combine(date.min, settings.default_call or time(7, 0))
    wrap = datetime.combine(date.min, settings.default_wrap or time(19, 0))
    return wrap - call if wrap > call else DEFAULT_DAY


def _locations(day_scenes: list[Scene]) -> list[Location]:
    """The day's places in scene order, each once."""
    found: dict[int, Location] = {}
    for scene in day_scenes:
        location = scene.set.location
        if location is not None:
            found.setdefault(location.pk, location)
    return list(found.values())


def _place(location: Location) -> str:
    address = " ".join(location.address.split())
    return f"{location.name}, {address}" if address else location.name
