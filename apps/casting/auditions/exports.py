"""Auditions as spreadsheets: the sessions list, and one session's slot grid (a row per slot, in
time order). The grid's contacts (the actor's e-mail and phone, where the invitation went, the
agent's e-mail and phone) are columns only for a member who may see talent contacts."""

from __future__ import annotations

from collections.abc import Iterable

from apps.casting.auditions.models import AuditionSession, AuditionSlot
from apps.casting.exports import local

SESSION_HEADER = [
    "Session",
    "Date",
    "Where",
    "Callback from",
    "Slots",
    "Not invited yet",
    "Invited",
    "Confirmed",
    "Declined",
]


def session_rows(sessions: Iterable[AuditionSession]) -> list[list]:
    """`queries.sessions_of` (slots counted by state) as a sheet: no contacts in it."""
    return [
        [
            s.title,
            s.date,
            s.where,
            s.follows.title if s.follows else "",
            s.slot_count,
            s.planned,
            s.invited,
            s.confirmed,
            s.declined,
        ]
        for s in sessions
    ]


SLOT_HEADER = [
    "Starts",
    "Ends",
    "Role",
    "Actor",
    "Agent",
    "Agency",
    "State",
    "Invitation",
    "Sent",
    "Answered",
    "Reviews",
    "Average rating",
]
SLOT_CONTACTS = ["Actor e-mail", "Actor phone", "Invitation to", "Agent e-mail", "Agent phone"]


def slot_table(slots: Iterable[AuditionSlot], *, contacts: bool) -> tuple[list, list]:
    """`queries.slots_of(session)` as a sheet (times as the grid shows them, HH:MM)."""
    header = SLOT_HEADER + (SLOT_CONTACTS if contacts else [])
    rows = []
    for slot in slots:
        agent = slot.actor.agent
        average = round(slot.average, 1) if slot.average is not None else ""
        row = [
            slot.starts_at.strftime("%H:%M"),
            slot.ends_at.strftime("%H:%M"),
            slot.role.name,
            slot.actor.name,
            agent.name if agent else "",
            agent.agency.name if agent else "",
            slot.get_state_display(),
            slot.get_send_status_display() if slot.send_status else "",
            local(slot.sent_at),
            local(slot.answered_at),
            len(slot.reviews.all()),
            average,
        ]
        if contacts:
            row += [
                slot.actor.email,
                slot.actor.phone,
                slot.recipient_email,
                agent.email if agent else "",
                agent.phone if agent else "",
            ]
        rows.append(row)
    return header, rows
