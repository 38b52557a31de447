"""The slate: every project of every production the user is a member of, and every production of
theirs in the Development phase whose project nobody has edited yet, sorted and filtered in SQL,
one query however long the slate."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Q

from apps.core.money import format_money
from apps.development.models import Project, Status
from apps.productions.capabilities import CAPABILITY_ROLES, Capability
from apps.productions.models import Format, Phase, Production

# ?sort= values and the columns they order by (a leading "-" reverses), from the production.
SORTS = {
    "title": "title",
    "genre": "development__genre",
    "format": "format",
    "budget": "development__budget_high",
    "status": "development__status",
    "owner": "development__owner__full_name",
    "next": "development__next_step_date",
    "phase": "phase",
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


def slate_of(user, wanted: SlateFilter) -> list[Project]:
    """The user's projects: only productions they are a member of (the membership is the join).

    A production made in the Development phase (productions:create, not a new idea) has no
    `Project` row until its project is first edited; it is on the slate all the same, as the
    empty project its page shows (status Idea)."""
    # One filter(), so the user and the role are the same membership row.
    productions = Production.objects.filter(
        Q(development__isnull=False) | Q(phase=Phase.DEVELOPMENT),
        memberships__user=user,
        memberships__role__in=CAPABILITY_ROLES[Capability.VIEW_DEVELOPMENT],
    ).select_related("development", "development__owner")
    if wanted.q:
        productions = productions.filter(
            Q(title__icontains=wanted.q)
            | Q(development__logline__icontains=wanted.q)
            | Q(development__genre__icontains=wanted.q)
        )
    if wanted.status:
        status = Q(development__status=wanted.status)
        if wanted.status == Status.IDEA:  # a production without its row yet is an idea
            status |= Q(development__isnull=True)
        productions = productions.filter(status)
    if wanted.format:
        productions = productions.filter(format=wanted.format)
    if wanted.phase:
        productions = productions.filter(phase=wanted.phase)
    column = F(SORTS[wanted.sort.lstrip("-")])
    descending = wanted.sort.startswith("-")
    expression = column.desc(nulls_last=True) if descending else column.asc(nulls_last=True)
    return [_project(p) for p in productions.order_by(expression, "title")]


def _project(production: Production) -> Project:
    try:
        project = production.development
    except Project.DoesNotExist:
        project = Project(production=production)  # not saved: the slate only reads it
    project.production = production
    return project


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
