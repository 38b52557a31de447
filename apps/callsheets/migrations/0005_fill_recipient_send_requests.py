"""Each recipient was asked for when its revision was published; a claim in flight keeps the lease
the old code gave it (claimed + 10 minutes)."""

from datetime import timedelta

from django.db import migrations
from django.db.models import F, OuterRef, Subquery


def fill_requests_and_leases(apps, schema_editor):
    Recipient = apps.get_model("callsheets", "Recipient")
    Revision = apps.get_model("callsheets", "Revision")
    published = Revision.objects.filter(pk=OuterRef("revision_id")).values("published_at")[:1]
    Recipient.objects.update(send_requested_at=Subquery(published))
    Recipient.objects.filter(send_status="sending", send_claimed_at__isnull=False).update(
        send_lease_until=F("send_claimed_at") + timedelta(minutes=10)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("callsheets", "0004_recipient_outbox_fields"),
    ]

    operations = [
        migrations.RunPython(fill_requests_and_leases, migrations.RunPython.noop),
    ]
