"""Day Out of Days on a small schedule whose answer is known by hand."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.core.management import call_command

from apps.schedules import services
from apps.schedules.models import DayKind
from apps.schedules.queries import dood
from tests.schedules.factories import CastFactory, SceneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def schedule(production):
    """Board: Travel, D1, D2, D3, Off, D4.  Ana works D1, D3, D4; Ben works D2 only;
    Cy travels on the travel day and works D4; Dee is never scheduled."""
    travel = services.day_insert(production=production, kind=DayKind.TRAVEL)
    d1, d2, d3 = services.days_append(production=production, count=3)
    services.day_insert(production=production, kind=DayKind.OFF)
    (d4,) = services.days_append(production=production, count=1)
    ana, ben, cy, _dee = (
        CastFactory(production=production, id_number=n, character=name)
        for n, name in ((1, "ANA"), (2, "BEN"), (3, "CY"), (4, "DEE"))
    )
    travel.travellers.add(cy)
    for day, cast in ((d1, [ana]), (d2, [ben]), (d3, [ana]), (d4, [ana, cy])):
        scene = SceneFactory(production=production)
        scene.cast.set(cast)
        services.scene_move(production=production, scene_id=scene.pk, day_id=day.pk, position=0)
    return production


def test_dood_codes_follow_the_standard_rules(schedule):
    result = dood(schedule)
    codes = {row.member.character: row.codes for row in result.rows}
    #                  T    D1     D2     D3    Off   D4
    assert codes["ANA"] == ["", "SW", "H", "W", "", "WF"]
    assert codes["BEN"] == ["", "", "SWF", "", "", ""]
    assert codes["CY"] == ["T", "", "", "", "", "SWF"]
    assert codes["DEE"] == ["", "", "", "", "", ""]


def test_dood_counts_work_hold_travel_and_total_days(schedule):
    rows = {row.member.character: row for row in dood(schedule).rows}
    assert (rows["ANA"].work, rows["ANA"].hold, rows["ANA"].travel, rows["ANA"].total) == (
        3,
        1,
        0,
        4,
    )
    assert (rows["CY"].work, rows["CY"].hold, rows["CY"].travel, rows["CY"].total) == (1, 0, 1, 2)
    assert rows["ANA"].start == date(2027, 3, 2) and rows["ANA"].finish == date(2027, 3, 8)


def test_export_dood_writes_the_same_table(schedule, tmp_path):
    out = tmp_path / "dood.csv"
    call_command("export_dood", schedule.slug, str(out))
    rows = list(csv.reader(out.open()))
    assert rows[0][:3] == ["ID", "Character", "Actor"]
    assert rows[0][-6:] == ["Work", "Hold", "Travel", "Total", "Start", "Finish"]
    assert rows[1][3:9] == ["", "SW", "H", "W", "", "WF"]
    assert rows[1][9:13] == ["3", "1", "0", "4"]


def test_a_long_dood_prints_every_day_and_the_totals(production, ap_client, tmp_path):
    """A 45-day DOOD is wider than a page: it prints in blocks that repeat the cast columns."""
    import subprocess

    from django.urls import reverse

    days = services.days_append(production=production, count=45)
    lead = CastFactory(production=production, id_number=1, character="LEAD")
    for day in (days[0], days[-1]):
        scene = SceneFactory(production=production)
        scene.cast.set([lead])
        services.scene_move(production=production, scene_id=scene.pk, day_id=day.pk, position=0)
    url = reverse("schedules:report", args=[production.slug, "dood"]) + "?format=pdf"
    response = ap_client.get(url)
    (tmp_path / "dood.pdf").write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "dood.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "D1" in text and "D45" in text and "Total" in text
    assert text.count("LEAD") == 3  # once per block of 20 days


def test_the_dood_workbooks_total_is_a_live_sum_that_recalculates(schedule, client, tmp_path):
    """Its Total was a value the spreadsheet could not follow when a day was edited."""
    from django.urls import reverse
    from openpyxl import load_workbook

    from tests.factories import member
    from tests.spreadsheets import recalculated

    client.force_login(member(schedule))
    url = reverse("schedules:report", kwargs={"production_slug": schedule.slug, "key": "dood"})
    data = client.get(url + "?format=xlsx").content
    sheet = load_workbook(io.BytesIO(data)).active
    header = [cell.value for cell in sheet[1]]
    total = header.index("Total") + 1
    assert sheet.cell(2, total).data_type == "f"
    values = recalculated(data, tmp_path).active
    totals = {values.cell(r, 2).value: values.cell(r, total).value for r in range(2, 6)}
    assert totals == {"ANA": 4, "BEN": 1, "CY": 2, "DEE": 0}
