"""The crew list's columns, and its export read back: people and their engagements.

Every row is checked first; if any is wrong nothing is written and each problem is reported with
its line. Then, in one transaction: people are matched by e-mail (made, or their name, union and
contacts updated), departments and positions by name in any case (made when new), engagements by
person and position (made without a deal memo, or their dates updated). Nothing absent from the
file is deleted.

What a signed deal memo agreed stays as the memo says: an engagement that comes from a memo keeps
its dates (changed only by an amendment or a release, which move money), and its rate and unit,
which the export shows from the memo, are never read. A department head imports their own
department's rows only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from apps.core.tables import ImportFailed, RowError, table_rows, upload_tables
from apps.crew.models import Engagement, Person, Position
from apps.crew.validators import format_phone, validate_phone
from apps.productions.access import own_department
from apps.productions.models import Department, Membership

BASE_COLUMNS = ["name", "department", "position", "email", "union", "start", "end", "last_day"]
CONTACT_COLUMNS = ["phone", "emergency_contact", "emergency_phone"]
RATE_COLUMNS = ["rate", "unit"]  # from the deal memo: shown, never read back
REQUIRED = ["name", "department", "position", "email", "start"]
PERSON_FIELDS = ["union", *CONTACT_COLUMNS]

EMPTY = "{column} is empty."
NOT_A_DATE = "{column} {value!r} is not a date (YYYY-MM-DD)."
DATES_OUT_OF_ORDER = "{column} is before the start."
NOT_AN_EMAIL = "{value!r} is not an e-mail address."
NAMED_ELSEWHERE = "{email} is {name} on an earlier row."
TWICE = "{name} is in {position} twice."
TOO_LONG = "{column} is longer than {most} characters."
OTHER_DEPARTMENT = "{department} is not your department: import your own department's crew."
MEMO_DATES = (
    "{name}'s engagement as {position} comes from a signed deal memo: its dates change by an "
    "amendment or a release, not by an import."
)
_LIMITS = {"name": 150, "department": 60, "position": 100, "union": 100, "emergency_contact": 150}


@dataclass
class CrewListPlan:
    people: dict[str, dict] = field(default_factory=dict)  # e-mail (lower) -> name and details
    engagements: dict[tuple[str, str, str], dict] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        return {"people": len(self.people), "engagements": len(self.engagements)}


def _date(row: dict, column: str) -> date | None:
    text = row.get(column, "")
    if not text:
        return None
    # An XLSX date reads back as "2026-03-02 00:00:00".
    day, _, rest = text.partition(" ")
    try:
        if rest.strip("0:") or len(day) != 10:
            raise ValueError
        return date.fromisoformat(day)
    except ValueError:
        raise ValueError(NOT_A_DATE.format(column=column, value=text)) from None


def _checked(row: dict, columns: list[str]) -> dict[str, str]:
    values = {}
    for column in columns:
        text = row.get(column, "")
        if len(text) > _LIMITS.get(column, 40):
            raise ValueError(TOO_LONG.format(column=column, most=_LIMITS.get(column, 40)))
        if column.endswith("phone") and text:
            try:
                validate_phone(text)
            except ValidationError as error:
                raise ValueError(f"{column}: {error.messages[0]}") from None
        values[column] = text
    return values


class _Checker:
    def __init__(self, production, membership: Membership) -> None:
        self.production = production
        self.limit = own_department(membership)
        self.departments = {
            d.name.lower(): d for d in Department.objects.filter(production=production)
        }
        self.existing = {
            (e.person.email.lower(), e.department.name.lower(), e.position.title.lower()): e
            for e in Engagement.objects.filter(production=production).select_related(
                "person", "department", "position"
            )
        }
        self.plan = CrewListPlan()

    def row(self, row: dict) -> None:
        for column in REQUIRED:
            if not row[column]:
                raise ValueError(EMPTY.format(column=column))
        names = _checked(row, ["name", "department", "position"])
        email = row["email"].lower()
        try:
            validate_email(email)
        except ValidationError:
            raise ValueError(NOT_AN_EMAIL.format(value=row["email"])) from None
        department = self.departments.get(names["department"].lower())
        if self.limit is not None and (department is None or department.pk != self.limit):
            raise ValueError(OTHER_DEPARTMENT.format(department=names["department"]))
        person = self.plan.people.get(email)
        if person is not None and person["name"] != names["name"]:
            raise ValueError(NAMED_ELSEWHERE.format(email=row["email"], name=person["name"]))
        details = _checked(row, [c for c in PERSON_FIELDS if c in row])
        start, end, last_day = (_date(row, c) for c in ("start", "end", "last_day"))
        for column, day in (("end", end), ("last_day", last_day)):
            if day is not None and day < start:
                raise ValueError(DATES_OUT_OF_ORDER.format(column=column))
        key = (email, names["department"].lower(), names["position"].lower())
        if key in self.plan.engagements:
            raise ValueError(TWICE.format(name=names["name"], position=names["position"]))
        dates = {"start_date": start, "end_date": end, "last_day": last_day}
        found = self.existing.get(key)
        moved = found is not None and any(getattr(found, n) != v for n, v in dates.items())
        if moved and found.deal_memo_id is not None:
            raise ValueError(MEMO_DATES.format(name=names["name"], position=names["position"]))
        self.plan.people[email] = {"name": names["name"], "email": email, **details}
        self.plan.engagements[key] = {**names, **dates}


def crew_list_validate(*, production, membership: Membership, upload) -> CrewListPlan:
    tables = upload_tables(upload, "crew", ("crew",))
    checker = _Checker(production, membership)
    errors = []
    for line, row in table_rows(tables["crew"], "crew", REQUIRED):
        try:
            checker.row(row)
        except ValueError as error:
            errors.append(RowError("crew", line, str(error)))
    if errors:
        raise ImportFailed(errors)
    return checker.plan


@transaction.atomic
def crew_list_write(*, production, plan: CrewListPlan) -> CrewListPlan:
    people = {p.email.lower(): p for p in Person.objects.filter(production=production)}
    for email, values in plan.people.items():
        person = people.get(email) or Person(production=production, email=email)
        for name, value in values.items():
            same = person.pk and format_phone(getattr(person, name)) == value
            if name.endswith("phone") and same:
                continue  # the export shows a number formatted: the same number, kept as typed
            setattr(person, name, value)
        person.save()
        people[email] = person
    departments = {d.name.lower(): d for d in Department.objects.filter(production=production)}
    positions = {
        (p.department_id, p.title.lower()): p
        for p in Position.objects.filter(production=production)
    }
    engagements = {
        (e.person_id, e.position_id): e for e in Engagement.objects.filter(production=production)
    }
    for (email, department_name, title), values in plan.engagements.items():
        department = departments.get(department_name)
        if department is None:
            department = departments[department_name] = Department.objects.create(
                production=production, name=values["department"], order=len(departments) + 1
            )
        position = positions.get((department.pk, title))
        if position is None:
            position = positions[department.pk, title] = Position.objects.create(
                production=production, department=department, title=values["position"]
            )
        person = people[email]
        engagement = engagements.get((person.pk, position.pk)) or Engagement(
            production=production, person=person, position=position, department=department
        )
        for name in ("start_date", "end_date", "last_day"):
            setattr(engagement, name, values[name])
        engagement.save()
    return plan


def crew_list_import(*, production, membership: Membership, upload) -> CrewListPlan:
    """Check everything, then write everything: raises ImportFailed listing every bad row."""
    plan = crew_list_validate(production=production, membership=membership, upload=upload)
    return crew_list_write(production=production, plan=plan)
