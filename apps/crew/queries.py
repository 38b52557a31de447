"""Reads that matter: the crew list, who works on a date, the board, the dashboard numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Lower

from apps.crew.models import (
    Candidate,
    DayAssignment,
    DealMemo,
    Department,
    Engagement,
    MemoState,
    Opening,
    OpeningStatus,
    Person,
    Position,
    Stage,
)
from apps.productions.access import own_department, scoped
from apps.productions.capabilities import Capability
from apps.productions.models import Membership, Production
from apps.schedules.models import DayKind, ShootDay

BOARD_STAGES = [
    Stage.APPLIED,
    Stage.SHORTLISTED,
    Stage.INTERVIEW,
    Stage.OFFER,
    Stage.HIRED,
    Stage.DECLINED,
    Stage.WITHDRAWN,
]


def engagements(production: Production) -> QuerySet[Engagement]:
    return Engagement.objects.filter(production=production).select_related(
        "person", "position", "department", "deal_memo"
    )


def crew_list(
    production: Production,
    membership: Membership,
    department: Department | None = None,
    search: str = "",
) -> QuerySet[Engagement]:
    """Everyone hired, by department, limited to the member's department for department heads;
    `search` finds a name, an e-mail or a position."""
    rows = scoped(membership, engagements(production))
    if department is not None:
        rows = rows.filter(department=department)
    if search:
        rows = rows.filter(
            Q(person__name__icontains=search)
            | Q(person__email__icontains=search)
            | Q(position__title__icontains=search)
        )
    return rows.order_by(*Engagement._meta.ordering, "pk")


def working_on(production: Production, day: date) -> QuerySet[Engagement]:
    """The engagements whose person works on `day` (see EngagementQuerySet.working_on), with
    person, position and department (not the memo: call sheets read this, and print no terms)."""
    return (
        Engagement.objects.filter(production=production)
        .select_related("person", "position", "department")
        .working_on(day)
    )


def departments_of(production: Production, membership: Membership) -> QuerySet[Department]:
    rows = Department.objects.filter(production=production)
    limit = own_department(membership)
    return rows if limit is None else rows.filter(pk=limit)


def people_of(production: Production, membership: Membership) -> QuerySet[Person]:
    """The directory; a department head sees the people hired or proposed in their department."""
    rows = Person.objects.filter(production=production)
    limit = own_department(membership)
    if limit is not None:
        rows = rows.filter(
            Q(engagements__department=limit) | Q(candidacies__opening__position__department=limit)
        ).distinct()
    return rows


def openings_of(production: Production, membership: Membership) -> QuerySet[Opening]:
    rows = Opening.objects.filter(production=production).select_related("position__department")
    rows = scoped(membership, rows, path="position__department")
    return rows.annotate(
        candidate_count=Count(
            "candidates", filter=~Q(candidates__stage__in=(Stage.DECLINED, Stage.WITHDRAWN))
        )
    )


def board(opening: Opening) -> list[tuple[str, str, list[Candidate]]]:
    """The columns of an opening's board: (stage, label, candidates)."""
    cards: dict[str, list[Candidate]] = {stage: [] for stage in BOARD_STAGES}
    for candidate in opening.candidates.select_related("person").order_by("created_at"):
        cards[candidate.stage].append(candidate)
    return [(stage, Stage(stage).label, cards[stage]) for stage in BOARD_STAGES]


def memos_of(production: Production, membership: Membership) -> QuerySet[DealMemo]:
    rows = DealMemo.objects.filter(production=production).select_related(
        "person", "position__department"
    )
    return scoped(membership, rows, path="position__department")


def my_memos(production: Production, user) -> QuerySet[DealMemo]:
    """A member's own deal memos: those of the person linked to their account (never by an equal
    e-mail; see services.people)."""
    return (
        DealMemo.objects.filter(production=production, person__user=user)
        .exclude(state=MemoState.DRAFT)
        .select_related("person", "position__department")
    )


def panel_numbers(production: Production, membership: Membership) -> dict:
    openings = scoped(
        membership,
        Opening.objects.filter(production=production, status=OpeningStatus.OPEN),
        path="position__department",
    )
    memos = scoped(
        membership,
        DealMemo.objects.filter(production=production, state=MemoState.SENT),
        path="position__department",
    )
    today = production.today()
    crew = scoped(
        membership,
        Engagement.objects.filter(production=production).filter(
            Q(last_day__isnull=True) | Q(last_day__gte=today)
        ),
    )
    # What crew's memos committed, as recorded when each commitment was made (the budget's cost
    # report is the authority; this is the crew side's running figure).
    committed = scoped(
        membership,
        DealMemo.objects.filter(
            production=production,
            state__in=(MemoState.ACCEPTED, MemoState.COUNTERSIGNED),
            committed_amount__isnull=False,
        ),
        path="position__department",
    ).aggregate(total=Sum("committed_amount"))["total"]
    return {
        "open_positions": openings.count(),
        "offers_out": memos.count(),
        "crew_count": crew.count(),
        "labour_committed": committed or Decimal("0.00"),
    }


# --- Days: who works which shoot day ------------------------------------------------------------


@dataclass(frozen=True)
class CrewCall:
    """One person called on a shoot day, as a call sheet lists them."""

    person: Person
    position: Position | None
    department: Department | None
    call_time: time | None  # their own call, else the day's estimated crew call
    day_player: bool
    engagement: Engagement | None = None
    assignment: DayAssignment | None = None


def day_players(production: Production) -> QuerySet[DayAssignment]:
    return DayAssignment.objects.filter(production=production).select_related(
        "person", "position__department", "shoot_day"
    )


def crew_for_day(shoot_day: ShootDay) -> list[CrewCall]:
    """Everyone who works `shoot_day`: on a shoot day the crew list working on its date, then
    anyone booked on it (day players), by department. A crew member also booked that day keeps
    the booking's call time. Two queries. Call sheets read this."""
    production = shoot_day.production
    booked = {a.person_id: a for a in day_players(production).filter(shoot_day=shoot_day)}
    crew = working_on(production, shoot_day.date) if shoot_day.is_shoot else []
    calls = []
    for engagement in crew:
        assignment = booked.pop(engagement.person_id, None)
        calls.append(
            CrewCall(
                person=engagement.person,
                position=engagement.position,
                department=engagement.department,
                call_time=(assignment and assignment.call_time) or shoot_day.call_time,
                day_player=False,
                engagement=engagement,
                assignment=assignment,
            )
        )
    for assignment in booked.values():
        position = assignment.position
        calls.append(
            CrewCall(
                person=assignment.person,
                position=position,
                department=position.department if position else None,
                call_time=assignment.call_time or shoot_day.call_time,
                day_player=True,
                assignment=assignment,
            )
        )
    return sorted(calls, key=_department_order)


def _department_order(call: CrewCall) -> tuple:
    department = call.department
    return (
        department is None,
        department.order if department else 0,
        department.name if department else "",
        call.person.name,
    )


@dataclass
class GridRow:
    person: Person
    label: str  # position, or "Day player"
    cells: list[dict]


@dataclass
class DayGrid:
    days: list[ShootDay]
    rows: list[GridRow]
    conflicts: int
    problems: list[str] = field(default_factory=list)  # every clash, in words, in grid order
    earliest: date | None = None  # the schedule's first and last dates, whatever the window
    latest: date | None = None
    window: tuple[date, date] | None = None  # the first and last dates shown, if not every day


ALREADY_ON_THE_LIST = (
    "{person} is booked as a day player on {day}, a day they already work from the crew list: "
    "they would be paid twice."
)
BOOKED_ON_A_DAY_OFF = "{person} is booked on {day}, which is not a shoot day."
ELSEWHERE = "{person} also works on {date:%a %d %b} in {titles}."


def day_grid(production: Production, membership: Membership, window=None) -> DayGrid:
    """People × shoot days (those between the first and last date `window` chooses from the
    schedule's dates, if given): ● works (on the crew list), DP booked as a day player, with a
    warning where the same person (by e-mail) is booked that date in another production the
    member can see. Five queries, however many people and days."""
    every_day = list(ShootDay.objects.filter(production=production).order_by("date", "position"))
    dates = [d.date for d in every_day]
    shown = window(dates) if window else None
    days = [d for d in every_day if shown is None or shown[0] <= d.date <= shown[1]]
    engaged = list(scoped(membership, engagements(production)))
    assignments = list(day_players(production))
    limit = own_department(membership)
    if limit is not None:
        assignments = [a for a in assignments if a.position and a.position.department_id == limit]
    booked = {(a.person_id, a.shoot_day_id): a for a in assignments}
    people: dict[int, tuple[Person, str]] = {}
    for e in engaged:
        people.setdefault(e.person_id, (e.person, e.position.title))
    for a in assignments:
        label = f"Day player, {a.position.title}" if a.position else "Day player"
        people.setdefault(a.person_id, (a.person, label))
    elsewhere = bookings_elsewhere(
        production,
        membership.user,
        {person.email.lower() for person, _ in people.values()},
        {day.date for day in days},
    )
    rows, problems = [], []
    for person_id, (person, label) in sorted(people.items(), key=lambda item: item[1][0].name):
        mine = [e for e in engaged if e.person_id == person_id]
        cells = []
        for day in days:
            works = day.kind == DayKind.SHOOT and any(e.is_working_on(day.date) for e in mine)
            others = sorted(elsewhere.get((person.email.lower(), day.date), ()))
            assignment = booked.get((person_id, day.id))
            clashes = []
            if others and (works or assignment):
                clashes.append(
                    ELSEWHERE.format(person=person, date=day.date, titles=", ".join(others))
                )
            if assignment and works:
                clashes.append(ALREADY_ON_THE_LIST.format(person=person, day=day))
            if assignment and day.kind in (DayKind.OFF, DayKind.HOLIDAY):
                clashes.append(BOOKED_ON_A_DAY_OFF.format(person=person, day=day))
            problems += clashes
            cells.append(
                {
                    "day": day,
                    "works": works,
                    "assignment": assignment,
                    "elsewhere": others,
                    "clashes": clashes,
                }
            )
        rows.append(GridRow(person, label, cells))
    first, last = min(dates, default=None), max(dates, default=None)
    return DayGrid(days, rows, len(problems), problems, first, last, shown)


def bookings_elsewhere(
    production: Production, user, emails: set[str], dates: set[date]
) -> dict[tuple[str, date], set[str]]:
    """For each (e-mail, date) among those given, the titles of the member's other productions
    (those where they may see the crew) that have that person working or booked that date."""
    if not emails or not dates:
        return {}
    others = [
        m.production_id
        for m in Membership.objects.filter(user=user).exclude(production=production)
        if m.can(Capability.VIEW_CREW)
    ]
    if not others:
        return {}
    first, last = min(dates), max(dates)
    found: dict[tuple[str, date], set[str]] = {}
    engaged = (
        Engagement.objects.filter(production_id__in=others, start_date__lte=last)
        .annotate(email=Lower("person__email"))
        .filter(email__in=emails)
        .filter(
            Q(last_day__gte=first)
            | Q(last_day__isnull=True, end_date__gte=first)
            | Q(last_day__isnull=True, end_date__isnull=True)
        )
        .select_related("production")
    )
    for engagement in engaged:
        for day in dates:
            if engagement.is_working_on(day):
                found.setdefault((engagement.email, day), set()).add(engagement.production.title)
    booked = (
        DayAssignment.objects.filter(production_id__in=others, shoot_day__date__in=dates)
        .annotate(email=Lower("person__email"))
        .filter(email__in=emails)
        .select_related("production", "shoot_day")
    )
    for assignment in booked:
        key = (assignment.email, assignment.shoot_day.date)
        found.setdefault(key, set()).add(assignment.production.title)
    return found


def memo_history(memo: DealMemo) -> dict:
    """A memo's history for its page: the terms as first signed (who, when, from where), and each
    amendment with its changes as people read them."""
    from apps.crew.services.wording import change_lines

    signed = None
    if memo.accepted_at is not None:
        record = (
            memo.history.filter(accepted_at__isnull=False)
            .select_related("position__department", "person")
            .order_by("history_date")
            .first()
        )
        signed = record.instance if record is not None else None
    amendments = list(memo.amendments.select_related("created_by").order_by("number"))
    position_ids = {
        int(value)
        for a in amendments
        for value in (a.changes.get("position", {}).get(k) for k in ("old", "new"))
        if value
    }
    positions = Position.objects.in_bulk(position_ids) if position_ids else {}
    currency = memo.production.currency
    for amendment in amendments:
        amendment.lines = change_lines(amendment.changes, currency, positions)
    open_amendment = next((a for a in amendments if a.is_open), None)
    return {
        "signed_terms": signed if amendments else None,
        "amendments": amendments,
        "open_amendment": open_amendment,
        # The copies and notices sent on each answer, with how their sending went.
        "notices": list(memo.notices.select_related("amendment").order_by("created_at", "pk")),
    }
