"""The demo's deliverables: one theatrical checklist for the UK distributor, its items in every
state (accepted, delivered, in progress, rejected with its reason, not started), some with
evidence by reference, one overdue. Idempotent: made once per production."""

from __future__ import annotations

from datetime import timedelta

from apps.post.deliverables import services
from apps.post.deliverables.kinds import TEMPLATES
from apps.post.deliverables.models import Checklist, DeliveryKind, ItemStatus
from apps.productions.capabilities import Role

NAME = "UK theatrical delivery"

STATES = {
    "dcp": (ItemStatus.ACCEPTED, "", "Lab QC report QC-2291 (pass)"),
    "picture_master": (ItemStatus.DELIVERED, "", "Aspera transfer 7f3c, 2.1 TB"),
    "m_and_e": (ItemStatus.REJECTED, "Footsteps missing in reels 3 and 5 (fill not complete).", ""),
    "stems": (ItemStatus.IN_PROGRESS, "", ""),
    "e_and_o": (ItemStatus.ACCEPTED, "", "Policy EO-44821, certificate sent 3 Mar"),
    "chain_of_title": (ItemStatus.IN_PROGRESS, "", ""),
}


def seed_deliverables(production, people, size: str) -> Checklist:
    existing = Checklist.objects.filter(production=production, name=NAME).first()
    if existing is not None:
        return existing
    start = production.today()
    checklist = services.checklist_create(
        production=production,
        name=NAME,
        kind=DeliveryKind.THEATRICAL,
        recipient="Harbour Light Distribution (UK)",
        due_date=start + timedelta(days=60),
        user=people.get(Role.ASSOCIATE_PRODUCER),
    )
    owner = people.get(Role.ASSOCIATE_PRODUCER)
    keys = [template.key for template in TEMPLATES[DeliveryKind.THEATRICAL]]
    items = list(checklist.items.order_by("position"))
    for key, item in zip(keys, items, strict=True):
        status, reason, reference = STATES.get(key, (ItemStatus.NOT_STARTED, "", ""))
        changes = {"status": status, "rejection_reason": reason, "evidence_reference": reference}
        if key == "stems":  # due soon: the reminders have something to say
            changes["due_date"] = start + timedelta(days=3)
        if key == "chain_of_title":  # overdue
            changes["due_date"] = start - timedelta(days=2)
        if key in STATES:
            changes["owner"] = owner
        services.item_update(item=item, expected_version=item.version, **changes)
    return checklist
