"""The pages: a member reads every report page, only the office edits, outsiders get 404 on every
URL; the edit page saves its formsets; the PDF reads back as the usual DPR; the list exports;
query counts do not grow with rows."""

from __future__ import annotations

import re
from datetime import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from apps.core import freshness
from apps.daily_reports import services
from apps.daily_reports.models import CostItem, CrewException, DailyReport, Event, SceneResult
from apps.productions.capabilities import Role
from tests import pdfs
from tests.daily_reports.conftest import MESSY_ACTOR, MESSY_ROLE
from tests.daily_reports.helpers import form_data
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(day, coordinator):
    return services.report_start(shoot_day=day, user=coordinator)


def urls(production, report, day) -> dict[str, str]:
    slug = production.slug
    return {
        "list": reverse("daily_reports:list", args=[slug]),
        "export": reverse("daily_reports:export", args=[slug, "csv"]),
        "distribution": reverse("daily_reports:distribution", args=[slug]),
        "start": reverse("daily_reports:start", args=[slug, day.pk]),
        "detail": reverse("daily_reports:detail", args=[slug, report.pk]),
        "edit": reverse("daily_reports:edit", args=[slug, report.pk]),
        "sign": reverse("daily_reports:sign", args=[slug, report.pk]),
        "pdf": reverse("daily_reports:pdf", args=[slug, report.pk]),
    }


def test_outsiders_get_404_on_every_url_with_real_objects(
    client, production, report, day, outsider
):
    client.force_login(outsider)
    for name, url in urls(production, report, day).items():
        assert client.get(url).status_code == 404, name
        assert client.post(url).status_code == 404, name


def test_crew_read_every_report_page_but_change_nothing(client, production, report, day):
    client.force_login(member(production, Role.CREW))
    pages = urls(production, report, day)
    for name in ("list", "export", "detail", "pdf"):
        assert client.get(pages[name]).status_code == 200, name
    for name in ("start", "edit", "sign", "distribution"):
        assert client.post(pages[name]).status_code == 403, name
    for name in ("edit", "sign"):
        assert client.get(pages[name]).status_code == 403, name
    detail = client.get(pages["detail"]).content.decode()
    assert pages["edit"] not in detail and pages["sign"] not in detail


def test_the_day_s_other_costs_show_only_to_roles_that_see_the_budget(
    client, production, report, manager
):
    CostItem.objects.create(
        report=report, description="Condor for the night exterior", planned=800, actual=950
    )
    slug = production.slug
    detail = reverse("daily_reports:detail", args=[slug, report.pk])
    pdf = reverse("daily_reports:pdf", args=[slug, report.pk])
    for role in (Role.CREW, Role.DEPARTMENT_HEAD):
        client.force_login(member(production, role))
        assert "Condor" not in client.get(detail).content.decode(), role
        assert "Condor" not in pdfs.text(client.get(pdf).content, layout=False), role
    client.force_login(manager)
    assert "Condor" in client.get(detail).content.decode()
    assert "Condor" in pdfs.text(client.get(pdf).content, layout=False)


def test_a_report_of_another_production_is_not_found(client, production, report, ap):
    from tests.factories import MembershipFactory

    other = MembershipFactory(user=ap).production
    client.force_login(ap)
    url = reverse("daily_reports:detail", args=[other.slug, report.pk])
    assert client.get(url).status_code == 404


def test_the_edit_page_saves_every_table_from_its_formsets(
    client, production, report, day, coordinator
):
    client.force_login(coordinator)
    url = reverse("daily_reports:edit", args=[production.slug, report.pk])
    data = form_data(client.get(url).content.decode())
    assert data["cast-0-role"] == MESSY_ROLE and data["cast-0-name"] == MESSY_ACTOR
    data.update({
        "units-0-first_shot": "08:40", "units-0-camera_wrap": "19:05", "units-0-last_out": "20:00",
        "scenes-0-eighths_shot": "1 3/8", "scenes-0-setups": "14", "scenes-0-minutes": "2.5",
        "scenes-1-status": "partly", "scenes-1-eighths_shot": "2/8",
        "scenes-1-remaining_to_day_id": str(day.extra["day2"].pk),
        "scenes-2-number": "3", "scenes-2-status": "completed", "scenes-2-eighths_shot": "1",
        "events-0-kind": "delay", "events-0-at": "10:15", "events-0-minutes": "25",
        "events-0-description": 'Ferry late, "again"\n=1+1',
        "exceptions-0-person_id": str(day.extra["engagements"][0].person.pk),
        "exceptions-0-time_out": "21:30", "exceptions-0-reason": "Wrapped the gear",
        "background-2-DELETE": "on",
        "remarks": "Good day.",
    })  # fmt: skip

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    saved = DailyReport.objects.get(pk=report.pk)
    assert saved.version == 2 and saved.remarks == "Good day."
    unit = saved.units.get()
    assert (unit.first_shot, unit.camera_wrap) == (time(8, 40), time(19, 5))
    rows = {s.number: s for s in saved.scenes.all()}
    assert (rows["1"].eighths_shot, rows["1"].setups, str(rows["1"].minutes)) == (11, 14, "2.50")
    assert (rows["2"].status, rows["2"].eighths_shot) == ("partly", 2)
    assert rows["2"].remaining_to_day == day.extra["day2"]
    # Scene 3 was added on the day: found on the board by its number.
    assert rows["3"].scheduled is False and rows["3"].scene.number == "3"
    assert Event.objects.get(report=saved).description == 'Ferry late, "again"\n=1+1'
    assert CrewException.objects.get(report=saved).time_out == time(21, 30)
    assert saved.background.count() == 2


def test_the_blank_unit_row_adds_a_unit_rather_than_a_second_main_unit(
    client, production, report, coordinator
):
    client.force_login(coordinator)
    html = client.get(reverse("daily_reports:edit", args=[production.slug, report.pk]))
    page = html.content.decode()
    assert 'name="units-0-name"' in page and 'value="Main unit"' in page
    blank = re.search(r'<input[^>]*name="units-1-name"[^>]*>', page).group(0)
    assert "Main unit" not in blank


def test_a_stale_edit_page_is_refused_with_the_reason(client, production, report, coordinator):
    client.force_login(coordinator)
    url = reverse("daily_reports:edit", args=[production.slug, report.pk])
    data = form_data(client.get(url).content.decode())
    services.report_save(report=report, expected_version=1, fields={"remarks": "theirs"})
    data["remarks"] = "mine"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Someone else saved this daily report" in response.content.decode()
    assert DailyReport.objects.get(pk=report.pk).remarks == "theirs"


def test_the_pdf_reads_back_as_the_usual_report(client, production, report, day, manager):
    row = report.scenes.order_by("order")[1]
    row.status, row.eighths_shot, row.setups = "partly", 2, 6
    row.save()
    Event.objects.create(
        report=report, kind="accident", at=time(11, 5), description="Grip cut hand"
    )
    report.equipment_notes = "Crane arm returned"
    report.media_notes = "Cards A001-A004 backed up twice"
    report.remarks = "Weather held."
    report.save()
    services.report_sign(report=report, expected_version=report.version, user=manager)
    client.force_login(manager)

    response = client.get(reverse("daily_reports:pdf", args=[production.slug, report.pk]))

    assert response["Content-Type"] == "application/pdf"
    text = pdfs.words(pdfs.text(response.content, layout=False))
    for expected in [
        'The "Ferry", Part 2', "Day 1 of 2", "Crew call", "07:00", "08:15",
        "Completed", "Partly shot", "1 3/8", "2/8", "Scene",
        "O'Brien, Siân", "drivers", "Camera", "Direction",
        "Accident", "11:05", "Grip cut hand", "Crane arm returned", "Cards A001-A004",
        "Weather held.", f"Signed off by {manager.display_name}",
    ]:  # fmt: skip
        assert expected in text, expected
    left, centre, right = pdfs.letterhead(response.content)
    assert "Daily production report, day 1 of 2" in centre
    assert "Signed off" in " ".join([left, centre, right])


def test_the_list_shows_status_and_pages_and_exports_them(client, production, report, day, manager):
    row = report.scenes.order_by("order")[1]
    row.status, row.eighths_shot = "not_shot", 0
    row.save()
    client.force_login(manager)
    page = client.get(reverse("daily_reports:list", args=[production.slug])).content.decode()
    assert "Draft" in page and "1 3/8 / 1 7/8" in page and "Not started" in page

    xlsx = client.get(reverse("daily_reports:export", args=[production.slug, "xlsx"]))
    sheet = load_workbook(__import__("io").BytesIO(xlsx.content)).active
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    assert values[0][:5] == ["Day", "Date", "Status", "Pages scheduled", "Pages shot"]
    assert values[1][2:5] == ["Draft", "1 7/8", "1 3/8"]
    assert values[2][2] == "Not started"
    csv = client.get(reverse("daily_reports:export", args=[production.slug, "csv"]))
    assert csv.content.decode().splitlines()[1].startswith("1,")


def _queries(client, url) -> int:
    freshness.settle()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_counts_do_not_grow_with_rows(client, production, report, day, manager):
    client.force_login(manager)
    pages = [
        reverse("daily_reports:list", args=[production.slug]),
        reverse("daily_reports:detail", args=[production.slug, report.pk]),
        reverse("daily_reports:edit", args=[production.slug, report.pk]),
        reverse("daily_reports:sign", args=[production.slug, report.pk]),
    ]

    def add(i):
        SceneResult.objects.create(report=report, number=f"X{i}", scheduled=False)
        Event.objects.create(report=report, description=f"Delay {i}", minutes=i)
        CrewException.objects.create(
            report=report, person=member_person(production, i), reason="late"
        )

    add(99)  # one row in each table: an empty table's prefetch runs no query
    before = [_queries(client, url) for url in pages]
    for i in range(12):
        add(i)
    after = [_queries(client, url) for url in pages]
    assert after == before
    assert max(after) <= 30  # the sign page previews the board: its own fixed reads


def member_person(production, i):
    from tests.crew.factories import PersonFactory

    return PersonFactory(production=production, name=f"Person {i}")
