"""A call sheet's data is a typed structure with its layout's version stored beside it, and the
revisions stored before the version existed still open, render, diff and e-mail.

fixtures/legacy_revision_v1.json is a revision's `data` exactly as the app stored it before
`Revision.schema_version` existed (captured from that code on the test shoot day).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from apps.callsheets import queries, services, tasks
from apps.callsheets.models import Recipient, Revision
from apps.callsheets.sheet import SCHEMA_VERSION, CastRow, Sheet

LEGACY = json.loads((Path(__file__).parent / "fixtures" / "legacy_revision_v1.json").read_text())


def legacy_revision(call_sheet, data=LEGACY, number=1) -> Revision:
    return Revision.objects.create(
        production=call_sheet.production,
        call_sheet=call_sheet,
        number=number,
        data=copy.deepcopy(data),
        published_at=timezone.now(),
    )


def test_a_legacy_payload_reads_as_a_sheet_and_writes_back_unchanged():
    sheet = Sheet.from_json(LEGACY, 1)
    assert sheet.day_number == 1
    assert sheet.cast[0] == CastRow(
        id=1, cast_member=1, role="ROLE 0", name="Actor 0", status="SW", pickup="05:45",
        hair_makeup="06:15", on_set="07:30",
    )  # fmt: skip
    assert sheet.cast[0].first_call == "05:45"
    assert [d.department for d in sheet.crew] == ["Direction", "Camera"]
    assert sheet.advance is not None and sheet.advance.scenes[0].number == "3"
    assert sheet.to_json() == LEGACY


def test_an_older_payload_missing_later_fields_still_reads():
    older = copy.deepcopy(LEGACY)
    for key in ("advance", "contacts", "sunrise", "sunset", "company"):
        del older[key]
    for row in older["cast"]:
        del row["cast_member"]
    sheet = Sheet.from_json(older, 1)
    assert (sheet.advance, sheet.contacts, sheet.company) == (None, [], "")
    assert sheet.cast[0].cast_member is None and sheet.cast[0].role == "ROLE 0"


def test_a_payload_from_a_newer_layout_is_refused_rather_than_misread():
    with pytest.raises(ValueError, match="newer version"):
        Sheet.from_json(LEGACY, SCHEMA_VERSION + 1)


@pytest.mark.django_db
def test_a_publish_stores_the_sheet_with_its_schema_version(
    day, django_capture_on_commit_callbacks
):
    call_sheet = services.callsheet_start(shoot_day=day)
    with django_capture_on_commit_callbacks(execute=True):
        revision = services.callsheet_publish(call_sheet=call_sheet)
    stored = Revision.objects.get(pk=revision.pk)
    assert stored.schema_version == SCHEMA_VERSION
    assert stored.data == queries.sheet_data(call_sheet).to_json()
    assert stored.sheet == queries.sheet_data(call_sheet)


@pytest.mark.django_db
def test_a_legacy_revision_opens_prints_tracks_and_confirms(day, ap_client, production):
    call_sheet = services.callsheet_start(shoot_day=day)
    revision = legacy_revision(call_sheet)
    assert Revision.objects.get(pk=revision.pk).schema_version == 1
    base = f"/p/{production.slug}/callsheets/{call_sheet.pk}"
    page = ap_client.get(f"{base}/revisions/1/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Fog, clearing by noon" in text and "Actor 0" in text and "Ada First" in text
    assert "Life jackets on the car deck." in text
    pdf = ap_client.get(f"{base}/revisions/1/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "call-sheet-day-1-2027-01-08-rev1" in pdf["Content-Disposition"]
    assert ap_client.get(f"{base}/revisions/1/tracking/").status_code == 200
    assert ap_client.get(f"{base}/").status_code == 200  # the draft, diffed against it


@pytest.mark.django_db
def test_a_new_revision_lists_what_changed_since_a_legacy_one(
    day, ap_client, production, django_capture_on_commit_callbacks
):
    call_sheet = services.callsheet_start(shoot_day=day)
    legacy_revision(call_sheet)
    with django_capture_on_commit_callbacks(execute=True):
        services.callsheet_publish(call_sheet=call_sheet)
    changes = queries.diff(*(r.sheet for r in call_sheet.revisions.order_by("number")))
    assert {"kind": "changed", "what": "Weather", "old": "Fog, clearing by noon", "new": ""} in (
        changes
    )
    page = ap_client.get(f"/p/{production.slug}/callsheets/{call_sheet.pk}/revisions/2/")
    assert "Changed since revision 1" in page.content.decode()


@pytest.mark.django_db
def test_the_e_mail_of_a_legacy_revision_reads_the_sheet(day):
    call_sheet = services.callsheet_start(shoot_day=day)
    revision = legacy_revision(call_sheet)
    person = day.extra["engagements"][0].person
    recipient = Recipient.objects.create(
        production=call_sheet.production, revision=revision, person=person, name=person.name,
        email="crew@example.test",
    )  # fmt: skip
    mail = tasks.callsheet_message(recipient)
    assert mail.subject == ("Call sheet: Production 0 day 1 of 2, 2027-01-08 — your call 07:00")
    assert "Pier 4" in mail.body


@pytest.mark.django_db(transaction=True)
def test_the_migration_reads_revisions_stored_before_it_as_version_1(day):
    executor = MigrationExecutor(connection)
    before = [("callsheets", "0002_recipient_person_or_cast_member")]
    after = [("callsheets", "0003_revision_schema_version")]
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    OldRevision = old_apps.get_model("callsheets", "Revision")
    OldCallSheet = old_apps.get_model("callsheets", "CallSheet")
    call_sheet = OldCallSheet.objects.create(production_id=day.production_id, shoot_day_id=day.pk)
    OldRevision.objects.create(
        production_id=day.production_id, call_sheet=call_sheet, number=1, data=LEGACY,
        published_at=timezone.now(),
    )  # fmt: skip
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(after)
        revision = Revision.objects.get(call_sheet_id=call_sheet.pk)
        assert revision.schema_version == 1
        assert revision.sheet.weather == "Fog, clearing by noon"
    finally:
        # Leave the schema as every other test expects it: at the latest migrations.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
