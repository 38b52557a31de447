"""Step 3 of 3: the department's name as text goes; a department head needs a department."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("productions", "0005_fill_membership_department"),
    ]

    operations = [
        migrations.RemoveField(model_name="membership", name="department_name"),
        migrations.RemoveField(model_name="historicalmembership", name="department_name"),
        migrations.RemoveField(model_name="invitation", name="department_name"),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("role", "department_head"), _negated=True),
                    ("department__isnull", False),
                    _connector="OR",
                ),
                name="membership_department_head_has_department",
            ),
        ),
    ]
