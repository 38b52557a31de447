"""Rentals: what a rental costs under the production's days-per-week rule, and its return."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from apps.vendors.models import ChecklistItem, RateUnit, Rental, Vendor
from apps.vendors.services.common import VendorError, money, settings_for

RETURN_BEFORE_PICK_UP = "The return date is before the pick-up date."
RENTAL_PO_OTHER_VENDOR = "{po} is to {vendor}, not to the vendor of this rental."
DEFAULT_CHECKLIST = ("All items and cases back", "Accessories and cables counted", "No damage")


def billable_days(days: int, days_per_week: Decimal) -> Decimal:
    """Days billed for a rental of `days` calendar days: each full week bills `days_per_week`
    days, and the days left over bill as days, but never more than another week."""
    weeks, extra = divmod(max(days, 1), 7)
    return weeks * days_per_week + min(Decimal(extra), days_per_week)


def rental_days(rental: Rental, until: date | None = None) -> int:
    """Calendar days out: from pick-up to return (returned, else `until`, else the due date);
    a same-day return counts one day."""
    end = rental.returned_on or until or rental.return_due_on
    return max((end - rental.pick_up_on).days, 1)


def rental_cost(rental: Rental, until: date | None = None) -> Decimal:
    """Rate × billable days × quantity, rounded once. A weekly rate is spread over the billable
    days of a week, so a 4-day week at 1,000 bills 250 a day."""
    days = billable_days(rental_days(rental, until), rental.days_per_week)
    day_rate = (
        rental.rate if rental.rate_unit == RateUnit.DAY else rental.rate / rental.days_per_week
    )
    return money(rental.production, day_rate * days * rental.quantity)


@transaction.atomic
def rental_create(*, vendor: Vendor, checklist=DEFAULT_CHECKLIST, **fields) -> Rental:
    if fields["return_due_on"] < fields["pick_up_on"]:
        raise VendorError(RETURN_BEFORE_PICK_UP)
    po = fields.get("purchase_order")
    if po is not None and po.vendor_id != vendor.pk:
        raise VendorError(RENTAL_PO_OTHER_VENDOR.format(po=po, vendor=po.vendor))
    fields.setdefault("days_per_week", settings_for(vendor.production).rental_days_per_week)
    rental = Rental.objects.create(production=vendor.production, vendor=vendor, **fields)
    ChecklistItem.objects.bulk_create(
        ChecklistItem(production=vendor.production, rental=rental, label=label)
        for label in checklist
    )
    return rental


@transaction.atomic
def rental_return(
    *,
    rental: Rental,
    returned_on: date | None,
    checked: set[int],
    loss_damage_notes: str = "",
    loss_damage_amount: Decimal = Decimal("0"),
) -> Rental:
    """Record the return checklist (and the return date, once everything is back)."""
    rental = (
        Rental.objects.select_for_update(of=("self",))
        .select_related("production")
        .get(pk=rental.pk)
    )
    if returned_on is not None and returned_on < rental.pick_up_on:
        raise VendorError(RETURN_BEFORE_PICK_UP)
    for item in rental.checklist.all():
        done = item.pk in checked
        if item.done != done:
            item.done = done
            item.save(update_fields=["done"])
    rental.returned_on = returned_on
    rental.loss_damage_notes = loss_damage_notes.strip()
    rental.loss_damage_amount = money(rental.production, loss_damage_amount)
    rental.save()
    return rental
