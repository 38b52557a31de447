"""Writes to the finance plan: sources (optimistic locking: two producers may edit the same
line), the spread rules of the cash flow and the end of post."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Max

from apps.core.errors import DomainError
from apps.core.locking import save_if_unchanged
from apps.development.finance.models import (
    CashFlowPlan,
    FinanceSource,
    SourceKind,
    Spread,
    SpreadRule,
)
from apps.productions.models import Production

SOURCE_FIELDS = (
    "kind", "name", "financier", "financier_contact", "amount", "status", "expected_on",
    "closed_on", "notes", "rate", "qualifying", "cap_amount", "cap_percent",
)  # fmt: skip
INCENTIVE_NEEDS_RATE_OR_AMOUNT = (
    "Soft money needs either its rate (%) of the qualifying spend (a tax incentive) or a fixed "
    "amount (a grant or a fund)."
)
INCENTIVE_NOT_BOTH = (
    "Give either a rate of the qualifying spend or a fixed amount, not both: a rate's amount is "
    "computed from the budget."
)
INCENTIVE_NEEDS_ACCOUNTS = "Name the budget accounts or categories that qualify."
AMOUNT_NEEDED = "Give the amount of this source."
RATE_RANGE = "A rate is a percentage from 0 to 100."
CLOSED_NEEDS_DATE = "A closed source needs the date it closed."
PERCENTS_SUM = "The custom shares of prep, shoot, wrap and post must add up to 100% (now {total}%)."
POST_BEFORE_WRAP = "Post cannot end before the wrap ({wrap})."
POST_TOO_LONG = "Post ends at most {years} years after the wrap: check the date."
NEGATIVE = "An amount or a cap is never below zero."
POST_YEARS = 4


class FinanceError(DomainError):
    pass


def _check_source(data: dict) -> dict:
    fixed = data.get("amount") is not None
    if data["kind"] == SourceKind.INCENTIVE and data.get("rate") is not None:
        if fixed:
            raise FinanceError(INCENTIVE_NOT_BOTH, field="amount")
        if not data.get("qualifying", "").strip(" ,"):
            raise FinanceError(INCENTIVE_NEEDS_ACCOUNTS, field="qualifying")
    elif data["kind"] == SourceKind.INCENTIVE and not fixed:
        raise FinanceError(INCENTIVE_NEEDS_RATE_OR_AMOUNT, field="rate")
    else:  # a typed amount: soft money with a fixed amount (a regional fund) or any other kind
        if data.get("amount") is None:
            raise FinanceError(AMOUNT_NEEDED, field="amount")
        data = {**data, "rate": None, "qualifying": "", "cap_amount": None, "cap_percent": None}
    for name in ("amount", "cap_amount"):
        if data.get(name) is not None and data[name] < 0:
            raise FinanceError(NEGATIVE, field=name)
    for name in ("rate", "cap_percent"):
        value = data.get(name)
        if value is not None and not Decimal(0) <= value <= Decimal(100):
            raise FinanceError(RATE_RANGE, field=name)
    if data["status"] == "closed" and data.get("closed_on") is None:
        raise FinanceError(CLOSED_NEEDS_DATE, field="closed_on")
    numbers = [n.strip() for n in data.get("qualifying", "").split(",") if n.strip()]
    return {**data, "qualifying": ", ".join(numbers)}


@transaction.atomic
def source_create(*, production: Production, **data) -> FinanceSource:
    data = _check_source({k: data.get(k) for k in SOURCE_FIELDS if k in data})
    last = FinanceSource.objects.filter(production=production).aggregate(m=Max("position"))["m"]
    return FinanceSource.objects.create(
        production=production, position=(last or 0) + 1, **dict(data.items())
    )


def source_update(*, source: FinanceSource, expected_version: int, **data) -> FinanceSource:
    data = _check_source({k: data.get(k) for k in SOURCE_FIELDS if k in data})
    for name, value in data.items():
        setattr(source, name, value)
    save_if_unchanged(source, expected_version=expected_version, what="finance source")
    return source


@transaction.atomic
def source_delete(*, source: FinanceSource) -> None:
    source.delete()


@transaction.atomic
def rule_save(
    *,
    production: Production,
    category_number: str,
    spread: str,
    prep_percent: Decimal | None = None,
    shoot_percent: Decimal | None = None,
    wrap_percent: Decimal | None = None,
    post_percent: Decimal | None = None,
) -> SpreadRule:
    percents = {
        "prep_percent": prep_percent,
        "shoot_percent": shoot_percent,
        "wrap_percent": wrap_percent,
        "post_percent": post_percent,
    }
    if spread == Spread.CUSTOM:
        total = sum((v or Decimal(0) for v in percents.values()), Decimal(0))
        if total != 100:
            raise FinanceError(PERCENTS_SUM.format(total=total.normalize()), field="spread")
    else:
        percents = dict.fromkeys(percents)
    rule, _ = SpreadRule.objects.select_for_update().get_or_create(
        production=production, category_number=category_number, defaults={"spread": spread}
    )
    rule.spread = spread
    for name, value in percents.items():
        setattr(rule, name, value)
    rule.version += 1
    rule.save()
    return rule


@transaction.atomic
def rule_reset(*, production: Production, category_number: str) -> None:
    """Back to the section's default spread."""
    for rule in SpreadRule.objects.filter(production=production, category_number=category_number):
        rule.delete()


@transaction.atomic
def post_end_save(*, production: Production, post_end: date | None) -> CashFlowPlan:
    last = production.wrap_end or production.wrap_date
    if post_end is not None and last is not None and post_end < last:
        raise FinanceError(POST_BEFORE_WRAP.format(wrap=last.isoformat()), field="post_end")
    start = last or production.first_shoot_day or production.prep_start
    if post_end is not None and start is not None and (post_end - start).days > POST_YEARS * 366:
        # The cash flow lays out every week up to here: a slip of the year is not a plan.
        raise FinanceError(POST_TOO_LONG.format(years=POST_YEARS), field="post_end")
    plan, _ = CashFlowPlan.objects.select_for_update().get_or_create(production=production)
    plan.post_end = post_end
    plan.version += 1
    plan.save()
    return plan
