"""Budget fixtures built through the services, so stored totals are what the app computes."""

from __future__ import annotations

from decimal import Decimal

from apps.budgets.models import Account, BudgetVersion
from apps.budgets.services import editing, versions
from apps.budgets.services.editing import LineValues


def budget_from_template(production, template="feature", name="Production budget") -> BudgetVersion:
    return versions.budget_create_from_template(
        production=production, budget_name=name, template_key=template
    )


def values(description="Line", amount="1", x="1", rate="100", units="allow", fringes=(), **kw):
    return LineValues(
        description=description,
        amount_formula=str(amount),
        units=units,
        x_formula=str(x),
        rate_formula=str(rate),
        currency=kw.get("currency", "USD"),
        exchange_rate=kw.get("exchange_rate", Decimal(1)),
        fringe_ids=tuple(fringes),
    )


def account(version: BudgetVersion, number: str) -> Account:
    return Account.objects.get(budget_version=version, number=number)


def add_line(version: BudgetVersion, number: str = "2001", **kw):
    return editing.line_create(account=account(version, number), values=values(**kw))


def fringe_ids(version: BudgetVersion, *codes: str) -> tuple[int, ...]:
    found = dict(version.fringes.values_list("code", "id"))
    return tuple(found[c] for c in codes)
