from __future__ import annotations

import pytest
from django.urls import reverse

from apps.core import registry
from apps.productions.capabilities import Role
from apps.productions.models import Membership
from tests.factories import member

pytestmark = pytest.mark.django_db


def audit_url(production, **query):
    url = reverse("productions:audit", kwargs={"production_slug": production.slug})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_audit_log_says_who_changed_what_on_the_production(ap_client, production, ap):
    production.phase = "pre_production"
    production.save()
    ap_client.post(
        reverse("productions:settings", kwargs={"production_slug": production.slug}),
        {
            "title": "Retitled",
            "format": production.format,
            "phase": "production",
            "currency": "USD",
            "time_zone": "UTC",
            "version": production.version,
        },
    )
    entries = ap_client.get(audit_url(production)).context["entries"]
    change = next(e for e in entries if e.kind == "Production" and e.who == ap.display_name)
    fields = {field: (old, new) for field, old, new in change.changes}
    assert fields["title"][1] == "Retitled"
    assert fields["phase"] == ("Pre-production", "Production")  # the labels people read


def test_the_audit_log_records_membership_changes(ap_client, production):
    crew = Membership.objects.get(user=member(production, Role.CREW))
    ap_client.post(
        reverse(
            "productions:member_change", kwargs={"production_slug": production.slug, "pk": crew.pk}
        ),
        {"role": "coordinator"},
    )
    entries = ap_client.get(audit_url(production, kind="Membership")).context["entries"]
    assert any(("role", "Crew", "Coordinator") in e.changes for e in entries)
    assert {e.kind for e in entries} == {"Membership"}


def test_the_audit_log_shows_no_other_production(ap_client, production, outsider):
    entries = ap_client.get(audit_url(production)).context["entries"]
    assert all(outsider.email not in e.target for e in entries)


def test_the_audit_page_query_count_does_not_grow_with_entries(ap_client, production):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as captured:
            ap_client.get(audit_url(production))
        return len(captured)

    def add_changes(count: int) -> None:
        for n in range(count):
            production.title = f"Title {n}"
            production.save()
            member(production, Role.CREW)

    add_changes(2)
    few = queries_for_page()
    add_changes(30)
    # session, user, membership; then per audited model: its newest entries, and the versions
    # before them for the diffs. Nothing per entry.
    assert queries_for_page() == few <= 3 + 2 * len(registry.audited_models())


def test_the_audit_log_exports(ap_client, production):
    response = ap_client.get(audit_url(production, format="csv"))
    assert response.content.decode().startswith(
        "when,who,record,action,target,what happened,changes"
    )


def test_the_audit_log_names_records_and_formats_money_instead_of_ids(ap_client, production):
    from decimal import Decimal

    from apps.budgets.services import editing
    from tests.budgets.factories import add_line, budget_from_template, values
    from tests.schedules.factories import SceneFactory, SetFactory

    scene = SceneFactory(production=production, set=SetFactory(production=production, name="DINER"))
    scene.set = SetFactory(production=production, name="FERRY DECK")
    scene.save()
    version = budget_from_template(production)
    line = add_line(version, "3201", description="Gaffer", rate="1000")
    editing.line_update(line=line, values=values(rate="1250.5"), expected_version=line.version)
    entries = ap_client.get(audit_url(production)).context["entries"]
    scene_change = next(e for e in entries if e.kind == "Scene" and e.changes)
    assert ("set", "DINER", "FERRY DECK") in scene_change.changes
    line_change = next(e for e in entries if e.kind == "Budget line" and e.changes)
    assert ("total", "$1,000.00", "$1,250.50") in line_change.changes
    assert ("rate", "1000", "1250.5") in line_change.changes
    assert Decimal(1)  # values read as typed


def test_the_audit_log_filters_by_person(ap_client, production, ap):
    coordinator = member(production, Role.COORDINATOR)
    from django.test import Client

    other = Client()
    other.force_login(coordinator)
    crew = Membership.objects.get(user=member(production, Role.CREW))
    url = reverse(
        "productions:member_change", kwargs={"production_slug": production.slug, "pk": crew.pk}
    )
    ap_client.post(url, {"role": "coordinator"})
    page = ap_client.get(audit_url(production, who=ap.pk))
    entries = page.context["entries"]
    assert entries and {e.who for e in entries} == {ap.display_name}
    assert not ap_client.get(audit_url(production, who=coordinator.pk)).context["entries"]
    assert coordinator.display_name in page.content.decode()  # offered in the person filter
    export = ap_client.get(audit_url(production, who=ap.pk, format="csv")).content.decode()
    assert "what happened" in export.splitlines()[0]


def test_times_in_the_audit_log_read_in_the_productions_zone_to_the_minute(ap_client, production):
    """Found on main: "approved at: — → 2026-11-30 00:13:59.841981+00:00"."""
    from datetime import UTC, datetime

    from apps.productions.audit import entries_for
    from tests.crew.factories import DealMemoFactory

    production.time_zone = "America/New_York"
    production.save()
    memo = DealMemoFactory(position__department__production=production)
    memo.countersigned_at = datetime(2030, 3, 4, 17, 5, 59, 841981, tzinfo=UTC)
    memo.save()
    entry = next(e for e in entries_for(production) if e.kind == "Deal memo" and e.changes)
    fields = {field: (old, new) for field, old, new in entry.changes}
    assert fields["countersigned at"] == ("", "04 Mar 2030 12:05")
