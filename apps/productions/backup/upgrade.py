"""Archives written before a model changed shape, read as if written today.

Before departments moved to the tenant, `crew.department` held them and a membership, an
invitation and a budget grant named their department as text (matched to a department's name,
any case, spaces trimmed). Such an archive restores with those names turned into keys by that
same match; a name no department had gets one, so nobody sees more or less than before.
"""

from __future__ import annotations

NAMED_DEPARTMENT = ("productions.membership", "productions.invitation", "budgets.departmentgrant")


def upgrade(records: dict) -> None:
    """Bring an archive's records (changed in place) up to this installation's shape."""
    _departments_by_key(records)
    _line_fringes_named(records)


def _line_fringes_named(records: dict) -> None:
    """A line's fringes were a plain many-to-many (budgets.detailline_fringes) until their
    amounts were kept on it (budgets.linefringe, same table); the amounts are worked out again
    after the restore (production_restored)."""
    models = records.get("models", {})
    old = models.pop("budgets.detailline_fringes", None)
    if old is not None:
        models.setdefault("budgets.linefringe", []).extend(old)


def _departments_by_key(records: dict) -> None:
    models = records.get("models", {})
    old = models.pop("crew.department", None)
    if old is None:
        return
    departments = models.setdefault("productions.department", [])
    departments.extend(old)
    by_name = {row["fields"]["name"].strip().lower(): row["pk"] for row in departments}
    production_id = models["productions.production"][0]["pk"]

    def key(name: str | None, create: bool) -> int | None:
        name = (name or "").strip()
        if not name:
            return None
        if name.lower() not in by_name and create:
            last = max((row["fields"]["order"] for row in departments), default=0)
            pk = max((row["pk"] for row in departments), default=0) + 1
            fields = {"production_id": production_id, "name": name, "order": last + 10}
            departments.append({"pk": pk, "fields": fields})
            by_name[name.lower()] = pk
        return by_name.get(name.lower())

    for label in NAMED_DEPARTMENT:
        for row in models.get(label, []):
            if "department" in row["fields"]:
                row["fields"]["department_id"] = key(row["fields"].pop("department"), True)
    for row in models.get("productions.historicalmembership", []):
        if "department" in row["fields"]:
            row["fields"]["department_id"] = key(row["fields"].pop("department"), False)
    types = records.get("content_types", {})
    for old_id, natural in types.items():
        if natural == "crew.department":
            types[old_id] = "productions.department"
