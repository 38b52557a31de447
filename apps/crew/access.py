"""Department scope, on top of the production's access layer.

The capability table says what a role may do; for department heads it is further limited to their
own department (their membership's `department`, matched to a Department by name, any case).
Views call these after `@production_view`, on every object they fetch.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from apps.productions.capabilities import Role
from apps.productions.models import Membership

NOT_YOUR_DEPARTMENT = "This belongs to another department: department heads see their own only."


def own_department(membership: Membership) -> str | None:
    """The department name a member is limited to, or None when they see every department."""
    if membership.role == Role.DEPARTMENT_HEAD:
        return membership.department.strip()
    return None


def in_scope(membership: Membership, department_name: str) -> bool:
    limit = own_department(membership)
    return limit is None or department_name.strip().lower() == limit.lower()


def check_department(membership: Membership, department) -> None:
    """403 unless `department` (a Department) is one this member may see."""
    if not in_scope(membership, department.name):
        raise PermissionDenied(NOT_YOUR_DEPARTMENT)


def scoped(membership: Membership, queryset: QuerySet, path: str = "department") -> QuerySet:
    """`queryset` limited to the member's department; `path` leads from its rows to a Department."""
    limit = own_department(membership)
    if limit is None:
        return queryset
    return queryset.filter(**{f"{path}__name__iexact": limit})
