"""Who a published call sheet is addressed to: the crew working the day, and the cast in its
scenes who have an e-mail address."""

from __future__ import annotations

from datetime import time

from apps.callsheets.models import CallSheet
from apps.callsheets.sheet import CastRow, Sheet
from apps.crew.queries import crew_for_day
from apps.schedules.models import CastMember

# The department a cast member's recipient row is listed under on the tracking page.
CAST_DEPARTMENT = "Cast"


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


def cast_first_call(row: CastRow) -> str:
    """Where an actor must be first, as the sheet shows it (see `CastRow.first_call`)."""
    return row.first_call


def cast_recipients(sheet: Sheet) -> list[dict]:
    """The cast of a published sheet who have an e-mail address, with their own call read from
    the sheet itself so the e-mail says what the printed sheet says. One query."""
    rows = {row.cast_member: row for row in sheet.cast if row.cast_member is not None}
    members = CastMember.objects.filter(pk__in=rows).exclude(email="").order_by("id_number")
    recipients = []
    for member in members:
        first = rows[member.pk].first_call
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


def cast_unreachable(sheet: Sheet) -> list[CastRow]:
    """The cast rows of a published sheet whose actor has no e-mail address (now): told on the
    tracking page so the AP can phone them. One query."""
    rows = {row.cast_member: row for row in sheet.cast}
    reachable = set(
        CastMember.objects.filter(pk__in=rows).exclude(email="").values_list("pk", flat=True)
    )
    return [row for pk, row in rows.items() if pk not in reachable]
