"""Reads for the screenings pages: the screenings with their counts, who may be invited (members,
crew, cast), the feedback summary, and the export rows of the screenings, a screening's guest list
and costs, and its feedback summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum

from apps.crew.models import Engagement
from apps.post.screenings.models import QUESTIONS, Feedback, Guest, GuestSource, Rsvp, Screening
from apps.post.screenings.services import Candidate
from apps.productions.models import Membership
from apps.schedules.models import CastMember

GROUPS = {
    "members": "All members of the production",
    "crew": "All crew",
    "cast": "All cast",
}


def screenings_of(production):
    return Screening.objects.filter(production=production).annotate(
        guest_count=Count("guests", distinct=True),
        coming=Count("guests", filter=Q(guests__rsvp=Rsvp.YES), distinct=True),
        arrived=Count("guests", filter=Q(guests__checked_in_at__isnull=False), distinct=True),
    )


SCREENINGS_HEADER = [
    "Screening",
    "Kind",
    "Date",
    "Time",
    "Venue",
    "Cut shown",
    "Guests",
    "Coming",
    "Arrived",
]


def screenings_export_rows(screenings) -> list[list]:
    """The screenings as the list shows them (`screenings_of`'s counts)."""
    return [
        [
            s.title,
            s.get_kind_display(),
            s.date,
            f"{s.starts_at:%H:%M}",
            s.venue,
            s.cut_shown,
            s.guest_count,
            s.coming,
            s.arrived,
        ]
        for s in screenings
    ]


def costs_of(screening: Screening):
    return screening.costs.select_related("vendor", "purchase_order")


COSTS_HEADER = ["What", "Vendor", "Budget account", "Amount", "Purchase order", "Order status"]
COSTS_MONEY_COLUMNS = (3,)


def costs_export_rows(costs) -> list[list]:
    return [
        [
            c.description,
            c.vendor.name if c.vendor else "",
            c.account_number,
            c.amount,
            c.purchase_order.label if c.purchase_order else "",
            c.purchase_order.get_status_display() if c.purchase_order else "",
        ]
        for c in costs
    ]


def guests_of(screening: Screening):
    return screening.guests.select_related("feedback").order_by("name", "pk")


def candidates(production, group: str) -> list[Candidate]:
    """Everyone in a group who may be invited (those without an e-mail address cannot be)."""
    if group == "members":
        rows = Membership.objects.filter(production=production).select_related("user")
        return [
            Candidate(GuestSource.MEMBER, f"user:{m.user_id}", str(m.user), m.user.email)
            for m in rows
        ]
    if group == "crew":
        rows = (
            Engagement.objects.filter(production=production)
            .select_related("person")
            .order_by("person__name", "pk")
        )
        seen, found = set(), []
        for e in rows:
            if e.person_id not in seen:
                seen.add(e.person_id)
                key = f"person:{e.person_id}"
                found.append(Candidate(GuestSource.CREW, key, e.person.name, e.person.email))
        return found
    if group == "cast":
        rows = CastMember.objects.filter(production=production).exclude(email="").exclude(actor="")
        return [
            Candidate(GuestSource.CAST, f"cast:{c.pk}", c.actor, c.email)
            for c in rows.order_by("id_number")
        ]
    return []


@dataclass
class QuestionSummary:
    name: str
    question: str
    answers: int
    average: Decimal | None
    # How many gave each rating, 1 to 5.
    counts: list[int] = field(default_factory=list)

    @property
    def percent(self) -> int:
        """The average as a share of 5, for the bar's width."""
        return int(self.average * 20) if self.average is not None else 0


@dataclass
class Summary:
    invited: int
    coming: int
    not_coming: int
    waiting: int
    plus_ones: int
    arrived: int
    responses: int
    questions: list[QuestionSummary]
    comments: list[tuple[str, str]]


ONE_PLACE = Decimal("0.1")


def summary(screening: Screening) -> Summary:
    """The feedback in numbers: per question, how many rated it and the average (to one place,
    half up); the answers to the invitation; what guests wrote."""
    guests = screening.guests.aggregate(
        invited=Count("pk", filter=~Q(rsvp=Rsvp.NOT_INVITED)),
        coming=Count("pk", filter=Q(rsvp=Rsvp.YES)),
        not_coming=Count("pk", filter=Q(rsvp=Rsvp.NO)),
        waiting=Count("pk", filter=Q(rsvp=Rsvp.WAITING)),
        plus_ones=Sum("plus_ones", filter=Q(rsvp=Rsvp.YES), default=0),
        arrived=Count("pk", filter=Q(checked_in_at__isnull=False)),
    )
    feedback = list(
        Feedback.objects.filter(guest__screening=screening)
        .select_related("guest")
        .order_by("submitted_at")
    )
    questions = []
    for name, question in QUESTIONS:
        values = [getattr(f, name) for f in feedback if getattr(f, name) is not None]
        average = (
            (Decimal(sum(values)) / len(values)).quantize(ONE_PLACE, ROUND_HALF_UP)
            if values
            else None
        )
        counts = [values.count(n) for n in range(1, 6)]
        questions.append(QuestionSummary(name, question, len(values), average, counts))
    comments = [(f.guest.name, f.comments) for f in feedback if f.comments]
    return Summary(responses=len(feedback), questions=questions, comments=comments, **guests)


SUMMARY_HEADER = [
    "Question",
    "Answers",
    "Average (1-5)",
    "Rated 1",
    "Rated 2",
    "Rated 3",
    "Rated 4",
    "Rated 5",
    "Guest",
    "Comment",
]


def summary_export_rows(result: Summary) -> list[list]:
    """The summary page as rows: one per question (answers, average, how many gave each rating),
    then one per comment (who wrote it, what they wrote)."""
    rows = [[q.question, q.answers, q.average, *q.counts, "", ""] for q in result.questions]
    rows += [["", "", "", "", "", "", "", "", name, text] for name, text in result.comments]
    return rows


EXPORT_HEADER = ["Name", "E-mail", "From", "Answer", "Plus ones", "Arrived", "Feedback"]
EXPORT_HEADER_NO_EMAIL = [h for h in EXPORT_HEADER if h != "E-mail"]


def export_rows(screening: Screening, *, with_emails: bool) -> list[list]:
    rows = []
    for g in guests_of(screening):
        arrived = g.checked_in_at.astimezone(screening.production.tz) if g.checked_in_at else None
        row = [
            g.name,
            g.email,
            g.get_source_display(),
            g.get_rsvp_display(),
            g.plus_ones,
            f"{arrived:%H:%M}" if arrived else "",
            "yes" if has_feedback(g) else "",
        ]
        if not with_emails:
            del row[1]
        rows.append(row)
    return rows


def has_feedback(guest: Guest) -> bool:
    try:
        return guest.feedback is not None
    except Feedback.DoesNotExist:
        return False
