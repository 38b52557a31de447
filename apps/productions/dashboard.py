"""Dashboard panels and the production menu. Domain apps declare theirs in their `apps.py`
(apps/core/registry.py); the dashboard knows none of them.

Until an app registers a panel for one of the standard slots, the slot shows what will appear there.
"""

from __future__ import annotations

from django.http import HttpRequest

from apps.core import registry
from apps.core.registry import NavItem
from apps.productions.capabilities import Capability

# Slots the dashboard shows, in order, with what fills them once their app is in.
STANDARD_SLOTS: list[tuple[str, str, str, Capability]] = [
    (
        "budget",
        "Budget",
        "Total, spent, committed and variance of the current version.",
        Capability.VIEW_BUDGET,
    ),
    (
        "schedule",
        "Schedule",
        "Days and pages scheduled, the next shoot day and conflicts.",
        Capability.VIEW_SCHEDULE,
    ),
    ("crew", "Open hires", "Open positions, offers out and crew count.", Capability.VIEW_CREW),
    (
        "purchasing",
        "Purchase orders",
        "Purchase orders awaiting your approval.",
        Capability.VIEW_VENDORS,
    ),
    (
        "callsheet",
        "Next call sheet",
        "The next call sheet and how many have confirmed.",
        Capability.VIEW_CALLSHEETS,
    ),
]


def panels_for(request: HttpRequest) -> list[dict]:
    membership = request.membership
    registered = registry.panels()
    shown = []
    slots = {key: (title, blurb, cap) for key, title, blurb, cap in STANDARD_SLOTS}
    extra = sorted((k for k in registered if k not in slots), key=lambda k: registered[k].order)
    keys = [*slots, *extra]
    for key in keys:
        panel = registered.get(key)
        if panel is not None:
            if membership.can(panel.capability) and (panel.shown is None or panel.shown(request)):
                shown.append(
                    {"title": panel.title, "template": panel.template, **panel.context(request)}
                )
        elif membership.can(slots[key][2]):
            shown.append(
                {
                    "title": slots[key][0],
                    "template": "productions/panel_empty.html",
                    "blurb": slots[key][1],
                }
            )
    return shown


# --- The production menu ------------------------------------------------------------------------


def nav_for(membership) -> list[NavItem]:
    return [
        item
        for item in registry.nav_items()
        if membership.can(item.capability) and not (item.unless and membership.can(item.unless))
    ]
