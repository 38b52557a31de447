"""The crew list export imports back (issue 16, point 3).

Found on main: nothing read the crew list back. Now its export (CSV or XLSX) imports into another
production as the same people, departments, positions and engagements, and into its own
production changes nothing; what a signed memo agreed is not changed by a file, a department head
imports only their own department, and a bad file writes nothing and names every bad row.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from apps.core.tables import ImportFailed
from apps.crew.models import DealMemo, Engagement, MemoState, Person
from apps.crew.services.crew_list import (
    MEMO_DATES,
    NAMED_ELSEWHERE,
    OTHER_DEPARTMENT,
    crew_list_import,
)
from apps.productions.capabilities import Role
from apps.productions.models import Membership
from tests.crew.factories import DepartmentFactory, EngagementFactory, PersonFactory
from tests.factories import member
from tests.spreadsheets import import_elsewhere

pytestmark = pytest.mark.django_db


@pytest.fixture
def crew(production):
    camera = DepartmentFactory(production=production, name='Camera "A", =1+1')
    sound = DepartmentFactory(production=production, name="Sound — ñ")
    ana = PersonFactory(
        production=production, name='Ana "Cam", O\'Hara', email="ana@example.test",
        union='=IATSE Local 600, "camera"', emergency_contact="Two\nlines",
    )  # fmt: skip
    EngagementFactory(
        position__department=camera, position__title="1st AC, =1+1", person=ana,
        start_date=date(2026, 3, 2), end_date=date(2026, 4, 30),
    )  # fmt: skip
    EngagementFactory(
        position__department=sound, position__title="Mixer", person=ana,
        start_date=date(2026, 3, 2), end_date=None, last_day=date(2026, 3, 20),
    )  # fmt: skip
    EngagementFactory(
        position__department=sound, position__title="Boom", person__name="日本語 -2",
        person__phone="+44 20 7946 0958", start_date=date(2026, 3, 9),
    )  # fmt: skip
    return production


def _export(client, production, fmt: str) -> bytes:
    response = client.get(reverse("crew:list", args=[production.slug]) + f"?format={fmt}")
    assert response.status_code == 200
    return response.content


def _rows(data: bytes, fmt: str) -> list[list]:
    if fmt == "csv":
        return list(csv.reader(io.StringIO(data.decode())))
    return [list(row) for row in load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_crew_list_imports_into_another_production_as_it_was(client, crew, fmt):
    other, data = import_elsewhere(
        client, crew, lambda c, p: _export(c, p, fmt), "crew:list_import", f"crew.{fmt}"
    )
    before, after = _rows(data, fmt), _rows(_export(client, other, fmt), fmt)
    rate = before[0].index("rate")  # rates come from deal memos: never imported
    assert [row[:rate] for row in after] == [row[:rate] for row in before]
    assert Engagement.objects.filter(production=other).count() == 3
    ana = Person.objects.get(production=other, email="ana@example.test")
    assert (ana.name, ana.emergency_contact) == ('Ana "Cam", O\'Hara', "Two\nlines")
    assert ana.union == '=IATSE Local 600, "camera"'  # inert in the CSV, as typed once read


def test_importing_the_export_into_its_own_production_changes_nothing(ap_client, crew):
    data = _export(ap_client, crew, "xlsx")
    phones = dict(Person.objects.values_list("email", "phone"))
    plan = crew_list_import(
        production=crew,
        membership=Membership.objects.get(production=crew, role=Role.ASSOCIATE_PRODUCER),
        upload=SimpleUploadedFile("crew.xlsx", data),
    )
    assert plan.counts == {"people": 2, "engagements": 3}
    assert _rows(_export(ap_client, crew, "xlsx"), "xlsx") == _rows(data, "xlsx")
    assert dict(Person.objects.values_list("email", "phone")) == phones  # kept as typed
    assert Engagement.objects.filter(production=crew).count() == 3


def _csv(rows: list[list[str]]) -> SimpleUploadedFile:
    stream = io.StringIO()
    csv.writer(stream).writerows(rows)
    return SimpleUploadedFile("crew.csv", stream.getvalue().encode())


def test_a_signed_memos_dates_a_department_heads_reach_and_bad_rows_are_all_reported(
    ap_client, crew
):
    boom = Engagement.objects.get(production=crew, position__title="Boom")
    boom.deal_memo = DealMemo.objects.create(
        production=crew, person=boom.person, position=boom.position, rate=500,
        start_date=boom.start_date, state=MemoState.COUNTERSIGNED,
    )  # fmt: skip
    boom.save()
    header, *rows = list(csv.reader(io.StringIO(_export(ap_client, crew, "csv").decode())))
    column = {name: header.index(name) for name in header}
    boom_row = next(i for i, row in enumerate(rows) if row[column["position"]] == "Boom")
    rows[boom_row][column["start"]] = "2026-03-10"
    rows.append(list(rows[0]))
    rows[-1][column["name"]] = "Somebody Else"
    rows[-1][column["position"]] = "Loader"
    rows.append(list(rows[0]))
    rows[-1][column["position"]] = "Operator"
    rows[-1][column["start"]] = "tomorrow"
    ap = Membership.objects.get(production=crew, role=Role.ASSOCIATE_PRODUCER)
    with pytest.raises(ImportFailed) as failed:
        crew_list_import(production=crew, membership=ap, upload=_csv([header, *rows]))
    errors = [(e.line, e.reason) for e in failed.value.errors]
    boom_person = rows[boom_row][column["name"]]
    assert errors == [
        (boom_row + 2, MEMO_DATES.format(name=boom_person, position="Boom")),
        (len(rows), NAMED_ELSEWHERE.format(email="ana@example.test", name=rows[0][0])),
        (len(rows) + 1, "start 'tomorrow' is not a date (YYYY-MM-DD)."),
    ]
    assert not Engagement.objects.filter(position__title__in=["Loader", "Operator"]).exists()

    head = member(crew, Role.DEPARTMENT_HEAD, department="Sound — ñ")
    head_membership = Membership.objects.get(user=head, production=crew)
    camera_row = next(r for r in rows if r[column["position"]] == "1st AC, =1+1")
    upload = _csv([header, camera_row])
    with pytest.raises(ImportFailed) as failed:
        crew_list_import(production=crew, membership=head_membership, upload=upload)
    assert failed.value.errors[0].reason == OTHER_DEPARTMENT.format(department='Camera "A", =1+1')
