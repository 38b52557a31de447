"""The move onto the outbox keeps every value: a call-sheet recipient's delivery columns are
renamed, not dropped, and rows gain the request time they had (published, logged)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from apps.callsheets import services
from tests.callsheets.factories import shoot_day_with_crew
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("callsheets", "0002_recipient_person_or_cast_member"),
    ("vendors", "0001_vendors_quotes_orders_rentals_invoices"),
]


def migrate(targets=None):
    """Migrate to `targets` (every app's latest when None); the models as of there."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def test_recipient_and_reminder_delivery_values_survive_the_move_onto_the_outbox(production):
    day = shoot_day_with_crew(production, crew=2)
    revision = services.callsheet_publish(call_sheet=services.callsheet_start(shoot_day=day))
    user = UserFactory()
    claimed = timezone.now() - timedelta(minutes=3)

    old = migrate(BEFORE)
    try:
        OldRecipient = old.get_model("callsheets", "Recipient")
        in_flight, failed = OldRecipient.objects.filter(revision_id=revision.pk).order_by("pk")[:2]
        OldRecipient.objects.filter(pk=in_flight.pk).update(
            status="sending", attempts=2, attempt_id="task-1", claimed_at=claimed, error=""
        )
        OldRecipient.objects.filter(pk=failed.pk).update(
            status="failed", attempts=5, error="SMTPRecipientsRefused: no such user"
        )
        reminder = old.get_model("vendors", "Reminder").objects.create(
            production_id=production.pk, kind="rental_overdue", object_id=1,
            recipient_id=user.pk, date=timezone.now().date(), text="Return the dolly",
            send_status="failed", send_attempts=5, send_error="busy",
        )  # fmt: skip
    finally:
        new = migrate()

    Recipient = new.get_model("callsheets", "Recipient")
    row = Recipient.objects.get(pk=in_flight.pk)
    assert (row.send_status, row.send_attempts, row.send_claim_id) == ("sending", 2, "task-1")
    assert row.send_claimed_at == claimed
    assert row.send_lease_until == claimed + timedelta(minutes=10)
    assert row.send_requested_at == revision.published_at
    row = Recipient.objects.get(pk=failed.pk)
    assert (row.send_status, row.send_attempts) == ("failed", 5)
    assert row.send_error == "SMTPRecipientsRefused: no such user"
    moved = new.get_model("vendors", "Reminder").objects.get(pk=reminder.pk)
    assert (moved.send_status, moved.send_attempts, moved.send_error) == ("failed", 5, "busy")
    assert moved.send_requested_at == reminder.created_at
