"""The crew list: filter by department, CSV/XLSX exports, the PDF contact sheet, a fixed number
of queries; the dashboard panel, the menu entry, the audit log and the demo."""

from __future__ import annotations

import io
import subprocess
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from apps.crew.models import DayAssignment, DealMemo, Engagement, MemoState, Person
from apps.productions import audit
from apps.productions.models import Production
from tests.crew.factories import (
    DealMemoFactory,
    DepartmentFactory,
    EngagementFactory,
    OpeningFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db


def url(name: str, production, **kwargs) -> str:
    return reverse(f"crew:{name}", kwargs={"production_slug": production.slug, **kwargs})


@pytest.fixture
def crew(production):
    camera = DepartmentFactory(production=production, name="Camera")
    sound = DepartmentFactory(production=production, name="Sound")
    return [
        EngagementFactory(position__department=camera, person__name="Ana Camera"),
        EngagementFactory(position__department=sound, person__name="Sol Sound"),
    ]


def test_the_list_filters_by_department(ap_client, production, crew):
    everyone = ap_client.get(url("list", production)).content.decode()
    assert "Ana Camera" in everyone and "Sol Sound" in everyone
    camera = crew[0].department
    only = ap_client.get(url("list", production) + f"?department={camera.pk}").content.decode()
    assert "Ana Camera" in only and "Sol Sound" not in only


def test_csv_and_xlsx_exports_follow_the_filter(ap_client, production, crew):
    camera = crew[0].department
    csv = ap_client.get(url("list", production) + f"?department={camera.pk}&format=csv")
    lines = csv.content.decode().splitlines()
    assert lines[0].startswith("name,department,position,email")
    assert len(lines) == 2 and lines[1].startswith("Ana Camera,Camera,")
    xlsx = ap_client.get(url("list", production) + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["Ana Camera", "Sol Sound"]


def test_the_contact_sheet_is_a_pdf_grouped_by_department(ap_client, production, crew, tmp_path):
    response = ap_client.get(url("list", production) + "?format=pdf")
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "sheet.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "Crew contact sheet" in text
    assert text.index("Camera") < text.index("Ana Camera") < text.index("Sol Sound")
    assert "+1 212-555-0100" in text


def test_a_whole_big_crew_s_contact_sheet_is_built_by_the_worker_as_the_member_may_see_it(
    production, crew, client, tmp_path
):
    """Over CONTACT_SHEET_IN_REQUEST people the sheet is a document build (with tasks in-process
    the answer is still the PDF); the member who asked is its subject, so a coordinator's sheet
    has phones and an accountant's (no contacts) has none."""
    from apps.crew.views.crew_list import CONTACT_SHEET_IN_REQUEST
    from apps.productions.models import DocumentBuild
    from tests.factories import member

    make_crew(production, CONTACT_SHEET_IN_REQUEST)
    texts = {}
    for role in ("coordinator", "accountant"):
        user = member(production, role=role)
        client.force_login(user)
        response = client.get(url("list", production) + "?format=pdf")
        assert response["Content-Type"] == "application/pdf"
        build = DocumentBuild.objects.get(production=production, requested_by=user)
        assert build.builder == "apps.crew.views.crew_list.contact_sheet_document"
        path = tmp_path / f"{role}.pdf"
        path.write_bytes(response.content)
        texts[role] = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True
        ).stdout
    for text in texts.values():
        assert "Ana Camera" in text and "Sol Sound" in text
    assert "+1 212-555-0100" in texts["coordinator"]
    assert "+1 212-555-0100" not in texts["accountant"]
    # A department's sheet, or a search, is short: printed at once.
    client.get(url("list", production) + f"?department={crew[0].department.pk}&format=pdf")
    assert DocumentBuild.objects.filter(production=production).count() == 2


def make_crew(production, count: int) -> None:
    for _ in range(count):
        memo = DealMemoFactory(position__department__production=production)
        EngagementFactory(
            production=production,
            position=memo.position,
            department=memo.position.department,
            person=memo.person,
            deal_memo=memo,
        )


@pytest.mark.parametrize("count", [2, 12])
def test_the_crew_list_takes_the_same_queries_however_many_are_hired(
    ap_client, production, count, django_assert_num_queries
):
    make_crew(production, count)
    ap_client.get(url("list", production))  # departments_ensure creates the standard set once
    # 1 session, 2 user, 3 membership with production, 4 "has departments?", 5 the departments
    # for the filter, 6 how many match (the page count), 7 the page's engagements with their
    # person, position, department and deal memo, 8 the page's start paperwork states (payroll,
    # through crew_badges)
    with django_assert_num_queries(8):
        response = ap_client.get(url("list", production))
    assert len(response.context["rows"]) == count


def test_who_works_on_a_date(production):
    from apps.crew.queries import working_on

    today = production.today()
    on = EngagementFactory(position__department__production=production, start_date=today)
    EngagementFactory(
        position__department__production=production, start_date=today + timedelta(days=1)
    )
    released = EngagementFactory(
        position__department__production=production,
        start_date=today - timedelta(days=3),
        last_day=today - timedelta(days=1),
    )
    open_ended = EngagementFactory(
        position__department__production=production,
        start_date=today - timedelta(days=3),
        end_date=None,
    )
    assert set(working_on(production, today)) == {on, open_ended}
    assert set(Engagement.objects.working_on(today)) == {on, open_ended}
    assert released.is_working_on(today - timedelta(days=1))
    assert not released.is_working_on(today)
    assert open_ended.is_working_on(today + timedelta(days=900))


def test_the_dashboard_shows_the_crew_panel(ap_client, production, crew):
    OpeningFactory(position=PositionFactory(department=crew[0].department))
    DealMemoFactory(position=crew[0].position, state=MemoState.SENT)
    page = ap_client.get(production.get_absolute_url())
    panel = next(p for p in page.context["panels"] if p["title"] == "Open hires")
    assert (panel["open_positions"], panel["offers_out"], panel["crew_count"]) == (1, 1, 2)
    assert 'data-testid="crew-panel"' in page.content.decode()
    nav = [(item.label, item.order, item.icon) for item in page.context["production_nav"]]
    assert ("Crew", 300, "people-fill") in nav


def test_people_memos_and_engagements_are_in_the_audit_log(production):
    labels = {"Person", "Deal memo", "Engagement", "Day booking"}
    assert labels <= set(audit.registered_labels())
    memo = DealMemoFactory(position__department__production=production)
    memo.rate = Decimal("525")
    memo.save()
    entries = audit.entries_for(production, kind="Deal memo")
    assert entries[0].action == "changed"
    assert ("rate", "500", "525") in entries[0].changes  # numbers as people type them


def test_the_demo_has_crew_in_every_state_and_seeding_twice_changes_nothing():
    call_command("seed_demo")
    production = Production.objects.get(slug="night-ferry")
    people = Person.objects.filter(production=production).count()
    assert people == 22  # twenty in the directory, two day players
    assert DayAssignment.objects.filter(production=production).count() == 6
    states = set(DealMemo.objects.filter(production=production).values_list("state", flat=True))
    assert states == set(MemoState.values)
    engagements = Engagement.objects.filter(production=production).count()
    assert engagements == 11
    signed = DealMemo.objects.filter(production=production, committed_amount__isnull=False)
    assert signed.count() == 11  # every hire's cost is committed in the demo budget
    assert not DealMemo.objects.filter(production=production).exclude(commitment_error="")
    call_command("seed_demo")
    assert Person.objects.filter(production=production).count() == people
    assert Engagement.objects.filter(production=production).count() == engagements
