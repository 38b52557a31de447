"""A department head's membership (and an invitation) points at the production's Department
instead of naming it. Step 1 of 3: the old text moves aside to `department_name`, the new key is
added empty; 0004 fills it; 0005 drops the text."""

import django.db.models.deletion
from django.db import migrations, models


def _key(**kwargs):
    return models.ForeignKey(
        null=True, blank=True, to="productions.department", **kwargs
    )


class Migration(migrations.Migration):
    dependencies = [
        ("productions", "0003_department_moves_from_crew"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="membership", name="membership_department_head_has_department"
        ),
        migrations.RenameField("membership", "department", "department_name"),
        migrations.RenameField("historicalmembership", "department", "department_name"),
        migrations.RenameField("invitation", "department", "department_name"),
        migrations.AddField(
            model_name="membership",
            name="department",
            field=_key(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="memberships",
                help_text="For department heads: the department they run.",
            ),
        ),
        migrations.AddField(
            model_name="historicalmembership",
            name="department",
            field=_key(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                help_text="For department heads: the department they run.",
            ),
        ),
        migrations.AddField(
            model_name="invitation",
            name="department",
            field=_key(on_delete=django.db.models.deletion.PROTECT, related_name="invitations"),
        ),
    ]
