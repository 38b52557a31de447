"""Dashboard panels. Domain apps register theirs in `ready()`; the dashboard knows none of them.

Until an app registers a panel for one of the standard slots, the slot shows what will appear there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from apps.productions.capabilities import Capability


@dataclass(frozen=True)
class Panel:
    key: str
    title: str
    template: str
    capability: Capability
    context: Callable[[HttpRequest], dict]
    order: int = 100


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

_PANELS: dict[str, Panel] = {}


def register_panel(panel: Panel) -> None:
    _PANELS[panel.key] = panel


def panels_for(request: HttpRequest) -> list[dict]:
    membership = request.membership
    shown = []
    slots = {key: (title, blurb, cap) for key, title, blurb, cap in STANDARD_SLOTS}
    extra = sorted((k for k in _PANELS if k not in slots), key=lambda k: _PANELS[k].order)
    keys = [*slots, *extra]
    for key in keys:
        panel = _PANELS.get(key)
        if panel is not None:
            if membership.can(panel.capability):
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


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    capability: Capability
    order: int = 100
    icon: str = "circle"
    # Hidden from members who have this capability (they reach the page another way).
    unless: Capability | None = None


_NAV: dict[str, NavItem] = {}


def register_nav(item: NavItem) -> None:
    _NAV[item.url_name] = item


def nav_for(membership) -> list[NavItem]:
    return sorted(
        (
            item
            for item in _NAV.values()
            if membership.can(item.capability) and not (item.unless and membership.can(item.unless))
        ),
        key=lambda item: item.order,
    )
