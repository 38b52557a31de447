"""Department moves from crew to productions: a department head's membership points at it, and
productions may not import crew. Only Django's idea of where the model lives changes; the table
keeps its name (crew_department) and its rows."""

import django.db.models.deletion
import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("productions", "0002_invitation_outbox_claim_and_lease"),
        ("crew", "0004_deal_memo_outbox_claim_and_lease"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Department",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=60)),
                        ("order", models.PositiveIntegerField(default=0)),
                        (
                            "production",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="departments",
                                to="productions.production",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "crew_department",
                        "ordering": ["order", "name"],
                        "constraints": [
                            models.UniqueConstraint(
                                django.db.models.functions.text.Lower("name"),
                                models.F("production"),
                                name="crew_department_unique_name",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
