"""Recipients move onto the kernel's outbox (apps/core/outbox.py): their delivery columns take the
outbox's names (status -> send_status, attempts -> send_attempts, error -> send_error,
attempt_id -> send_claim_id, claimed_at -> send_claimed_at), renamed so no value is lost, and gain
the request time (filled from the revision's publication) and the lease."""

from datetime import timedelta

import django.utils.timezone
from django.db import migrations, models


def fill_requests_and_leases(apps, schema_editor):
    """Each row's request is its revision's publication; a claim in flight keeps the lease it had
    (claimed + the 10 minutes the old code allowed)."""
    Recipient = apps.get_model("callsheets", "Recipient")
    Revision = apps.get_model("callsheets", "Revision")
    for revision_id, published_at in Revision.objects.values_list("pk", "published_at"):
        Recipient.objects.filter(revision_id=revision_id).update(send_requested_at=published_at)
    for pk, claimed_at in Recipient.objects.filter(
        send_status="sending", send_claimed_at__isnull=False
    ).values_list("pk", "send_claimed_at"):
        Recipient.objects.filter(pk=pk).update(send_lease_until=claimed_at + timedelta(minutes=10))


class Migration(migrations.Migration):
    dependencies = [
        ("callsheets", "0002_recipient_person_or_cast_member"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="recipient", name="callsheets__revisio_08ce9c_idx"),
        migrations.RemoveConstraint(
            model_name="recipient", name="callsheets_recipient_sent_has_time"
        ),
        migrations.RenameField(model_name="recipient", old_name="status", new_name="send_status"),
        migrations.RenameField(
            model_name="recipient", old_name="attempts", new_name="send_attempts"
        ),
        migrations.RenameField(model_name="recipient", old_name="error", new_name="send_error"),
        migrations.RenameField(
            model_name="recipient", old_name="attempt_id", new_name="send_claim_id"
        ),
        migrations.RenameField(
            model_name="recipient", old_name="claimed_at", new_name="send_claimed_at"
        ),
        migrations.AddField(
            model_name="recipient",
            name="send_requested_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.AddField(
            model_name="recipient",
            name="send_lease_until",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(fill_requests_and_leases, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="recipient",
            name="send_requested_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.AddIndex(
            model_name="recipient",
            index=models.Index(
                fields=["revision", "send_status"], name="callsheets_recipient_status"
            ),
        ),
        migrations.AddConstraint(
            model_name="recipient",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("send_status", "sent"), _negated=True),
                    ("sent_at__isnull", False),
                    _connector="OR",
                ),
                name="callsheets_recipient_sent_has_time",
            ),
        ),
    ]
