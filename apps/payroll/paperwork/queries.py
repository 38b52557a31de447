"""Start paperwork's reads: each hire with their pack's state, and one hire's pack."""

from __future__ import annotations

from django.db.models import QuerySet

from apps.crew.models import Engagement
from apps.payroll.paperwork.models import PackState, StartPack

NOT_SENT = ("Paperwork not sent", "text-bg-light")
BADGES = {
    PackState.SENT: ("Paperwork sent", "text-bg-info"),
    PackState.IN_PROGRESS: ("Paperwork in progress", "text-bg-warning"),
    PackState.COMPLETE: ("Paperwork complete", "text-bg-success"),
}


def engagements_with_packs(production) -> QuerySet:
    return Engagement.objects.filter(production=production).select_related(
        "person", "position", "department", "start_pack"
    )


def pack_of(engagement) -> StartPack | None:
    return StartPack.objects.filter(engagement=engagement).first()


def badges(sender, membership, engagements, **kwargs) -> dict[int, tuple[str, str]]:
    """crew's `crew_badges`: each hire's paperwork state, for those who may see paperwork (one
    query for the page)."""
    from apps.productions.capabilities import Capability as C

    if not membership.can(C.VIEW_PAPERWORK):
        return {}
    ids = [e.pk for e in engagements]
    states = dict(
        StartPack.objects.filter(engagement_id__in=ids).values_list("engagement_id", "state")
    )
    return {pk: BADGES.get(states.get(pk), NOT_SENT) for pk in ids}
