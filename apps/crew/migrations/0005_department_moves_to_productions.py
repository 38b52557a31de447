"""Crew's keys to Department now point at productions.Department, the same table
(crew_department): only Django's state changes, no row or column moves."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("crew", "0004_deal_memo_outbox_claim_and_lease"),
        ("productions", "0003_department_moves_from_crew"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="position",
                    name="department",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="positions",
                        to="productions.department",
                    ),
                ),
                migrations.AlterField(
                    model_name="engagement",
                    name="department",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="engagements",
                        to="productions.department",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalengagement",
                    name="department",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="productions.department",
                    ),
                ),
                migrations.DeleteModel(name="Department"),
            ],
            database_operations=[],
        ),
    ]
