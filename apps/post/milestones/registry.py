"""What the post schedule adds to the app registry (apps/post/apps.py): its audited model, its
calendar events, and the dashboard panel of the next milestones once the shoot has wrapped."""

from __future__ import annotations

from datetime import date

from apps.core import registry


def audited() -> list[registry.Audited]:
    from apps.post.milestones.models import Milestone

    return [registry.Audited(Milestone, "Post milestone", lambda m: f"{m.title} ({m.due_on})")]


def sees_post(membership) -> bool:
    """Whether a member reaches post's pages: the capability, and post's scope hook (the heads of
    departments other than Post do not)."""
    from apps.post.access import is_post_department
    from apps.productions.access import own_department
    from apps.productions.capabilities import Capability

    if not membership.can(Capability.VIEW_POST):
        return False
    if own_department(membership) is None:
        return True
    department = membership.department
    return department is not None and is_post_department(department.name)


def calendar(production, start: date | None, end: date | None):
    """The milestones as calendar events (apps/post/apps.py asks for a member who sees post)."""
    from apps.post.milestones.models import Milestone

    rows = Milestone.objects.filter(production=production)
    if start is not None:
        rows = rows.filter(due_on__gte=start)
    if end is not None:
        rows = rows.filter(due_on__lte=end)
    return [
        registry.CalendarEvent(
            uid=f"post-milestone-{m.pk}",
            date=m.due_on,
            label=f"Post: {m.title}" + (" (done)" if m.done_on else ""),
            kind="post",
            description=f"{m.get_kind_display()}"
            + (f", baseline {m.baseline_on:%d %b %Y}" if m.baseline_on else ""),
        )
        for m in rows.order_by("due_on", "pk")
    ]


def wrapped(request) -> bool:
    """The panel shows once the last shoot day (the production's wrap date) is past."""
    production = request.production
    return production.wrap_date is not None and production.today() > production.wrap_date


def panel_context(request) -> dict:
    from apps.post.milestones import queries

    today = request.production.today()
    return {
        "post_next": queries.next_milestones(request.production, today),
        "post_overdue": queries.overdue_count(request.production, today),
    }


def panels() -> list[registry.Panel]:
    from apps.productions.capabilities import Capability as C

    return [
        registry.Panel(
            "post",
            "Post schedule",
            "post/milestones/panel.html",
            C.VIEW_POST,
            panel_context,
            800,
            shown=lambda request: wrapped(request) and sees_post(request.membership),
        )
    ]
