"""The slate: every project of every production the user is a member of, sorted and filtered in
SQL, one query however long the slate."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Q, QuerySet

from apps.core.money import format_money
from apps.development.models import Project, Status
from apps.productions.capabilities import CAPABILITY_ROLES, Capability
from apps.productions.models import Format, Phase

# ?sort= values and the columns they order by (a leading "-" reverses).
SORTS = {
    "title": "production__title",
    "genre": "genre",
    "format": "production__format",
    "budget": "budget_high",
    "status": "status",
    "owner": "owner__full_name",
    "next": "next_step_date",
    "phase": "production__phase",
}
DEFAULT_SORT = "next"


@dataclass(frozen=True)
class SlateFilter:
    q: str = ""
    status: str = ""
    format: str = ""
    phase: str = ""
    sort: str = DEFAULT_SORT

    @classmethod
    def from_query(cls, params) -> SlateFilter:
        sort = params.get("sort", DEFAULT_SORT)
        if sort.lstrip("-") not in SORTS:
            sort = DEFAULT_SORT
        return cls(
            q=params.get("q", "").strip()[:100],
            status=params.get("status", "") if params.get("status") in Status.values else "",
            format=params.get("format", "") if params.get("format") in Format.values else "",
            phase=params.get("phase", "") if params.get("phase") in Phase.values else "",
            sort=sort,
        )

    def as_query(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}


def slate_of(user, wanted: SlateFilter) -> QuerySet[Project]:
    """The user's projects: only productions they are a member of (the membership is the join)."""
    # One filter(), so the user and the role are the same membership row.
    projects = Project.objects.filter(
        production__memberships__user=user,
        production__memberships__role__in=CAPABILITY_ROLES[Capability.VIEW_DEVELOPMENT],
    ).select_related("production", "owner")
    if wanted.q:
        projects = projects.filter(
            Q(production__title__icontains=wanted.q)
            | Q(logline__icontains=wanted.q)
            | Q(genre__icontains=wanted.q)
        )
    if wanted.status:
        projects = projects.filter(status=wanted.status)
    if wanted.format:
        projects = projects.filter(production__format=wanted.format)
    if wanted.phase:
        projects = projects.filter(production__phase=wanted.phase)
    column = F(SORTS[wanted.sort.lstrip("-")])
    descending = wanted.sort.startswith("-")
    expression = column.desc(nulls_last=True) if descending else column.asc(nulls_last=True)
    return projects.order_by(expression, "production__title")


def budget_range(project: Project) -> str:
    currency = project.production.currency
    low, high = project.budget_low, project.budget_high
    if low is None and high is None:
        return ""
    if low is None or high is None or low == high:
        return format_money(low if high is None else high, currency)
    return f"{format_money(low, currency)} – {format_money(high, currency)}"


EXPORT_HEADER = [
    "Title", "Logline", "Genre", "Format", "Phase", "Currency", "Budget from", "Budget to",
    "Status", "Owner", "Next step", "Next step by",
]  # fmt: skip


def export_rows(projects) -> list[list]:
    return [
        [
            p.production.title,
            p.logline,
            p.genre,
            p.production.get_format_display(),
            p.production.get_phase_display(),
            p.production.currency,
            p.budget_low,
            p.budget_high,
            p.get_status_display(),
            p.owner.display_name if p.owner else "",
            p.next_step,
            p.next_step_date,
        ]
        for p in projects
    ]
