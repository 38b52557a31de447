"""The call sheet's content built from the schedule and the crew.

`sheet_data` returns a `Sheet` (apps/callsheets/sheet.py): the same structure is rendered for a
draft and stored in a revision at publish (`Sheet.to_json`), so a published sheet renders exactly
as it was sent, whatever happens to the schedule afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from apps.callsheets.models import CallSheet
from apps.callsheets.sheet import (
    Advance,
    CastRow,
    Contact,
    CrewDepartment,
    CrewRow,
    LocationRow,
    SceneRow,
    Sheet,
)
from apps.crew.day_calls import day_calls
from apps.productions.capabilities import Role
from apps.productions.models import Membership, Production
from apps.schedules.importers.eighths import format_eighths
from apps.schedules.importers.fountain import light_of
from apps.schedules.models import ShootDay
from apps.schedules.queries import dood, scenes_for_board

# Positions named as key contacts, matched on the position's title (lower case).
FIRST_AD_TITLES = ("first assistant director", "1st assistant director", "1st ad")
UPM_TITLES = ("unit production manager", "upm")


def hhmm(value: time | None) -> str:
    return value.strftime("%H:%M") if value else ""


def osm_link(latitude: Decimal | None, longitude: Decimal | None) -> str:
    """A link to the map; nothing is fetched."""
    if latitude is None or longitude is None:
        return ""
    return (
        f"https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}"
        f"#map=16/{latitude}/{longitude}"
    )


def sun_times(
    latitude: Decimal | None, longitude: Decimal | None, day: date, tz
) -> tuple[str, str]:
    """Sunrise and sunset at the place on the day, on the clock of `tz` (the location's own zone,
    see `Location.tz`), computed offline by astral. Blank without coordinates; a dash where the sun
    does not rise or set (polar days)."""
    if latitude is None or longitude is None:
        return "", ""
    from astral import Observer
    from astral.sun import sunrise, sunset

    observer = Observer(latitude=float(latitude), longitude=float(longitude))
    try:
        rise = sunrise(observer, date=day, tzinfo=tz).strftime("%H:%M")
    except ValueError:
        rise = "—"
    try:
        set_ = sunset(observer, date=day, tzinfo=tz).strftime("%H:%M")
    except ValueError:
        set_ = "—"
    return rise, set_


def zone_label(tz, day: date, production_zone: str) -> str:
    """The zone's abbreviation on the day ("PST", "BST") when it is not the production's zone."""
    if getattr(tz, "key", production_zone) == production_zone:
        return ""
    return datetime.combine(day, time(12, 0), tzinfo=tz).tzname() or str(tz)


def _shoot_days(production: Production) -> list[ShootDay]:
    return list(ShootDay.objects.filter(production=production, kind="shoot").order_by("position"))


def _scene_rows(scenes) -> list[SceneRow]:
    rows = []
    for scene in scenes:
        location = scene.set.location
        rows.append(
            SceneRow(
                number=scene.number,
                int_ext=scene.int_ext,
                set=scene.set.name,
                synopsis=scene.synopsis,
                time_of_day=scene.time_of_day,
                day_night=_day_night(scene),
                # A scene partly shot on an earlier day: what is left ("1 1/8 of 1 4/8").
                pages=scene.strip_pages,
                eighths=scene.remaining_eighths,
                cast=[member.id_number for member in scene.cast.all()],
                location=location.name if location else "",
            )
        )
    return rows


def _day_night(scene) -> str:
    """D or N: the scene's light, which a CONTINUOUS scene inherits from the one before."""
    light = scene.day_night or light_of(scene.time_of_day)
    if light:
        return light[0]
    return "D" if scene.time_of_day else ""


def _office(production: Production) -> list[Membership]:
    """The producers and APs, named first among the sheet's contacts."""
    return list(
        Membership.objects.filter(
            production=production, role__in=[Role.PRODUCER, Role.ASSOCIATE_PRODUCER]
        )
        .select_related("user")
        .order_by("role", "user__full_name")
    )


@dataclass(frozen=True)
class Shared:
    """What every call sheet of a production reads alike, read once for all of them (the worker
    working them all out ahead): the shoot days, each day's day-out-of-days codes (day pk -> cast
    member pk -> code) and the office's contacts."""

    shoot_days: list[ShootDay]
    codes: dict[int, dict[int, str]]
    office: list[Membership]


def shared_for(production: Production) -> Shared:
    """Read once for many sheets: 1 + 3 + 1 queries, whatever the number of days."""
    schedule = dood(production, pages=False)
    codes = {
        day.pk: {row.member.pk: row.codes[index] for row in schedule.rows}
        for index, day in enumerate(schedule.days)
    }
    return Shared(_shoot_days(production), codes, _office(production))


def _contacts(members: list[Membership], crew_rows) -> list[Contact]:
    contacts = []
    for membership in members:
        user = membership.user
        contacts.append(
            Contact(role=membership.get_role_display(), name=user.display_name, email=user.email)
        )
    for titles, label in ((FIRST_AD_TITLES, "1st AD"), (UPM_TITLES, "UPM")):
        for call in crew_rows:
            if call.position is not None and call.position.lower() in titles:
                contacts.append(
                    Contact(role=label, name=call.name, phone=call.phone, email=call.email)
                )
    return contacts


def sheet_data(call_sheet: CallSheet, shared: Shared | None = None) -> Sheet:
    """Everything the sheet prints. Queries: days, the day's and the next day's scenes (+sets,
    locations), their cast links, DOOD (3), crew (2), memberships, cast calls, crew calls; with
    `shared` (read once for many sheets: `shared_for`), not the days, the DOOD or the members."""
    day = call_sheet.shoot_day
    production = call_sheet.production
    day.production = production  # the same row: day_calls reads it from the day
    shoot_days = shared.shoot_days if shared is not None else _shoot_days(production)
    total = len(shoot_days)
    next_day = next((d for d in shoot_days if d.position > day.position), None)

    # The day's scenes and the next day's (the advance schedule), read together, in board order.
    both = [day.pk] if next_day is None else [day.pk, next_day.pk]
    by_day: dict[int, list] = {pk: [] for pk in both}
    for scene in scenes_for_board(production).filter(shoot_day__in=both):
        if not scene.omitted:
            by_day[scene.shoot_day_id].append(scene)
    scenes = by_day[day.pk]
    general_call = call_sheet.general_call or day.call_time

    # Cast: everyone in the day's scenes, with the day's DOOD code.
    cast_members = {}
    for scene in scenes:
        for member in scene.cast.all():
            cast_members[member.pk] = member
    if shared is not None:
        codes = shared.codes.get(day.pk, {})
    else:
        schedule = dood(production, only=set(cast_members), pages=False)
        day_index = next((i for i, d in enumerate(schedule.days) if d.pk == day.pk), None)
        codes = {
            row.member.pk: (row.codes[day_index] if day_index is not None else "")
            for row in schedule.rows
        }
    cast_calls = {c.cast_member_id: c for c in call_sheet.cast_calls.all()}
    cast_rows = []
    for member in sorted(cast_members.values(), key=lambda m: m.id_number):
        times = cast_calls.get(member.pk)
        cast_rows.append(
            CastRow(
                id=member.id_number,
                cast_member=member.pk,
                role=member.character,
                name=member.actor,
                status=codes.get(member.pk, ""),
                pickup=hhmm(times.pickup) if times else "",
                hair_makeup=hhmm(times.hair_makeup) if times else "",
                on_set=hhmm(times.on_set) if times else "",
            )
        )

    # Crew: who works the day, by department, the general call unless their own.
    overrides = {c.person_id: c.call_time for c in call_sheet.crew_calls.all()}
    crew = day_calls(day)
    departments: dict[str, list[CrewRow]] = {}
    for call in crew:
        own = overrides.get(call.person)
        booked = call.booked
        department = call.department if call.department is not None else "Other"
        departments.setdefault(department, []).append(
            CrewRow(
                person=call.person,
                name=call.name,
                position=call.position if call.position is not None else "Day player",
                phone=call.phone,
                email=call.email,
                call=hhmm(own or booked or general_call),
                own_call=bool(own or booked),
                day_player=call.day_player,
            )
        )

    # Locations: each distinct place of the day's scenes, in scene order.
    locations = []
    seen = set()
    for scene in scenes:
        location = scene.set.location
        if location is None or location.pk in seen:
            continue
        seen.add(location.pk)
        # On the place's own clock, labelled ("07:24 PST") when that is not the production's.
        place_tz = location.tz(production)
        sunrise, sunset = sun_times(location.latitude, location.longitude, day.date, place_tz)
        label = zone_label(place_tz, day.date, production.time_zone)
        if label:
            sunrise, sunset = (f"{t} {label}" if ":" in t else t for t in (sunrise, sunset))
        locations.append(
            LocationRow(
                name=location.name,
                address=location.address,
                map=osm_link(location.latitude, location.longitude),
                parking=location.parking,
                contact=" ".join(filter(None, [location.contact_name, location.contact_phone])),
                hospital_name=location.hospital_name,
                hospital_address=location.hospital_address,
                hospital_phone=location.hospital_phone,
                sunrise=sunrise,
                sunset=sunset,
            )
        )

    advance = None
    if next_day is not None:
        next_scenes = by_day[next_day.pk]
        advance = Advance(
            day_number=next_day.day_number,
            date=next_day.date.isoformat(),
            date_label=f"{next_day.date:%A} {next_day.date.day} {next_day.date:%B %Y}",
            call=hhmm(next_day.call_time),
            scenes=_scene_rows(next_scenes),
        )

    return Sheet(
        production=production.title,
        company=production.company_name,
        time_zone=production.time_zone,
        day_number=day.day_number,
        total_days=total,
        date=day.date.isoformat(),
        date_label=f"{day.date:%A} {day.date.day} {day.date:%B %Y}",
        unit=day.unit,
        general_call=hhmm(general_call),
        shooting_call=hhmm(call_sheet.shooting_call),
        breakfast=hhmm(call_sheet.breakfast),
        lunch=hhmm(call_sheet.lunch),
        wrap=hhmm(day.wrap_time),
        weather=call_sheet.weather,
        sunrise=locations[0].sunrise if locations else "",
        sunset=locations[0].sunset if locations else "",
        scenes=_scene_rows(scenes),
        pages=format_eighths(sum(s.remaining_eighths for s in scenes)),
        cast=cast_rows,
        background=[line.strip() for line in call_sheet.background.splitlines() if line.strip()],
        crew=[CrewDepartment(department=name, people=rows) for name, rows in departments.items()],
        locations=locations,
        contacts=_contacts(shared.office if shared is not None else _office(production), crew),
        safety_notes=call_sheet.safety_notes,
        notes=call_sheet.notes,
        advance=advance,
    )
