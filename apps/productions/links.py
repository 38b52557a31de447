"""Links to production pages: every URL under /p/<production-slug>/ is reversed through here."""

from __future__ import annotations

from django.urls import reverse


def production_url(production_or_request, name: str, **kwargs) -> str:
    """The URL named ``name`` (e.g. "budgets:line") in a production, with the URL's other
    arguments by keyword. The first argument is the production, a production view's request, or
    anything else that belongs to a production (it has a ``production``)."""
    production = getattr(production_or_request, "production", production_or_request)
    return reverse(name, kwargs={"production_slug": production.slug, **kwargs})
