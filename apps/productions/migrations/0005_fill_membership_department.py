"""Step 2 of 3: point each membership and invitation at the department its text named.

The text was matched to Department.name ignoring case and surrounding spaces; the same match
decides here, so nobody sees more or less than before. A name no department has (a head whose
department was renamed or never created) gets a department of that name, appended after the
production's others. History rows take the department when one of that name exists.
"""

from django.db import migrations
from django.db.models import Max


def _department(Department, production_id, name, cache):
    key = (production_id, name.lower())
    if key not in cache:
        found = Department.objects.filter(production_id=production_id, name__iexact=name).first()
        if found is None:
            last = Department.objects.filter(production_id=production_id).aggregate(n=Max("order"))
            found = Department.objects.create(
                production_id=production_id, name=name, order=(last["n"] or 0) + 10
            )
        cache[key] = found
    return cache[key]


def fill(apps, schema_editor):
    Department = apps.get_model("productions", "Department")
    cache = {}
    for model in ("Membership", "Invitation"):
        rows = apps.get_model("productions", model).objects.exclude(department_name="")
        for row in rows.iterator():
            name = row.department_name.strip()
            if name:
                row.department = _department(Department, row.production_id, name, cache)
                row.save(update_fields=["department"])
    History = apps.get_model("productions", "HistoricalMembership")
    for row in History.objects.exclude(department_name="").iterator():
        name = row.department_name.strip()
        found = cache.get((row.production_id, name.lower())) or Department.objects.filter(
            production_id=row.production_id, name__iexact=name
        ).first()
        if found is not None:
            History.objects.filter(pk=row.pk).update(department=found)


def unfill(apps, schema_editor):
    for model in ("Membership", "Invitation", "HistoricalMembership"):
        rows = apps.get_model("productions", model).objects.filter(department__isnull=False)
        for row in rows.select_related("department").iterator():
            row.department_name = row.department.name
            row.save(update_fields=["department_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("productions", "0004_membership_department_foreign_key"),
    ]

    operations = [migrations.RunPython(fill, unfill)]
