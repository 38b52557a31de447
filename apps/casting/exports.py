"""Casting's lists as spreadsheets (CSV and XLSX through apps/core/exports): the actors, the
agencies with their agents and managers, a role's submissions and its shortlist.

Contacts (e-mails, phones, an agency's address, the agent's e-mail and phone) are columns only
for a member who may see talent contacts (`VIEW_TALENT_CONTACTS`), as on the pages: the view
passes `contacts`, and without it the columns are not there at all. Every text cell is made inert
by core's exports. (The roles list's export is `queries.EXPORT_HEADER`.)"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from apps.casting.models import Actor, Agency, Representative, ShortlistEntry, Submission


def local(moment):
    """A stored moment as the production office reads it (the sheet's cells hold no zone)."""
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0) if moment else ""


def _rep(person: Representative | None) -> list:
    return [person.name, person.agency.name] if person else ["", ""]


def _rep_contacts(person: Representative | None) -> list:
    return [person.email, person.phone] if person else ["", ""]


def _table(header: list[str], extra: list[str], rows, contacts: bool) -> tuple[list, list]:
    """The header and rows, each row (base, contact columns) cut to what the member may see."""
    if contacts:
        return header + extra, [base + more for base, more in rows]
    return list(header), [base for base, _ in rows]


# --- Actors -------------------------------------------------------------------------------------

ACTOR_HEADER = [
    "Name",
    "Agent",
    "Agency",
    "Manager",
    "Management",
    "Union status",
    "Union",
    "Playing age",
    "Submissions",
]
ACTOR_CONTACTS = ["E-mail", "Phone", "Agent e-mail", "Agent phone"]


def _playing_age(actor: Actor) -> str:
    low, high = actor.playing_age_min, actor.playing_age_max
    if low is not None and high is not None:
        return f"{low}–{high}"
    if low is not None:
        return f"{low}+"
    return f"up to {high}" if high is not None else ""


def actor_table(actors: Iterable[Actor], *, contacts: bool) -> tuple[list, list]:
    """`queries.actors_of` (annotated with `submitted`) as a sheet."""
    rows = [
        (
            [
                actor.name,
                *_rep(actor.agent),
                *_rep(actor.manager),
                actor.get_union_status_display(),
                actor.union_name,
                _playing_age(actor),
                actor.submitted,
            ],
            [actor.email, actor.phone, *_rep_contacts(actor.agent)],
        )
        for actor in actors
    ]
    return _table(ACTOR_HEADER, ACTOR_CONTACTS, rows, contacts)


# --- Agencies -----------------------------------------------------------------------------------

AGENCY_HEADER = ["Agency", "Kind", "Agent or manager"]
AGENCY_CONTACTS = ["Agency e-mail", "Agency phone", "Agency address", "E-mail", "Phone"]


def agency_table(agencies: Iterable[Agency], *, contacts: bool) -> tuple[list, list]:
    """One row per agent or manager (an agency with nobody yet: one row of its own)."""
    rows = []
    for agency in agencies:
        own = [agency.email, agency.phone, agency.address]
        people = list(agency.representatives.all()) or [None]
        for person in people:
            name = person.name if person else ""
            rows.append(
                (
                    [agency.name, agency.get_kind_display(), name],
                    [*own, *_rep_contacts(person)],
                )
            )
    return _table(AGENCY_HEADER, AGENCY_CONTACTS, rows, contacts)


# --- A role's submissions and shortlist ---------------------------------------------------------

SUBMISSION_HEADER = [
    "Actor",
    "Agent",
    "Agency",
    "Submitted by",
    "How",
    "State",
    "Note",
    "Submitted on",
]
SUBMISSION_CONTACTS = ["Actor e-mail", "Actor phone", "Agent e-mail", "Agent phone"]


def submission_table(submissions: Iterable[Submission], *, contacts: bool) -> tuple[list, list]:
    """`queries.submissions_of(role)` as a sheet; the agent is the one who submitted, else the
    actor's own."""
    rows = []
    for submission in submissions:
        agent = submission.submitted_by or submission.actor.agent
        rows.append(
            (
                [
                    submission.actor.name,
                    *_rep(agent),
                    submission.submitted_by.name if submission.submitted_by else "",
                    submission.get_via_display(),
                    submission.get_state_display(),
                    submission.note,
                    local(submission.created_at),
                ],
                [submission.actor.email, submission.actor.phone, *_rep_contacts(agent)],
            )
        )
    return _table(SUBMISSION_HEADER, SUBMISSION_CONTACTS, rows, contacts)


SHORTLIST_HEADER = ["Rank", "Actor", "Agent", "Agency", "Comments"]
SHORTLIST_CONTACTS = ["Actor e-mail", "Actor phone", "Agent e-mail", "Agent phone"]


def _comments(entry: ShortlistEntry) -> str:
    return "\n".join(
        f"{comment.author.display_name if comment.author else 'someone'}: {comment.text}"
        for comment in entry.comments.all()
    )


def shortlist_table(entries: Iterable[ShortlistEntry], *, contacts: bool) -> tuple[list, list]:
    """`queries.shortlist_of(role)` in rank order, each entry's comments in one cell."""
    rows = [
        (
            [entry.rank, entry.actor.name, *_rep(entry.actor.agent), _comments(entry)],
            [entry.actor.email, entry.actor.phone, *_rep_contacts(entry.actor.agent)],
        )
        for entry in entries
    ]
    return _table(SHORTLIST_HEADER, SHORTLIST_CONTACTS, rows, contacts)
