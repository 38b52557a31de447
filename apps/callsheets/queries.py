"""Reads: the call sheet's content built from the schedule and the crew, the diff between two
revisions, the tracking numbers and the dashboard's next call sheet.

`sheet_data` returns plain JSON-ready data (strings, numbers, lists, dicts): the same structure is
rendered for a draft and stored in a revision at publish, so a published sheet renders exactly as
it was sent, whatever happens to the schedule afterwards.
"""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

from django.db.models import Count, Q

from apps.callsheets.models import CallSheet, Recipient, RecipientStatus, Revision
from apps.crew.queries import crew_for_day
from apps.productions.capabilities import Role
from apps.productions.models import Membership, Production
from apps.schedules.importers.eighths import format_eighths
from apps.schedules.models import CastMember, ShootDay
from apps.schedules.queries import dood, scenes_for_board

# Positions named as key contacts, matched on the position's title (lower case).
FIRST_AD_TITLES = ("first assistant director", "1st assistant director", "1st ad")
UPM_TITLES = ("unit production manager", "upm")
# The department a cast member's recipient row is listed under on the tracking page.
CAST_DEPARTMENT = "Cast"


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
    """Sunrise and sunset at the place on the day, in the production's zone, computed offline by
    astral. Blank without coordinates; a dash where the sun does not rise or set (polar days)."""
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


def _shoot_days(production: Production) -> list[ShootDay]:
    return list(ShootDay.objects.filter(production=production, kind="shoot").order_by("position"))


def _scene_rows(scenes) -> list[dict]:
    rows = []
    for scene in scenes:
        location = scene.set.location
        rows.append(
            {
                "number": scene.number,
                "int_ext": scene.int_ext,
                "set": scene.set.name,
                "synopsis": scene.synopsis,
                "time_of_day": scene.time_of_day,
                "day_night": _day_night(scene.time_of_day),
                "pages": scene.pages,
                "eighths": scene.eighths,
                "cast": [member.id_number for member in scene.cast.all()],
                "location": location.name if location else "",
            }
        )
    return rows


def _day_night(time_of_day: str) -> str:
    text = time_of_day.upper()
    if "NIGHT" in text or "DUSK" in text or "EVENING" in text:
        return "N"
    return "D" if text else ""


def _contacts(production: Production, crew_rows) -> list[dict]:
    contacts = []
    members = (
        Membership.objects.filter(
            production=production, role__in=[Role.PRODUCER, Role.ASSOCIATE_PRODUCER]
        )
        .select_related("user")
        .order_by("role", "user__full_name")
    )
    for membership in members:
        user = membership.user
        contacts.append(
            {
                "role": membership.get_role_display(),
                "name": user.display_name,
                "phone": "",
                "email": user.email,
            }
        )
    for titles, label in ((FIRST_AD_TITLES, "1st AD"), (UPM_TITLES, "UPM")):
        for call in crew_rows:
            if call.position and call.position.title.lower() in titles:
                person = call.person
                contacts.append(
                    {
                        "role": label,
                        "name": person.name,
                        "phone": person.phone,
                        "email": person.email,
                    }
                )
    return contacts


def sheet_data(call_sheet: CallSheet) -> dict:
    """Everything the sheet prints. Queries: days, scenes (+sets, locations), cast links,
    DOOD (4), crew (2), memberships, cast calls, crew calls, the next day's scenes and cast."""
    day = call_sheet.shoot_day
    production = call_sheet.production
    day.production = production  # the same row: crew_for_day reads it from the day
    tz = production.tz
    shoot_days = _shoot_days(production)
    total = len(shoot_days)
    next_day = next((d for d in shoot_days if d.position > day.position), None)

    scenes = [s for s in scenes_for_board(production).filter(shoot_day=day) if not s.omitted]
    general_call = call_sheet.general_call or day.call_time

    # Cast: everyone in the day's scenes, with the day's DOOD code.
    cast_members = {}
    for scene in scenes:
        for member in scene.cast.all():
            cast_members[member.pk] = member
    schedule = dood(production)
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
            {
                "id": member.id_number,
                "cast_member": member.pk,
                "role": member.character,
                "name": member.actor,
                "status": codes.get(member.pk, ""),
                "pickup": hhmm(times.pickup) if times else "",
                "hair_makeup": hhmm(times.hair_makeup) if times else "",
                "on_set": hhmm(times.on_set) if times else "",
            }
        )

    # Crew: who works the day, by department, the general call unless their own.
    overrides = {c.person_id: c.call_time for c in call_sheet.crew_calls.all()}
    crew = crew_for_day(day)
    departments: dict[str, list[dict]] = {}
    for call in crew:
        own = overrides.get(call.person.pk)
        booked = call.assignment.call_time if call.assignment else None
        department = call.department.name if call.department else "Other"
        departments.setdefault(department, []).append(
            {
                "person": call.person.pk,
                "name": call.person.name,
                "position": call.position.title if call.position else "Day player",
                "phone": call.person.phone,
                "email": call.person.email,
                "call": hhmm(own or booked or general_call),
                "own_call": bool(own or booked),
                "day_player": call.day_player,
            }
        )

    # Locations: each distinct place of the day's scenes, in scene order.
    locations = []
    seen = set()
    for scene in scenes:
        location = scene.set.location
        if location is None or location.pk in seen:
            continue
        seen.add(location.pk)
        sunrise, sunset = sun_times(location.latitude, location.longitude, day.date, tz)
        locations.append(
            {
                "name": location.name,
                "address": location.address,
                "map": osm_link(location.latitude, location.longitude),
                "parking": location.parking,
                "contact": " ".join(filter(None, [location.contact_name, location.contact_phone])),
                "hospital_name": location.hospital_name,
                "hospital_address": location.hospital_address,
                "hospital_phone": location.hospital_phone,
                "sunrise": sunrise,
                "sunset": sunset,
            }
        )

    advance = None
    if next_day is not None:
        next_scenes = [
            s for s in scenes_for_board(production).filter(shoot_day=next_day) if not s.omitted
        ]
        advance = {
            "day_number": next_day.day_number,
            "date": next_day.date.isoformat(),
            "date_label": f"{next_day.date:%A} {next_day.date.day} {next_day.date:%B %Y}",
            "call": hhmm(next_day.call_time),
            "scenes": _scene_rows(next_scenes),
        }

    return {
        "production": production.title,
        "company": production.company_name,
        "time_zone": production.time_zone,
        "day_number": day.day_number,
        "total_days": total,
        "date": day.date.isoformat(),
        "date_label": f"{day.date:%A} {day.date.day} {day.date:%B %Y}",
        "unit": day.unit,
        "general_call": hhmm(general_call),
        "shooting_call": hhmm(call_sheet.shooting_call),
        "breakfast": hhmm(call_sheet.breakfast),
        "lunch": hhmm(call_sheet.lunch),
        "wrap": hhmm(day.wrap_time),
        "weather": call_sheet.weather,
        "sunrise": locations[0]["sunrise"] if locations else "",
        "sunset": locations[0]["sunset"] if locations else "",
        "scenes": _scene_rows(scenes),
        "pages": format_eighths(sum(s.eighths for s in scenes)),
        "cast": cast_rows,
        "background": [line.strip() for line in call_sheet.background.splitlines() if line.strip()],
        "crew": [{"department": name, "people": rows} for name, rows in departments.items()],
        "locations": locations,
        "contacts": _contacts(production, crew),
        "safety_notes": call_sheet.safety_notes,
        "notes": call_sheet.notes,
        "advance": advance,
    }


# --- What changed between two revisions ---------------------------------------------------------

HEADER_FIELDS = [
    ("date", "Date"),
    ("general_call", "General crew call"),
    ("shooting_call", "Shooting call"),
    ("breakfast", "Breakfast"),
    ("lunch", "Lunch"),
    ("wrap", "Estimated wrap"),
    ("weather", "Weather"),
    ("safety_notes", "Safety notes"),
    ("notes", "Notes"),
]


def _crew_by_person(data: dict) -> dict:
    return {
        row["person"]: row for department in data.get("crew", []) for row in department["people"]
    }


def diff(old: dict, new: dict) -> list[dict]:
    """What changed from `old` to `new`, one entry per change: header fields, scenes added or
    removed or changed, cast times, crew added or removed and call times changed."""
    changes = []
    for key, label in HEADER_FIELDS:
        if old.get(key, "") != new.get(key, ""):
            changes.append(
                {"kind": "changed", "what": label, "old": old.get(key, ""), "new": new.get(key, "")}
            )
    old_scenes = {s["number"]: s for s in old.get("scenes", [])}
    new_scenes = {s["number"]: s for s in new.get("scenes", [])}
    for number in new_scenes.keys() - old_scenes.keys():
        changes.append({"kind": "added", "what": f"Scene {number}", "old": "", "new": "added"})
    for number in old_scenes.keys() - new_scenes.keys():
        changes.append({"kind": "removed", "what": f"Scene {number}", "old": "", "new": "removed"})
    for number in new_scenes.keys() & old_scenes.keys():
        before, after = old_scenes[number], new_scenes[number]
        for key in ("set", "int_ext", "time_of_day", "pages", "cast", "location"):
            if before.get(key) != after.get(key):
                changes.append(
                    {
                        "kind": "changed",
                        "what": f"Scene {number} {key.replace('_', ' ')}",
                        "old": str(before.get(key)),
                        "new": str(after.get(key)),
                    }
                )
    old_cast = {c["id"]: c for c in old.get("cast", [])}
    new_cast = {c["id"]: c for c in new.get("cast", [])}
    for cast_id in sorted(new_cast.keys() - old_cast.keys()):
        changes.append(
            {"kind": "added", "what": f"Cast {cast_id} {new_cast[cast_id]['role']}", "old": "",
             "new": "added"}
        )  # fmt: skip
    for cast_id in sorted(old_cast.keys() - new_cast.keys()):
        changes.append(
            {"kind": "removed", "what": f"Cast {cast_id} {old_cast[cast_id]['role']}", "old": "",
             "new": "removed"}
        )  # fmt: skip
    for cast_id in sorted(new_cast.keys() & old_cast.keys()):
        for key, label in (("pickup", "pick-up"), ("hair_makeup", "hair and makeup"),
                           ("on_set", "on set")):  # fmt: skip
            if old_cast[cast_id][key] != new_cast[cast_id][key]:
                changes.append(
                    {
                        "kind": "changed",
                        "what": f"Cast {cast_id} {label}",
                        "old": old_cast[cast_id][key],
                        "new": new_cast[cast_id][key],
                    }
                )
    old_crew, new_crew = _crew_by_person(old), _crew_by_person(new)
    for pk in new_crew.keys() - old_crew.keys():
        changes.append({"kind": "added", "what": new_crew[pk]["name"], "old": "", "new": "added"})
    for pk in old_crew.keys() - new_crew.keys():
        changes.append(
            {"kind": "removed", "what": old_crew[pk]["name"], "old": "", "new": "removed"}
        )
    for pk in new_crew.keys() & old_crew.keys():
        if old_crew[pk]["call"] != new_crew[pk]["call"]:
            changes.append(
                {
                    "kind": "changed",
                    "what": f"{new_crew[pk]['name']} call",
                    "old": old_crew[pk]["call"],
                    "new": new_crew[pk]["call"],
                }
            )
    return changes


# --- Distribution and the dashboard -------------------------------------------------------------


def latest_revision(call_sheet: CallSheet) -> Revision | None:
    return call_sheet.revisions.order_by("-number").first()


def progress(revision: Revision) -> dict:
    """n of m sent, failed, confirmed: one query."""
    numbers = Recipient.objects.filter(revision=revision).aggregate(
        total=Count("pk"),
        sent=Count("pk", filter=Q(send_status=RecipientStatus.SENT)),
        failed=Count("pk", filter=Q(send_status=RecipientStatus.FAILED)),
        confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
    )
    return numbers


def next_call_sheet(production: Production) -> CallSheet | None:
    """The call sheet of the next shoot day from today (in the production's zone)."""
    return (
        CallSheet.objects.filter(production=production, shoot_day__date__gte=production.today())
        .select_related("shoot_day")
        .order_by("shoot_day__date", "shoot_day__position")
        .first()
    )


def recipients_for_day(call_sheet: CallSheet) -> list[dict]:
    """Who a publish e-mails from the crew: everyone working the day (crew list + day players),
    with their call. The cast are addressed from the published sheet: see `cast_recipients`."""
    data_crew = {}
    day = call_sheet.shoot_day
    overrides = {c.person_id: c.call_time for c in call_sheet.crew_calls.all()}
    general = call_sheet.general_call or day.call_time
    for call in crew_for_day(day):
        booked = call.assignment.call_time if call.assignment else None
        data_crew[call.person.pk] = {
            "person": call.person,
            "role": call.position.title if call.position else "Day player",
            "department": call.department.name if call.department else "",
            "call_time": overrides.get(call.person.pk) or booked or general,
        }
    return list(data_crew.values())


def cast_first_call(row: dict) -> str:
    """Where an actor must be first, as the sheet shows it: pick-up if they are collected, else
    hair and makeup, else on set ("" when the sheet gives them no time)."""
    return row["pickup"] or row["hair_makeup"] or row["on_set"]


def cast_recipients(data: dict) -> list[dict]:
    """The cast of a published sheet (`sheet_data`) who have an e-mail address, with their own
    call read from the sheet itself so the e-mail says what the printed sheet says. One query."""
    rows = {row["cast_member"]: row for row in data["cast"]}
    members = CastMember.objects.filter(pk__in=rows).exclude(email="").order_by("id_number")
    recipients = []
    for member in members:
        row = rows[member.pk]
        first = cast_first_call(row)
        recipients.append(
            {
                "cast_member": member,
                "name": member.actor or member.character,
                "email": member.email,
                "role": f"{member.character} (cast {member.id_number})",
                "department": CAST_DEPARTMENT,
                "call_time": time.fromisoformat(first) if first else None,
            }
        )
    return recipients


def cast_unreachable(data: dict) -> list[dict]:
    """The cast rows of a published sheet whose actor has no e-mail address (now): told on the
    tracking page so the AP can phone them. One query."""
    rows = {row["cast_member"]: row for row in data.get("cast", [])}
    reachable = set(
        CastMember.objects.filter(pk__in=rows).exclude(email="").values_list("pk", flat=True)
    )
    return [row for pk, row in rows.items() if pk not in reachable]
