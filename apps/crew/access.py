"""Crew's scope hooks for `@production_view(..., scope=...)`: which openings, candidates, memos,
people and crew a department head reaches (their own department's, by key; see
apps/productions/access.py). Views declare these in their one access line and check nothing
themselves."""

from __future__ import annotations

from apps.crew import queries
from apps.crew.models import (
    Candidate,
    DayAssignment,
    DealMemo,
    Department,
    Engagement,
    MemoState,
    Opening,
    Person,
    Position,
)
from apps.productions.access import (
    ProductionRequest,
    Reach,
    department_scope,
    in_department,
    office_only,
    own_department,
)
from apps.productions.capabilities import Capability as C

opening_scope = department_scope(Opening, "position__department")
candidate_scope = department_scope(Candidate, "opening__position__department")
position_scope = department_scope(Position, "department")
engagement_scope = department_scope(Engagement, "department")
# A day player booked without a position belongs to no department: the office's to remove.
day_assignment_scope = department_scope(DayAssignment, "position__department")
memo_scope = department_scope(DealMemo, "position__department")


OFFICE_ONLY = "Only the production office changes the list of departments."


def department_office_only(request: ProductionRequest, **kwargs) -> Reach:
    """Renaming or removing a department is the office's: a department head is refused."""
    return office_only(request)


department_office_only.refusal = OFFICE_ONLY
department_office_only.model = Department  # read by the access matrix test


def departments_page(request: ProductionRequest, **kwargs) -> Reach:
    """Everyone who hires adds positions to the departments they see; only the office adds a
    department."""
    adds_department = request.method == "POST" and "dept-name" in request.POST
    if adds_department and own_department(request.membership) is not None:
        return Reach.REFUSED
    return Reach.WRITE


departments_page.refusal = OFFICE_ONLY


def person_scope(request: ProductionRequest, pk: int) -> Reach:
    """A department head reaches the people hired or proposed in their department; anyone else in
    the directory does not exist for them."""
    if own_department(request.membership) is None:
        return Reach.WRITE
    visible = queries.people_of(request.production, request.membership).filter(pk=pk).exists()
    return Reach.WRITE if visible else Reach.HIDDEN


person_scope.model = Person  # read by the access matrix test


def memo_reader(request: ProductionRequest, pk: int) -> Reach:
    """The office sees every memo (a department head none: rates); anyone sees their own, once
    sent. Someone else's memo does not exist for a member who may not read memos."""
    memo = (
        DealMemo.objects.filter(production=request.production, pk=pk)
        .values("state", "person__user", "position__department")
        .first()
    )
    if memo is None:
        return Reach.HIDDEN
    own = memo["person__user"] is not None and memo["person__user"] == request.user.pk
    if own and memo["state"] != MemoState.DRAFT:
        return Reach.READ
    if not request.membership.can(C.VIEW_CREW_RATES):
        return Reach.HIDDEN
    if not in_department(request.membership, memo["position__department"]):
        return Reach.REFUSED
    return Reach.READ


memo_reader.model = DealMemo  # read by the access matrix test
