"""The audit log a page at a time: page N of M, the filters kept on every page link, the export
of every filtered entry (not only one page's)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from apps.productions.audit import AuditLog
from tests.factories import member

pytestmark = pytest.mark.django_db


def audit_url(production, query: str = "") -> str:
    return reverse("productions:audit", kwargs={"production_slug": production.slug}) + query


@pytest.fixture
def retitled(production):
    """130 changes to the production's title (plus its creation): 131 "Production" entries."""
    for n in range(130):
        production.title = f"Title {n:03d}"
        production.save()
    return production


def test_the_audit_log_is_paginated_newest_first(ap_client, retitled, ap):
    page = ap_client.get(audit_url(retitled, "?kind=Production"))
    html = page.content.decode()
    entries = page.context["entries"]
    assert len(entries) == 50
    assert ("title", "Title 128", "Title 129") in entries[0].changes
    assert "Page 1 of 3" in html and "1–50 of 131" in html
    link = re.search(r'href="([^"]*(?:\?|&amp;)page=3)"', html).group(1).replace("&amp;", "&")
    assert "kind=Production" in link
    last = ap_client.get(audit_url(retitled, link)).context["entries"]
    assert len(last) == 31
    assert last[-1].action == "created"


def test_pages_do_not_overlap_or_skip(retitled):
    log = AuditLog(retitled, kind="Production")
    assert log.count() == 131
    titles = [e.changes[0][2] for e in log[:60] if e.changes] + [
        e.changes[0][2] for e in log[60:131] if e.changes
    ]
    assert titles == [f"Title {n:03d}" for n in range(129, -1, -1)]


def test_the_export_has_every_filtered_entry(ap_client, retitled, ap):
    member(retitled)  # one membership entry, filtered out below
    export = ap_client.get(audit_url(retitled, "?kind=Production&page=2&format=csv"))
    lines = export.content.decode().strip().splitlines()
    assert len(lines) == 1 + 131
