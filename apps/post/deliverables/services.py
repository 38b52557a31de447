"""Writes on deliverables: a checklist started from a template, items added and updated (status,
evidence, owner, due date, under optimistic locking), and a checklist's due dates moved."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from apps.core.errors import DomainError
from apps.core.locking import StaleEdit
from apps.post.deliverables.kinds import TEMPLATES
from apps.post.deliverables.models import (
    OPEN_STATUSES,
    Checklist,
    DeliverableItem,
    ItemStatus,
)
from apps.productions.models import Membership, Production

REJECTION_NEEDS_REASON = "Say why the item was rejected."
NAME_TAKEN = "There is already a checklist named {name!r}."
OWNER_NOT_MEMBER = "The owner must be a member of the production."

# What an item edit may change (the form's fields, evidence included).
ITEM_FIELDS = (
    "category",
    "name",
    "spec_notes",
    "due_date",
    "owner",
    "status",
    "rejection_reason",
    "evidence_reference",
)


class DeliverablesError(DomainError):
    """A deliverables rule refused the change."""


@transaction.atomic
def checklist_create(
    *,
    production: Production,
    name: str,
    kind: str,
    recipient: str,
    due_date: date | None = None,
    notes: str = "",
    user=None,
) -> Checklist:
    """A checklist with every item of its template, each due on the checklist's due date."""
    if Checklist.objects.filter(production=production, name__iexact=name.strip()).exists():
        raise DeliverablesError(NAME_TAKEN.format(name=name.strip()), field="name")
    checklist = Checklist(
        production=production,
        name=name.strip(),
        kind=kind,
        recipient=recipient.strip(),
        due_date=due_date,
        notes=notes,
        created_by=user,
    )
    checklist.full_clean()
    checklist.save()
    for position, template in enumerate(TEMPLATES[kind], start=1):
        DeliverableItem.objects.create(
            production=production,
            checklist=checklist,
            position=position,
            category=template.category,
            name=template.name,
            spec_notes=template.spec,
            due_date=due_date,
        )
    return checklist


def _check_item(item: DeliverableItem) -> None:
    if item.status == ItemStatus.REJECTED and not item.rejection_reason.strip():
        raise DeliverablesError(REJECTION_NEEDS_REASON, field="rejection_reason")
    if item.status != ItemStatus.REJECTED:
        item.rejection_reason = ""  # a reason belongs to a rejection; history keeps the old one
    if (
        item.owner_id
        and not Membership.objects.filter(
            production_id=item.production_id, user_id=item.owner_id
        ).exists()
    ):
        raise DeliverablesError(OWNER_NOT_MEMBER, field="owner")


@transaction.atomic
def item_add(*, checklist: Checklist, evidence_file=None, **fields) -> DeliverableItem:
    last = checklist.items.order_by("-position").values_list("position", flat=True).first()
    item = DeliverableItem(
        production_id=checklist.production_id,
        checklist=checklist,
        position=(last or 0) + 1,
        **{k: v for k, v in fields.items() if k in ITEM_FIELDS},
    )
    if "due_date" not in fields:
        item.due_date = checklist.due_date
    if evidence_file:
        item.evidence_file = evidence_file
    _check_item(item)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def item_update(
    *, item: DeliverableItem, expected_version: int, evidence_file=None, **fields
) -> DeliverableItem:
    """Save an item's new values, only from the version the editor loaded (else StaleEdit and
    nothing saved). A new evidence file replaces the old one (history keeps its name)."""
    locked = DeliverableItem.objects.select_for_update().get(pk=item.pk)
    if locked.version != expected_version:
        raise StaleEdit("deliverable")
    for key, value in fields.items():
        if key in ITEM_FIELDS:
            setattr(locked, key, value)
    if evidence_file:
        locked.evidence_file = evidence_file
    _check_item(locked)
    # A stored file was checked when it came in; only a new one is read again.
    locked.full_clean(exclude=None if evidence_file else ["evidence_file"])
    locked.version = expected_version + 1
    locked.save()
    return locked


@transaction.atomic
def checklist_move_due(*, checklist: Checklist, new_due: date | None) -> int:
    """The checklist's delivery date moves; its open items that were due on the old date move
    with it (items given a date of their own, and items delivered or accepted, stay). Returns
    how many items moved."""
    locked = Checklist.objects.select_for_update().get(pk=checklist.pk)
    old = locked.due_date
    if old == new_due:
        return 0
    locked.due_date = new_due
    locked.save(update_fields=["due_date"])
    checklist.due_date = new_due
    moved = 0
    items = DeliverableItem.objects.select_for_update().filter(
        checklist=locked, status__in=OPEN_STATUSES
    )
    for item in items:
        if item.due_date == old or (old is None and item.due_date is None):
            item.due_date = new_due
            item.version += 1
            item.save(update_fields=["due_date", "version", "updated_at"])
            moved += 1
    return moved
