"""The dashboard panel, the nav item, the audit log and the demo's published call sheet."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from apps.accounts.models import User
from apps.callsheets import services
from apps.callsheets.models import CallSheet, Recipient, Revision
from apps.productions import audit
from apps.productions.models import Production

pytestmark = pytest.mark.django_db


def test_the_panel_shows_the_next_call_sheet_its_revision_and_confirmations(
    day, ap_client, production, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        revision = services.callsheet_publish(call_sheet=services.callsheet_start(shoot_day=day))
    Recipient.objects.filter(pk=revision.recipients.first().pk).update(confirmed_at=timezone.now())
    page = ap_client.get(f"/p/{production.slug}/").content.decode()
    assert 'data-testid="callsheet-panel"' in page
    assert "1 of 5" in page
    assert "bi-megaphone" in page and "Call sheets" in page


def test_call_sheet_edits_are_in_the_audit_log(day, production):
    call_sheet = services.callsheet_start(shoot_day=day)
    services.callsheet_update(call_sheet=call_sheet, expected_version=1, fields={"weather": "Fog"})
    entries = audit.entries_for(production, kind="Call sheet")
    assert entries and entries[0].action == "changed"
    assert ("weather", "", "Fog") in entries[0].changes


def test_the_demo_publishes_the_first_shoot_days_call_sheet_and_seeding_twice_changes_nothing():
    call_command("seed_demo")
    production = Production.objects.get(slug="night-ferry")
    (call_sheet,) = CallSheet.objects.filter(production=production)
    assert call_sheet.shoot_day.day_number == 1
    revision = Revision.objects.get(call_sheet=call_sheet)
    assert revision.number == 1
    recipients = Recipient.objects.filter(revision=revision).count()
    assert recipients >= 10
    assert revision.data["scenes"] and revision.data["locations"][0]["sunrise"]
    call_command("seed_demo")
    assert Revision.objects.filter(call_sheet__production=production).count() == 1
    assert Recipient.objects.filter(revision__call_sheet__production=production).count() == (
        recipients
    )


@pytest.mark.parametrize(
    "email",
    ["ap@demo.producerdesk.test", "coordinator@demo.producerdesk.test",
     "crew@demo.producerdesk.test"],
)  # fmt: skip
def test_every_call_sheet_page_answers_for_each_role(client, email):
    call_command("seed_demo")
    production = Production.objects.get(slug="night-ferry")
    call_sheet = CallSheet.objects.get(production=production)
    client.force_login(User.objects.get(email=email))
    base = f"/p/{production.slug}/callsheets/"
    pages = [
        base, f"{base}{call_sheet.pk}/", f"{base}{call_sheet.pk}/edit/",
        f"{base}{call_sheet.pk}/revisions/1/", f"{base}{call_sheet.pk}/revisions/1/tracking/",
        f"/p/{production.slug}/",
    ]  # fmt: skip
    for page in pages:
        status = client.get(page).status_code
        assert status in {200, 403}, f"{page}: {status}"
