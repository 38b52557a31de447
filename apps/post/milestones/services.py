"""Every write to the post schedule: one function per action, each in a transaction, each saying
in the history what it did (`_change_reason`)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from apps.core.locking import save_if_unchanged
from apps.post.errors import PostError
from apps.post.milestones.models import Milestone, MilestoneKind
from apps.productions.models import Membership, Production
from apps.vendors.models import PurchaseOrder, Vendor

NO_WRAP_DATE = "Set the production's wrap date first: the standard set counts from it."
SLIP_NEEDS_REASON = "Say why the date moves from the baseline ({baseline:%d %b %Y})."
NOT_OURS = "That {what} belongs to another production."
PO_NOT_OF_VENDOR = "{po} is to {vendor}, not to the milestone's vendor."
NOTHING_TO_BASELINE = "Add milestones before setting a baseline."

# The usual post schedule of a feature, in days after the wrap date (kind, title, days).
STANDARD_SET = [
    (MilestoneKind.EDITORS_CUT, "Editor's cut", 70),
    (MilestoneKind.DIRECTORS_CUT, "Director's cut", 112),
    (MilestoneKind.PICTURE_LOCK, "Picture lock", 140),
    (MilestoneKind.VFX_TURNOVER, "VFX turnover", 141),
    (MilestoneKind.SOUND_SPOTTING, "Sound spotting", 144),
    (MilestoneKind.MUSIC, "Music delivered", 168),
    (MilestoneKind.VFX_DELIVERY, "VFX final delivery", 175),
    (MilestoneKind.COLOUR, "Colour grade", 182),
    (MilestoneKind.TITLES, "Titles and credits", 186),
    (MilestoneKind.MIX, "Final mix", 196),
    (MilestoneKind.QC, "QC", 210),
    (MilestoneKind.DELIVERY, "Delivery", 224),
]

FIELDS = ("kind", "title", "due_on", "done_on", "owner_member", "owner_name", "vendor",
          "purchase_order", "notes", "slip_reason")  # fmt: skip


def _say(obj, words: str) -> None:
    obj._change_reason = words[:100]


def _check_links(milestone: Milestone) -> None:
    production = milestone.production_id
    for what, value in (
        ("member", milestone.owner_member),
        ("vendor", milestone.vendor),
        ("purchase order", milestone.purchase_order),
    ):
        if value is not None and value.production_id != production:
            raise PostError(NOT_OURS.format(what=what))
    po, vendor = milestone.purchase_order, milestone.vendor
    if po is not None and vendor is not None and po.vendor_id != vendor.pk:
        raise PostError(
            PO_NOT_OF_VENDOR.format(po=po.label, vendor=vendor.name), field="purchase_order"
        )
    if po is not None and vendor is None:
        milestone.vendor = po.vendor


@transaction.atomic
def milestone_create(*, production: Production, **data) -> Milestone:
    data.pop("slip_reason", None)
    milestone = Milestone(production=production, **data)
    _check_links(milestone)
    _say(milestone, f"added {milestone.title} on {milestone.due_on:%d %b %Y}")
    milestone.save()
    return milestone


@transaction.atomic
def milestone_update(*, milestone: Milestone, expected_version: int, **data) -> Milestone:
    """Change a milestone. Moving its date away from the baseline needs a reason, which the
    history keeps with the move ("moved from 3 Mar to 17 Mar: the VFX vendor is late")."""
    before = milestone.due_on
    reason = (data.pop("slip_reason", "") or "").strip()
    for name, value in data.items():
        setattr(milestone, name, value)
    _check_links(milestone)
    words = f"edited {milestone.title}"
    if milestone.due_on != before:
        off_baseline = milestone.baseline_on not in (None, milestone.due_on)
        if off_baseline and not reason:
            raise PostError(
                SLIP_NEEDS_REASON.format(baseline=milestone.baseline_on), field="slip_reason"
            )
        milestone.slip_reason = reason
        words = f"moved {milestone.title} from {before:%d %b} to {milestone.due_on:%d %b %Y}"
        if reason:
            words += f": {reason}"
    _say(milestone, words)
    save_if_unchanged(milestone, expected_version=expected_version, what="milestone")
    return milestone


@transaction.atomic
def milestone_delete(*, milestone: Milestone) -> None:
    _say(milestone, f"removed {milestone.title}")
    milestone.delete()


@transaction.atomic
def standard_set_create(
    *, production: Production, owner: Membership | None = None
) -> list[Milestone]:
    """The usual milestones counted from the wrap date; a kind the schedule has already is left
    out, so pressing the button twice adds nothing the second time."""
    wrap: date | None = production.wrap_date
    if wrap is None:
        raise PostError(NO_WRAP_DATE)
    have = set(Milestone.objects.filter(production=production).values_list("kind", flat=True))
    made = []
    for kind, title, days in STANDARD_SET:
        if kind in have:
            continue
        made.append(
            milestone_create(
                production=production,
                kind=kind,
                title=title,
                due_on=wrap + timedelta(days=days),
                owner_member=owner,
            )
        )
    return made


@transaction.atomic
def baseline_set(*, production: Production) -> int:
    """Today's dates become the baseline every later move is measured against."""
    rows = list(Milestone.objects.select_for_update().filter(production=production))
    if not rows:
        raise PostError(NOTHING_TO_BASELINE)
    for milestone in rows:
        milestone.baseline_on = milestone.due_on
        milestone.slip_reason = ""
        milestone.version += 1
        _say(milestone, f"baseline set: {milestone.due_on:%d %b %Y}")
        milestone.save()
    return len(rows)


def vendor_choices(production: Production):
    return Vendor.objects.filter(production=production).order_by("name")


def po_choices(production: Production):
    return (
        PurchaseOrder.objects.filter(production=production)
        .select_related("vendor")
        .order_by("-number")
    )
