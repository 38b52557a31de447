"""Recipients move onto the kernel's outbox (apps/core/outbox.py): their delivery columns take the
outbox's names (status -> send_status, attempts -> send_attempts, error -> send_error,
attempt_id -> send_claim_id, claimed_at -> send_claimed_at), renamed so no value is lost, and gain
the request time (nullable here, filled in 0004, required in 0005) and the lease."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("callsheets", "0003_revision_schema_version"),
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
    ]
