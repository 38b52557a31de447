"""Writes on distribution deals: a deal saved with its instalments (which must add up to its
minimum guarantee), refused when it overlaps an exclusive deal, and the delivery date passed on
to its deliverables checklist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from apps.core.errors import DomainError
from apps.core.locking import StaleEdit
from apps.core.money import format_money, minor_units
from apps.post.deliverables.services import checklist_move_due
from apps.post.distribution.models import Deal, Instalment, Right
from apps.productions.models import Production

INSTALMENTS_DO_NOT_ADD_UP = (
    "The instalments add up to {total}, but the minimum guarantee is {mg} ({difference} {way}). "
    "Change an instalment or the minimum guarantee so that they match."
)
INSTALMENT_TOO_PRECISE = "Instalment of {amount}: {currency} has {places} decimal place(s)."
OVERLAP = (
    "{territory}, {right}: {licensee} holds {what} deal from {start:%d %b %Y} to {end:%d %b %Y} "
    "that overlaps this term. An exclusive deal allows no other deal for the same territory, "
    "right and days."
)
CHECKLIST_TAKEN = "That checklist already belongs to another deal."


class DistributionError(DomainError):
    """A distribution rule refused the change."""


@dataclass(frozen=True)
class PlannedInstalment:
    due_date: date
    amount: Decimal
    note: str = ""


def check_instalments(mg: Decimal, instalments: list[PlannedInstalment], currency: str) -> None:
    places = minor_units(currency)
    for instalment in instalments:
        if instalment.amount != instalment.amount.quantize(Decimal(1).scaleb(-places)):
            raise DistributionError(
                INSTALMENT_TOO_PRECISE.format(
                    amount=instalment.amount, currency=currency, places=places
                ),
                field="instalments",
            )
    total = sum((i.amount for i in instalments), Decimal("0"))
    if total != mg:
        difference = abs(total - mg)
        raise DistributionError(
            INSTALMENTS_DO_NOT_ADD_UP.format(
                total=format_money(total, currency),
                mg=format_money(mg, currency),
                difference=format_money(difference, currency),
                way="short" if total < mg else "too much",
            ),
            field="instalments",
        )


def overlapping(deal: Deal):
    """Deals this one may not coexist with: same territory (any case), a shared right,
    overlapping days, and either of the two exclusive."""
    others = Deal.objects.filter(
        production_id=deal.production_id,
        territory__iexact=deal.territory,
        term_start__lte=deal.term_end,
        term_end__gte=deal.term_start,
    ).exclude(pk=deal.pk)
    if not deal.exclusive:
        others = others.filter(exclusive=True)
    labels = dict(Right.choices)
    for other in others.order_by("term_start", "pk"):
        for right in deal.rights:
            if getattr(other, right):
                yield other, labels[right]


def _check_overlap(deal: Deal) -> None:
    for other, right in overlapping(deal):
        raise DistributionError(
            OVERLAP.format(
                territory=deal.territory,
                right=right,
                licensee=other.licensee,
                what="an exclusive" if other.exclusive else "a",
                start=other.term_start,
                end=other.term_end,
            )
        )


@transaction.atomic
def deal_save(
    *,
    deal: Deal,
    instalments: list[PlannedInstalment],
    expected_version: int | None = None,
) -> int:
    """Save a new or edited deal and replace its instalments. Returns how many deliverables moved
    with the delivery date (0 when it did not move or there is no checklist)."""
    production = Production.objects.select_for_update().get(pk=deal.production_id)
    old_due = None
    if deal.pk:
        current = Deal.objects.select_for_update().get(pk=deal.pk)
        if expected_version is not None and current.version != expected_version:
            raise StaleEdit("deal")
        old_due = current.delivery_due
        deal.version = current.version + 1
    deal.territory = deal.territory.strip()
    deal.full_clean()
    if deal.checklist_id and (
        Deal.objects.filter(checklist_id=deal.checklist_id).exclude(pk=deal.pk).exists()
    ):
        raise DistributionError(CHECKLIST_TAKEN, field="checklist")
    check_instalments(deal.minimum_guarantee, instalments, production.currency)
    _check_overlap(deal)
    deal.save()
    deal.instalments.all().delete()
    for planned in sorted(instalments, key=lambda i: i.due_date):
        Instalment.objects.create(  # one by one: each row's history joins the audit log
            production=production,
            deal=deal,
            due_date=planned.due_date,
            amount=planned.amount,
            note=planned.note,
        )
    moved = 0
    if deal.checklist_id and deal.delivery_due and deal.delivery_due != old_due:
        moved = checklist_move_due(checklist=deal.checklist, new_due=deal.delivery_due)
    return moved
