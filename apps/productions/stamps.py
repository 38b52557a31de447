"""The production's data stamp: moved after every write, so that its cached fragments are never
read again (apps/core/freshness.py says when a write ends and why that order is safe)."""

from __future__ import annotations

import secrets
from datetime import date

from django.http import HttpRequest

from apps.core.freshness import not_data, on_writes
from apps.productions.models import Membership, Production

# A PDF being built (its pages so far, then its file) is shown on its own page only.
not_data("productions_documentbuild")


@on_writes
def move_stamps(request: HttpRequest | None) -> None:
    """A request under /p/<slug>/ moves its production's stamp; anything else (a token link, the
    profile page, a task, a command) may have touched any production: every stamp moves."""
    production = getattr(request, "production", None)
    rows = Production.objects.all()
    if production is not None:
        rows = rows.filter(pk=production.pk)
    rows.update(data_stamp=secrets.randbits(62))


def stamp_of(membership: Membership) -> tuple[int, int, date, int]:
    """What a cached fragment of a production's page is kept under: the production, its stamp, its
    date today (fragments say "today", "overdue", "in 3 days") and the member who looks (what
    they may do, their department)."""
    production = membership.production
    return (production.pk, production.data_stamp, production.today(), membership.pk)
