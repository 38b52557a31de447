"""The demo's post schedule: the standard set from the wrap date, a baseline, and three milestones
moved since, each with its reason (issue 20, point 8). Idempotent: a production with milestones
already is left alone."""

from __future__ import annotations

from datetime import timedelta

from apps.post.milestones import services
from apps.post.milestones.models import Milestone, MilestoneKind
from apps.productions.capabilities import Role
from apps.productions.models import Membership

# (kind, days moved, reason, owner named by hand)
SLIPS = [
    (MilestoneKind.DIRECTORS_CUT, 7, "The director's festival trip: a week later.", ""),
    (MilestoneKind.VFX_DELIVERY, 12, "Ferry wake shots re-simulated by the VFX vendor.", ""),
    (MilestoneKind.COLOUR, 5, "Grading suite booked out; next free week.", ""),
]
OWNERS = {
    MilestoneKind.EDITORS_CUT: "Mara Lindqvist (editor)",
    MilestoneKind.SOUND_SPOTTING: "Tom Okoro (supervising sound editor)",
    MilestoneKind.MUSIC: "Aino Varga (composer)",
}


def seed_milestones(production, people, size: str) -> None:
    if production.wrap_date is None:
        return
    if Milestone.objects.filter(production=production).exists():
        return
    producer = Membership.objects.filter(
        production=production, user=people.get(Role.ASSOCIATE_PRODUCER)
    ).first()
    services.standard_set_create(production=production, owner=producer)
    for kind, name in OWNERS.items():
        milestone = Milestone.objects.get(production=production, kind=kind)
        services.milestone_update(
            milestone=milestone,
            expected_version=milestone.version,
            owner_member=None,
            owner_name=name,
        )
    services.baseline_set(production=production)
    for kind, days, reason, _owner in SLIPS:
        milestone = Milestone.objects.get(production=production, kind=kind)
        services.milestone_update(
            milestone=milestone,
            expected_version=milestone.version,
            due_on=milestone.due_on + timedelta(days=days),
            slip_reason=reason,
        )
