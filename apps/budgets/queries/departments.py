"""What a department head sees of the budget: the accounts granted to their department."""

from __future__ import annotations

from django.db.models import Q

from apps.budgets.models import (
    Account,
    BudgetVersion,
    DepartmentGrant,
)
from apps.productions.models import Department

# --- Department heads -----------------------------------------------------------------------


def granted_accounts(version: BudgetVersion, department: Department):
    """Accounts of the version the department was granted (by category or account number)."""
    grants = DepartmentGrant.objects.filter(
        production=version.production, department=department
    ).values_list("kind", "number")
    categories = [n for kind, n in grants if kind == DepartmentGrant.Kind.CATEGORY]
    accounts = [n for kind, n in grants if kind == DepartmentGrant.Kind.ACCOUNT]
    if not categories and not accounts:
        return Account.objects.none()
    return Account.objects.filter(budget_version=version).filter(
        Q(category__number__in=categories) | Q(number__in=accounts)
    )
