"""A reminder was asked for when it was logged (0002 gave existing rows the migration's time)."""

from django.db import migrations
from django.db.models import F


def fill_reminder_requests(apps, schema_editor):
    apps.get_model("vendors", "Reminder").objects.update(send_requested_at=F("created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("vendors", "0003_purchase_order_and_reminder_outbox_claim_and_lease"),
    ]

    operations = [
        migrations.RunPython(fill_reminder_requests, migrations.RunPython.noop),
    ]
