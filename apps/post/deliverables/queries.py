"""Reads for deliverables: the checklists with their counts and their export, a checklist's items,
and the rows of its export."""

from __future__ import annotations

from django.db.models import Count, Min, Q

from apps.post.deliverables.models import OPEN_STATUSES, Checklist, DeliverableItem, ItemStatus

EXPORT_HEADER = [
    "#",
    "Category",
    "Item",
    "Specification",
    "Due",
    "Owner",
    "Status",
    "Rejection reason",
    "Evidence",
]


CHECKLISTS_HEADER = [
    "Checklist",
    "Recipient",
    "Template",
    "Delivery due",
    "Items",
    "Accepted",
    "Delivered",
    "Rejected",
    "Next open item due",
]


def checklists_of(production):
    return (
        Checklist.objects.filter(production=production)
        .annotate(
            item_count=Count("items"),
            accepted=Count("items", filter=Q(items__status=ItemStatus.ACCEPTED)),
            delivered=Count("items", filter=Q(items__status=ItemStatus.DELIVERED)),
            rejected=Count("items", filter=Q(items__status=ItemStatus.REJECTED)),
            next_due=Min("items__due_date", filter=Q(items__status__in=OPEN_STATUSES)),
        )
        .order_by("name")
    )


def checklists_export_rows(checklists) -> list[list]:
    """The checklists as the list page shows them (`checklists_of`'s counts)."""
    return [
        [
            c.name,
            c.recipient,
            c.get_kind_display(),
            c.due_date,
            c.item_count,
            c.accepted,
            c.delivered,
            c.rejected,
            c.next_due,
        ]
        for c in checklists
    ]


def items_of(checklist: Checklist):
    return DeliverableItem.objects.filter(checklist=checklist).select_related("owner")


def evidence_label(item: DeliverableItem) -> str:
    parts = []
    if item.evidence_file:
        parts.append("file uploaded")
    if item.evidence_reference:
        parts.append(item.evidence_reference)
    return "; ".join(parts)


def export_rows(items):
    for n, item in enumerate(items, start=1):
        yield [
            n,
            item.get_category_display(),
            item.name,
            item.spec_notes,
            item.due_date or "",
            item.owner.display_name if item.owner else "",
            item.get_status_display(),
            item.rejection_reason,
            evidence_label(item),
        ]


def summary(items) -> dict[str, int]:
    counts = {status.value: 0 for status in ItemStatus}
    for item in items:
        counts[item.status] += 1
    return counts


def deal_of(checklist: Checklist):
    """The distribution deal the checklist belongs to, or None (shown only to members who see
    deals: the template asks `can.view_distribution`)."""
    return getattr(checklist, "deal", None)  # the reverse one-to-one raises AttributeError
