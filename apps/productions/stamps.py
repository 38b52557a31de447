"""The production's stamps: one random number per table, moved after every write to that table in
the production, so that the kept fragments that read it are never read again (apps/core/
freshness.py says when a write ends and why that order is safe). The old single `data_stamp`
still moves after every write, for whatever wants to know that anything changed."""

from __future__ import annotations

import secrets
from dataclasses import replace

from django.db.models import F, Func, JSONField, Value
from django.http import HttpRequest

from apps.core.freshness import Stamps, not_data, on_writes
from apps.productions.models import Membership, Production

# A PDF being built (its pages so far, then its file) is shown on its own page only.
not_data("productions_documentbuild")


class JSONMerge(Func):
    """`table_stamps` with these keys set, in the one UPDATE, whatever else moved them meanwhile
    (PostgreSQL's jsonb `||`, SQLite's json_patch)."""

    output_field = JSONField()

    def as_sql(self, compiler, connection, **extra):  # SQLite (and any JSON1 database)
        return super().as_sql(compiler, connection, function="json_patch", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, template="(%(expressions)s)", arg_joiner=" || ", **extra
        )


@on_writes
def move_stamps(request: HttpRequest | None, tables: frozenset[str]) -> None:
    """A request under /p/<slug>/ moves its production's stamps of the tables it wrote; anything
    else (a token link, the profile page, a task, a command) may have touched any production:
    those tables' stamps move in every production. One UPDATE."""
    production = getattr(request, "production", None)
    rows = Production.objects.all()
    if production is not None:
        rows = rows.filter(pk=production.pk)
    moved = {table: secrets.randbits(52) for table in sorted(tables)}
    rows.update(
        data_stamp=secrets.randbits(62),
        table_stamps=JSONMerge(
            F("table_stamps"), Value(moved, output_field=JSONField()), output_field=JSONField()
        ),
    )


def stamp_of(membership: Membership) -> Stamps:
    """What a cached fragment of a production's page is checked against: its key names the
    production, its date today (fragments say "today", "overdue", "in 3 days") and the member who
    looks (what they may do, their department); its tables are the production's table stamps as
    this request found them."""
    return replace(stamp_for_everyone(membership.production), member=membership.pk)


def stamp_for_everyone(production: Production) -> Stamps:
    """The stamps of a block that every member sees alike (`{% fragment ... for_everyone %}`), for
    work done outside a request: a worker working pages out ahead."""
    return Stamps(key=(production.pk, production.today()), tables=production.table_stamps or {})
