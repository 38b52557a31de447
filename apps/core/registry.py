"""The app registry: how a domain app plugs into the production's shell.

Every app's `apps.py` subclasses `DomainAppConfig` and declares, by overriding the methods it needs,
what it adds:

- `nav()`: entries of the production menu (`NavItem`);
- `panels()`: dashboard panels (`Panel`);
- `audited()`: models whose history joins the production's audit log (`Audited`);
- `demo()`: the seeder that adds its part to the demo production, and its order;
- `connect()`: signal receivers it registers;
- `calendar(production, start, end, membership)`: dated events of its own (post milestones,
  festival deadlines) that the production calendar and a member's own iCal feed show the member
  who may see them, and the production's shared feed only if every member may
  (`calendar_events`), so the schedule's calendar imports no app that adds to it.

`ready()` collects them here, in one registry per kind, and the tenant app (`productions`) reads
them: the menu and the dashboard, the audit log and `seed_demo` know no domain app. The methods are
called from `ready()`, so they may import the app's models and services.

Capabilities are the tenant's (apps.productions.capabilities); this module takes them as opaque
values so that the kernel imports no app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.apps import AppConfig
from django.db import models
from django.http import HttpRequest


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    capability: Any
    order: int = 100
    icon: str = "circle"
    # Hidden from members who have this capability (they reach the page another way).
    unless: Any = None


@dataclass(frozen=True)
class Panel:
    key: str
    title: str
    template: str
    capability: Any
    context: Callable[[HttpRequest], dict]
    order: int = 100
    # When given, the panel is shown only while it answers True (post's panel: once wrapped).
    shown: Callable[[HttpRequest], bool] | None = None


@dataclass(frozen=True)
class Audited:
    """A model in the audit log. `production_field` is the historical model's field holding the
    production id; `describe(history_row)` names the record without further queries (with
    `select_related`)."""

    model: type[models.Model]
    label: str
    describe: Callable[[models.Model], str] = str
    production_field: str = "production_id"
    select_related: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class CalendarEvent:
    """An all-day entry on the production calendar and in its iCal feed. `uid` stays the same
    from one fetch to the next; `kind` is the calendar's CSS kind (`cal-<kind>`)."""

    uid: str
    date: date
    label: str
    kind: str = "event"
    description: str = ""


DemoSeeder = Callable[..., None]
"""Called as `seeder(production, people, size)`, where `people` maps a role to the demo user in
that role. It must be idempotent: running the seed twice changes nothing."""


_NAV: dict[str, NavItem] = {}
_PANELS: dict[str, Panel] = {}
_AUDITED: dict[type[models.Model], Audited] = {}
_SEEDERS: list[tuple[int, DemoSeeder]] = []
_CALENDARS: list[DomainAppConfig] = []  # filled by ready(), below
_SCRIPT_IMPORTERS: list[Callable[..., str]] = []  # filled by ready(), below


class DomainAppConfig(AppConfig):
    """The one protocol every app of Producer Desk follows in its `apps.py`.

    Subclass it as `registry.DomainAppConfig` (the module, not the class, imported): Django takes
    the only AppConfig subclass *defined in* apps.py as the app's config, and a second one imported
    by name would make it fall back to a plain AppConfig."""

    def nav(self) -> list[NavItem]:
        return []

    def panels(self) -> list[Panel]:
        return []

    def audited(self) -> list[Audited]:
        return []

    def demo(self) -> tuple[DemoSeeder, int] | None:
        """(seeder, order): lower orders seed first."""
        return None

    def connect(self) -> None:
        """Connect signal receivers (with a dispatch_uid)."""

    def calendar(
        self, production, start: date | None, end: date | None, membership=None
    ) -> list[CalendarEvent]:
        """The app's events from `start` to `end` (inclusive; None: no bound). `membership` is
        the member looking at the calendar page (the app leaves out what they may not see), or
        the member whose own iCal feed it is, or None for the production's shared feed (one
        address handed to every member), where an app leaves out what not every member may see."""
        return []

    def script_importer(self) -> Callable[..., str] | None:
        """The app that breaks scripts down (the schedule) gives a callable
        `importer(production=, data=, filename=, user=)` that reads a draft into a pending
        revision and returns the URL of its revision report, where a person applies it (or
        raises a DomainError that says why it cannot be read). Development hands a script draft
        to it without importing the schedule."""
        return None

    def ready(self) -> None:
        for item in self.nav():
            _NAV[item.url_name] = item
        for panel in self.panels():
            _PANELS[panel.key] = panel
        for audited in self.audited():
            _AUDITED[audited.model] = audited
        demo = self.demo()
        if demo is not None and demo[0] not in [seeder for _, seeder in _SEEDERS]:
            _SEEDERS.append((demo[1], demo[0]))
        if type(self).calendar is not DomainAppConfig.calendar and self not in _CALENDARS:
            _CALENDARS.append(self)
        importer = self.script_importer()
        if importer is not None and importer not in _SCRIPT_IMPORTERS:
            _SCRIPT_IMPORTERS.append(importer)
        self.connect()


def nav_items() -> list[NavItem]:
    return sorted(_NAV.values(), key=lambda item: item.order)


def panels() -> dict[str, Panel]:
    return dict(_PANELS)


def audited_models() -> dict[type[models.Model], Audited]:
    return dict(_AUDITED)


def demo_seeders() -> list[DemoSeeder]:
    return [seeder for _, seeder in sorted(_SEEDERS, key=lambda item: item[0])]


def calendar_events(
    production, start: date | None = None, end: date | None = None, membership=None
) -> list[CalendarEvent]:
    """Every app's calendar events for a production, by date."""
    events = [
        event
        for config in _CALENDARS
        for event in config.calendar(production, start, end, membership)
    ]
    return sorted(events, key=lambda event: (event.date, event.label))


def script_importer() -> Callable[..., str] | None:
    """The schedule's script import (see DomainAppConfig.script_importer), if an app gives one."""
    return _SCRIPT_IMPORTERS[0] if _SCRIPT_IMPORTERS else None
