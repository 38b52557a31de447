"""Every write to the festival tracker, and the deadline reminders.

A fee becomes a draft purchase order through apps/vendors' own services (`po_create`,
`po_line_add`): the PO is numbered, committed and approved there like any other; the festival
keeps a link to it and both histories say so.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.core.locking import save_if_unchanged
from apps.post.access import is_post_department
from apps.post.errors import PostError
from apps.post.festivals.models import Deadline, Festival, FestivalReminder, SubmissionStatus
from apps.productions.capabilities import CAPABILITY_ROLES, Capability, Role
from apps.productions.models import Membership, Production
from apps.vendors import services as vendors
from apps.vendors.models import PurchaseOrder, Vendor

# Deadlines this close (in days, today included) are reminded, once each.
REMINDER_DAYS = 14
# The budget account a festival fee is charged to unless the person says another: the feature
# template has no festival line, so Publicity's press materials (5004) until it has one.
FEE_ACCOUNT = "5004"

NOT_OURS = "That {what} belongs to another production."
NO_SUCH_FEE = "The festival has no {deadline} fee: enter it first."
ALREADY_ORDERED = "The fee already has a purchase order: {po}."
NEEDS_VENDOR = "Choose the vendor the fee is paid to."


def _say(obj, words: str) -> None:
    obj._change_reason = words[:100]


def _check(festival: Festival) -> None:
    for what, value in (("vendor", festival.vendor), ("purchase order", festival.purchase_order)):
        if value is not None and value.production_id != festival.production_id:
            raise PostError(NOT_OURS.format(what=what))
    if festival.status != SubmissionStatus.PLANNED and festival.submitted_on is None:
        festival.submitted_on = festival.production.today()


@transaction.atomic
def festival_create(*, production: Production, **data) -> Festival:
    festival = Festival(production=production, **data)
    _check(festival)
    _say(festival, f"added {festival.name} ({festival.get_status_display().lower()})")
    festival.save()
    return festival


@transaction.atomic
def festival_update(*, festival: Festival, expected_version: int, **data) -> Festival:
    before = festival.status
    for name, value in data.items():
        setattr(festival, name, value)
    _check(festival)
    words = f"edited {festival.name}"
    if festival.status != before:
        words = f"{festival.name}: {festival.get_status_display().lower()}"
        if festival.result:
            words += f" ({festival.result})"
    _say(festival, words)
    save_if_unchanged(festival, expected_version=expected_version, what="festival")
    return festival


@transaction.atomic
def fee_to_purchase_order(
    *,
    festival: Festival,
    deadline: str,
    user,
    vendor: Vendor | None = None,
    account_number: str = FEE_ACCOUNT,
) -> PurchaseOrder:
    """A draft purchase order for the fee of one deadline, to the festival's vendor (or the one
    chosen, which becomes the festival's). The PO then goes through purchasing as any other."""
    festival = (
        Festival.objects.select_for_update(of=("self",))
        .select_related("production", "purchase_order")
        .get(pk=festival.pk)
    )
    if festival.purchase_order is not None:
        raise PostError(ALREADY_ORDERED.format(po=festival.purchase_order.label))
    fee = getattr(festival, f"{Deadline(deadline).value}_fee")
    label = Deadline(deadline).label.lower()
    if fee is None or fee <= 0:
        raise PostError(NO_SUCH_FEE.format(deadline=label), field="deadline")
    vendor = vendor or festival.vendor
    if vendor is None:
        raise PostError(NEEDS_VENDOR, field="vendor")
    if vendor.production_id != festival.production_id:
        raise PostError(NOT_OURS.format(what="vendor"), field="vendor")
    production = festival.production
    due = getattr(festival, f"{deadline}_deadline")
    po = vendors.po_create(
        production=production,
        vendor=vendor,
        description=f"{festival.name}: {label} submission fee",
        user=user,
        deliver_on=due,
    )
    vendors.po_line_add(
        po=po,
        account_number=account_number,
        description=f"{festival.name} submission fee ({label} deadline)",
        unit_price=fee,
    )
    festival.vendor = vendor
    festival.purchase_order = po
    festival.version += 1
    _say(festival, f"{label} fee drafted as {po.label} to {vendor.name}")
    festival.save()
    return po


# --- Reminders ----------------------------------------------------------------------------------


def recipients(production: Production) -> list:
    """Who hears about deadlines: the members who run post (the office, and the head of the
    Post department; not the heads of other departments)."""
    roles = CAPABILITY_ROLES[Capability.EDIT_POST]
    users = []
    for membership in (
        Membership.objects.filter(production=production, role__in=roles)
        .select_related("user", "department")
        .order_by("pk")
    ):
        if membership.role == Role.DEPARTMENT_HEAD and not (
            membership.department is not None and is_post_department(membership.department.name)
        ):
            continue
        if membership.user.email:
            users.append(membership.user)
    return users


def due_deadlines(production: Production, today: date):
    """(festival, deadline key, date) for each planned festival's deadline in the window."""
    window = today + timedelta(days=REMINDER_DAYS)
    for festival in Festival.objects.filter(
        production=production, status=SubmissionStatus.PLANNED
    ).order_by("pk"):
        for key, _label, day, _fee in festival.deadlines():
            if today <= day <= window:
                yield festival, key, day


def reminders_create(*, production: Production, today: date | None = None) -> list:
    """Log a reminder per festival, deadline and recipient; returns only the new ones (those to
    send). Run twice, the second run finds every row there already and returns nothing."""
    today = today or production.today()
    people = recipients(production)
    created = []
    for festival, key, day in due_deadlines(production, today):
        for user in people:
            try:
                with transaction.atomic():
                    reminder, new = FestivalReminder.objects.get_or_create(
                        festival=festival,
                        deadline=key,
                        date=day,
                        recipient=user,
                        defaults={"production": production, "send_requested_at": timezone.now()},
                    )
            except IntegrityError:  # a parallel run logged it first
                continue
            if new:
                created.append(reminder)
    return created
