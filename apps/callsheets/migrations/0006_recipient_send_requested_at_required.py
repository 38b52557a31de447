"""With every row filled (0004), the request time is required, and the index and the "sent has a
time" rule are back on the renamed column."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("callsheets", "0005_fill_recipient_send_requests"),
    ]

    operations = [
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
