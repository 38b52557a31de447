"""The scene list and its breakdown export and import back (issue 16, point 3).

Found on main: the scene list exported six columns (no breakdown, no cast names, no synopsis) and
nothing could read it back. Now its export (a ZIP of CSV files, or an XLSX of four sheets) imports
into another production as the same scenes, cast, elements and breakdown, and into the same
production changes nothing; a bad file writes nothing and names every bad row.
"""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from apps.core.tables import ImportFailed
from apps.schedules.importers.fountain import light_of
from apps.schedules.models import BreakdownElement, CastMember, Location, Scene
from apps.schedules.scene_tables import scene_list_tables
from apps.schedules.services.scene_list import (
    CAST_NAME_ELSEWHERE,
    NO_SUCH_CAST,
    NO_SUCH_SCENE,
    scene_list_import,
)
from tests.schedules.factories import CastFactory, SceneFactory, SetFactory
from tests.spreadsheets import import_elsewhere, zip_of, zip_tables

pytestmark = pytest.mark.django_db

MESSY = ['=1+1, "quoted"', "Two\nlines", "日本語, ü", "-2+3", "@SUM(A1)"]


@pytest.fixture
def scenes(production):
    location = Location.objects.create(production=production, name='Pier 9, "north" =A1')
    dock = SetFactory(production=production, name="EXT. DOCK — NIGHT", location=location)
    kitchen = SetFactory(production=production, name="KITCHEN")
    holt = CastFactory(production=production, id_number=1, character="HOLT", actor='Ann "Nan"')
    jun = CastFactory(production=production, id_number=2, character="JÜN =1+1", speaking=False)
    car = BreakdownElement.objects.create(
        production=production, category="vehicles", name="Red Volvo, 1974", quantity=2
    )
    extras = BreakdownElement.objects.create(
        production=production, category="background", name=MESSY[1], quantity=20
    )
    gun = BreakdownElement.objects.create(production=production, category="props", name=MESSY[0])
    one = SceneFactory(
        production=production, number="1", set=dock, int_ext="EXT", time_of_day="NIGHT",
        day_night="NIGHT", eighths=11, synopsis=MESSY[0], notes=MESSY[2],
    )  # fmt: skip
    one.cast.set([holt, jun])
    one.elements.set([car, extras, gun])
    two = SceneFactory(
        production=production, number="2A", set=kitchen, int_ext="INT/EXT", time_of_day="LATER",
        day_night="DAY", eighths=3, synopsis=MESSY[3], omitted=True,
    )  # fmt: skip
    two.cast.set([holt])
    two.elements.set([gun])
    SceneFactory(production=production, number="10", set=kitchen, synopsis=MESSY[4], eighths=0)
    return production


def _export(client, production, fmt: str) -> bytes:
    response = client.get(reverse("schedules:scenes", args=[production.slug]) + f"?format={fmt}")
    assert response.status_code == 200
    return response.content


def _file(data: bytes, fmt: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("scenes." + ("zip" if fmt == "csv" else "xlsx"), data)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_scene_list_imports_into_another_production_as_it_was(client, scenes, fmt):
    name = "scenes." + ("zip" if fmt == "csv" else "xlsx")
    other, data = import_elsewhere(
        client, scenes, lambda c, p: _export(c, p, fmt), "schedules:scene_list_import", name
    )
    assert scene_list_tables(other) == scene_list_tables(scenes)
    if fmt == "csv":  # exported again, the other production's files are these
        assert zip_tables(_export(client, other, "csv")) == zip_tables(data)
    one = Scene.objects.get(production=other, number="1")
    assert one.set.location.name == 'Pier 9, "north" =A1'
    assert (one.synopsis, one.notes) == (MESSY[0], MESSY[2])
    assert Scene.objects.get(production=other, number="2A").omitted


def test_importing_the_export_into_its_own_production_changes_nothing(ap_client, scenes):
    before = scene_list_tables(scenes)
    scene_list_import(production=scenes, upload=_file(_export(ap_client, scenes, "xlsx"), "xlsx"))
    assert scene_list_tables(scenes) == before
    assert Scene.objects.filter(production=scenes).count() == 3


def test_the_csv_keeps_user_text_inert_and_the_xlsx_keeps_it_as_text(ap_client, scenes):
    tables = zip_tables(_export(ap_client, scenes, "csv"))
    assert set(tables) == {"scenes.csv", "cast.csv", "elements.csv", "breakdown.csv"}
    synopses = [row[tables["scenes.csv"][0].index("synopsis")] for row in tables["scenes.csv"][1:]]
    assert "'" + MESSY[0] in synopses and "'" + MESSY[3] in synopses
    book = load_workbook(io.BytesIO(_export(ap_client, scenes, "xlsx")))
    assert book.sheetnames == ["Scenes", "Cast", "Elements", "Breakdown"]
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2"


def test_an_edited_scene_list_updates_scenes_cast_and_breakdown(ap_client, scenes):
    tables = zip_tables(_export(ap_client, scenes, "csv"))
    scene_header = tables["scenes.csv"][0]
    tables["scenes.csv"].append(
        ["3", "INT", "NEW ROOM", "", "DAY", "", "4", "", "Added, in the sheet", "1;3", "", ""]
    )
    tables["cast.csv"].append(["3", "MARA", "", "yes"])
    tables["elements.csv"].append(["Props", "Lamp", "1"])
    tables["breakdown.csv"].append(["3", "props", "Lamp"])
    tables["breakdown.csv"] = [r for r in tables["breakdown.csv"] if r[1] != "Vehicles"]
    tables["scenes.csv"][1][scene_header.index("eighths")] = "12"
    plan = scene_list_import(production=scenes, upload=_file(zip_of(tables), "csv"))
    assert plan.counts["scenes"] == 4
    added = Scene.objects.get(production=scenes, number="3")
    assert (added.set.name, added.eighths, added.shoot_day) == ("NEW ROOM", 4, None)
    assert sorted(m.character for m in added.cast.all()) == ["HOLT", "MARA"]
    assert [e.name for e in added.elements.all()] == ["Lamp"]
    one = Scene.objects.get(production=scenes, number="1")
    assert one.eighths == 12
    assert not one.elements.filter(category="vehicles").exists()
    assert BreakdownElement.objects.filter(production=scenes, name="Red Volvo, 1974").exists()


def test_a_bad_scene_list_writes_nothing_and_names_every_row(ap_client, scenes):
    tables = zip_tables(_export(ap_client, scenes, "csv"))
    header = tables["scenes.csv"][0]
    tables["scenes.csv"][1][header.index("cast")] = "1;99"
    tables["scenes.csv"][2][header.index("eighths")] = "two"
    tables["cast.csv"] = [tables["cast.csv"][0], ["7", "HOLT", "", "yes"]]
    tables["breakdown.csv"].append(["404", "props", "Lamp"])
    before = scene_list_tables(scenes)
    with pytest.raises(ImportFailed) as failed:
        scene_list_import(production=scenes, upload=_file(zip_of(tables), "csv"))
    errors = [(e.file, e.line, e.reason) for e in failed.value.errors]
    assert errors[0] == ("cast", 2, CAST_NAME_ELSEWHERE.format(character="HOLT", number=1))
    assert errors[1] == ("scenes", 2, NO_SUCH_CAST.format(number=99))
    assert errors[2][:2] == ("scenes", 3) and "eighths" in errors[2][2]
    assert errors[3][:2] == ("breakdown", len(tables["breakdown.csv"]))
    assert NO_SUCH_SCENE.format(number="404") == errors[3][2]
    assert scene_list_tables(scenes) == before
    assert not CastMember.objects.filter(production=scenes, id_number=7).exists()


def test_a_plain_csv_of_scenes_imports_too(production):
    text = "number,set,int_ext,time_of_day,eighths\n5,Roof,EXT,DUSK,6\n6,roof,ext,night,2\n"
    scene_list_import(production=production, upload=SimpleUploadedFile("s.csv", text.encode()))
    scenes = Scene.objects.filter(production=production).order_by("sort_key")
    assert [(s.number, s.set.name, s.int_ext, s.day_night) for s in scenes] == [
        ("5", "ROOF", "EXT", light_of("DUSK")),
        ("6", "ROOF", "EXT", "NIGHT"),
    ]
