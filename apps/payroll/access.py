"""Payroll's scope hooks for `@production_view(..., scope=...)`: whose timecards a member reaches.

- The office and the accounts (whoever reads rates, `VIEW_CREW_RATES`, or gives the accounts'
  approval) reach every timecard.
- A department head reaches their department's (the engagement's department), and another
  department's is refused (403).
- Anyone else (crew, the coordinator) reaches only their own: the timecards of the person their
  account is linked to (`Person.user`); anyone else's does not exist for them (404).
"""

from __future__ import annotations

from django.db.models import F, Q, QuerySet

from apps.crew.models import Engagement
from apps.payroll.models import Timecard
from apps.productions.access import ProductionRequest, Reach, in_department, own_department
from apps.productions.capabilities import Capability as C


def sees_all(membership) -> bool:
    return membership.can(C.VIEW_CREW_RATES) or membership.can(C.APPROVE_TIMECARDS_FINAL)


def reachable(membership, rows: QuerySet, department: str, person: str) -> QuerySet:
    """`rows` limited to what the member reaches (`department` and `person`: the paths from a
    row to its department and to its person)."""
    if sees_all(membership):
        return rows
    department_id = own_department(membership)
    if department_id is not None:
        own = Q(**{f"{person}__user": membership.user_id})
        return rows.filter(Q(**{department: department_id}) | own)
    return rows.filter(**{f"{person}__user": membership.user_id})


def _reach(request: ProductionRequest, row: dict | None) -> Reach:
    if row is None:
        return Reach.HIDDEN
    membership = request.membership
    if sees_all(membership) or row["person__user"] == request.user.pk:
        return Reach.WRITE
    if own_department(membership) is None:
        return Reach.HIDDEN
    return Reach.WRITE if in_department(membership, row["in_department"]) else Reach.REFUSED


def _scope(model, department_path: str):
    """A scope hook for a URL naming a `model` row (a timecard, or the engagement a timecard is
    started for) by `pk`: the reach of the rules above."""

    def hook(request: ProductionRequest, pk: int) -> Reach:
        row = (
            model.objects.filter(production=request.production, pk=pk)
            .values("person__user", in_department=F(department_path))
            .first()
        )
        return _reach(request, row)

    hook.model, hook.department_path = model, department_path  # read by the access matrix test
    return hook


timecard_scope = _scope(Timecard, "engagement__department")
engagement_scope = _scope(Engagement, "department")  # starting a timecard for it
