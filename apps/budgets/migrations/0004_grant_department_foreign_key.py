"""A department grant points at the production's Department instead of naming it, so renaming a
department keeps its grants. Step 1 of 3: the text moves aside, the key is added empty; 0003
fills it; 0004 drops the text and makes the key required."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("budgets", "0003_global_links_notices_and_version_review"),
        ("productions", "0003_department_moves_from_crew"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="departmentgrant", name="grant_unique"),
        migrations.RenameField("departmentgrant", "department", "department_name"),
        migrations.AddField(
            model_name="departmentgrant",
            name="department",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="productions.department",
            ),
        ),
    ]
