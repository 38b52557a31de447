"""Reads that matter: the roles with their days from the Day Out of Days, a role's submissions and
shortlist, the actors with their representation; the roles list as exported."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from apps.casting.models import Actor, Role, ShortlistComment, ShortlistEntry, Submission
from apps.productions.models import Production
from apps.schedules.queries import dood


@dataclass
class RoleRow:
    role: Role
    work: int | None = None  # None: the role has no part on the schedule yet
    hold: int | None = None
    travel: int | None = None
    start: object = None
    finish: object = None

    @property
    def days(self) -> int | None:
        if self.work is None:
            return None
        return self.work + self.hold + self.travel


def roles_of(production: Production) -> QuerySet[Role]:
    return (
        Role.objects.filter(production=production)
        .select_related("cast_member", "booked_actor")
        .annotate(
            submitted=Count("submissions", distinct=True),
            shortlisted=Count("shortlist", distinct=True),
        )
        .order_by("cast_member__id_number", "name")
    )


def role_rows(production: Production, roles=None) -> list[RoleRow]:
    """Each role with its work, hold and travel days as the Day Out of Days counts them now.
    Queries: the roles, and the DOOD's 3-4 for the parts they stand for (none without any)."""
    roles = list(roles if roles is not None else roles_of(production))
    parts = {role.cast_member_id for role in roles if role.cast_member_id}
    by_part = {}
    if parts:
        by_part = {row.member.pk: row for row in dood(production, only=parts, pages=False).rows}
    rows = []
    for role in roles:
        found = by_part.get(role.cast_member_id)
        if found is None:
            rows.append(RoleRow(role))
        else:
            rows.append(
                RoleRow(role, found.work, found.hold, found.travel, found.start, found.finish)
            )
    return rows


def role_for(production: Production, pk: int) -> QuerySet[Role]:
    return Role.objects.filter(production=production, pk=pk).select_related(
        "cast_member", "booked_actor"
    )


def submissions_of(role: Role) -> QuerySet[Submission]:
    return role.submissions.select_related("actor__agent__agency", "submitted_by__agency").order_by(
        "state", "created_at"
    )


def shortlist_of(role: Role) -> QuerySet[ShortlistEntry]:
    comments = ShortlistComment.objects.select_related("author").order_by("created_at")
    return (
        role.shortlist.select_related("actor__agent__agency")
        .prefetch_related(Prefetch("comments", queryset=comments))
        .order_by("rank", "pk")
    )


def actors_of(production: Production, search: str = "") -> QuerySet[Actor]:
    actors = Actor.objects.filter(production=production).select_related(
        "agent__agency", "manager__agency"
    )
    if search:
        actors = actors.filter(Q(name__icontains=search) | Q(agent__agency__name__icontains=search))
    return actors.annotate(submitted=Count("submissions", distinct=True)).order_by("name")


def actor_for(production: Production, pk: int) -> QuerySet[Actor]:
    return Actor.objects.filter(production=production, pk=pk).select_related(
        "agent__agency", "manager__agency"
    )


EXPORT_HEADER = [
    "Cast ID",
    "Role",
    "Description",
    "Age range",
    "Gender",
    "Speaking",
    "Status",
    "Work days",
    "Hold days",
    "Travel days",
    "Total days",
    "First day",
    "Last day",
    "Submissions",
    "Shortlisted",
    "Booked actor",
]


def export_rows(rows: list[RoleRow]) -> list[list]:
    """The roles list as a spreadsheet has it (every text cell made inert by core's exports)."""
    return [
        [
            row.role.cast_member.id_number if row.role.cast_member_id else "",
            row.role.name,
            row.role.description,
            row.role.age_range,
            row.role.get_gender_display(),
            "yes" if row.role.speaking else "no",
            row.role.get_status_display(),
            *(("", "", "", "") if row.work is None else (row.work, row.hold, row.travel, row.days)),
            row.start or "",
            row.finish or "",
            row.role.submitted,
            row.role.shortlisted,
            row.role.booked_actor.name if row.role.booked_actor_id else "",
        ]
        for row in rows
    ]
