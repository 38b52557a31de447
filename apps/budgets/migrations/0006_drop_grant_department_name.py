"""Step 3 of 3: the grant's department as text goes; every grant has a department."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("budgets", "0005_fill_grant_department"),
    ]

    operations = [
        migrations.RemoveField(model_name="departmentgrant", name="department_name"),
        migrations.AlterField(
            model_name="departmentgrant",
            name="department",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="productions.department",
            ),
        ),
        migrations.AlterModelOptions(
            name="departmentgrant",
            options={
                "ordering": ["production", "department__order", "department__name", "kind", "number"]
            },
        ),
        migrations.AddConstraint(
            model_name="departmentgrant",
            constraint=models.UniqueConstraint(
                fields=("production", "department", "kind", "number"), name="grant_unique"
            ),
        ),
    ]
