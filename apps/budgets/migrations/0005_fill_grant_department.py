"""Step 2 of 3: each grant points at the department its text named, matched as the department
page matched it (ignoring case and surrounding spaces). A name no department has gets one, so no
head loses or gains an account; two grants that now name the same department and account merge."""

from django.db import migrations
from django.db.models import Max


def fill(apps, schema_editor):
    Department = apps.get_model("productions", "Department")
    Grant = apps.get_model("budgets", "DepartmentGrant")
    cache = {}
    seen = set()
    for grant in Grant.objects.order_by("pk").iterator():
        name = grant.department_name.strip()
        key = (grant.production_id, name.lower())
        if key not in cache:
            found = Department.objects.filter(
                production_id=grant.production_id, name__iexact=name
            ).first()
            if found is None:
                last = Department.objects.filter(production_id=grant.production_id).aggregate(
                    n=Max("order")
                )
                found = Department.objects.create(
                    production_id=grant.production_id, name=name, order=(last["n"] or 0) + 10
                )
            cache[key] = found
        department = cache[key]
        same = (grant.production_id, department.pk, grant.kind, grant.number)
        if same in seen:  # "Camera" and "camera " granted the same account twice
            grant.delete()
            continue
        seen.add(same)
        grant.department = department
        grant.save(update_fields=["department"])


def unfill(apps, schema_editor):
    Grant = apps.get_model("budgets", "DepartmentGrant")
    for grant in Grant.objects.select_related("department").iterator():
        grant.department_name = grant.department.name
        grant.save(update_fields=["department_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("budgets", "0004_grant_department_foreign_key"),
        ("productions", "0006_drop_membership_department_name"),
    ]

    operations = [migrations.RunPython(fill, unfill)]
