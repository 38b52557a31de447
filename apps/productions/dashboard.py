"""Dashboard panels and the production menu. Domain apps declare theirs in their `apps.py`
(apps/core/registry.py); the dashboard knows none of them.

Until an app registers a panel for one of the standard slots, the slot shows what will appear there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

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


class Panel(Mapping):
    """A dashboard panel: its title and template at once, what it shows worked out on its first
    read, so that a panel whose kept fragment (templates/productions/dashboard.html) is at hand
    runs none of its queries."""

    def __init__(self, title: str, template: str, work: Callable[[], dict]) -> None:
        self._fixed = {"title": title, "template": template}
        self._work = work
        self._context: dict | None = None

    def _all(self) -> dict:
        if self._context is None:
            self._context = {**self._work(), **self._fixed}
        return self._context

    def __getitem__(self, key: str):
        return self._fixed[key] if key in self._fixed else self._all()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


def panels_for(request: HttpRequest) -> list[Mapping]:
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
                shown.append(Panel(panel.title, panel.template, _context_of(panel, request)))
        elif membership.can(slots[key][2]):
            shown.append(
                {
                    "title": slots[key][0],
                    "template": "productions/panel_empty.html",
                    "blurb": slots[key][1],
                }
            )
    return shown


def _context_of(panel, request: HttpRequest) -> Callable[[], dict]:
    return lambda: panel.context(request)


# --- The production menu ------------------------------------------------------------------------


def nav_for(membership) -> list[NavItem]:
    return [
        item
        for item in registry.nav_items()
        if membership.can(item.capability) and not (item.unless and membership.can(item.unless))
    ]
