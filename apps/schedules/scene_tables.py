"""The scene list and its breakdown as tables: what the scene list exports and imports back.

Four tables (docs/formats.md describes every column):

- scenes: one row per scene, its cast as IDs joined by ``;`` (``1;2;14``);
- cast: one row per part (ID, character, actor, speaking);
- elements: one row per breakdown element (category, name, quantity);
- breakdown: one row per element on a scene (scene number, category, name).

CSV: a ZIP of scenes.csv, cast.csv, elements.csv and breakdown.csv; XLSX: a workbook with a sheet
of each, the Scenes sheet first. Either imports back (services/scene_list.py).
"""

from __future__ import annotations

from django.http import HttpResponse
from openpyxl import Workbook

from apps.core.exports import append_row, csv_bytes, finish_sheet, workbook_response, zip_response
from apps.schedules.categories import Category
from apps.schedules.models import BreakdownElement, CastMember, Scene

SCENE_COLUMNS = [
    "number",
    "int_ext",
    "set",
    "location",
    "time_of_day",
    "day_night",
    "eighths",
    "pages",
    "synopsis",
    "cast",
    "omitted",
    "notes",
]
CAST_COLUMNS = ["id", "character", "actor", "speaking"]
ELEMENT_COLUMNS = ["category", "name", "quantity"]
BREAKDOWN_COLUMNS = ["scene", "category", "name"]
TABLES = {
    "scenes": SCENE_COLUMNS,
    "cast": CAST_COLUMNS,
    "elements": ELEMENT_COLUMNS,
    "breakdown": BREAKDOWN_COLUMNS,
}
YES, NO = "yes", "no"


def _scenes(production):
    return (
        Scene.objects.filter(production=production)
        .select_related("set__location")
        .prefetch_related("cast", "elements")
        .order_by("sort_key", "number")
    )


def scene_list_tables(production) -> dict[str, list[list]]:
    """Each table's rows (without its header). Queries: scenes, their cast, their elements, the
    cast, the elements (5, whatever the size)."""
    scenes = list(_scenes(production))
    label = dict(Category.choices)
    rows = {name: [] for name in TABLES}
    for scene in scenes:
        ids = sorted(member.id_number for member in scene.cast.all())
        location = scene.set.location
        rows["scenes"].append(
            [
                scene.number,
                scene.int_ext,
                scene.set.name,
                location.name if location else "",
                scene.time_of_day,
                scene.day_night,
                scene.eighths,
                scene.pages,
                scene.synopsis,
                ";".join(str(i) for i in ids),
                YES if scene.omitted else "",
                scene.notes,
            ]
        )
        for element in sorted(scene.elements.all(), key=lambda e: (e.category, e.name.lower())):
            rows["breakdown"].append([scene.number, label[element.category], element.name])
    for member in CastMember.objects.filter(production=production).order_by("id_number"):
        rows["cast"].append(
            [member.id_number, member.character, member.actor, YES if member.speaking else NO]
        )
    for element in BreakdownElement.objects.filter(production=production).order_by(
        "category", "name"
    ):
        rows["elements"].append([label[element.category], element.name, element.quantity])
    return rows


def scene_list_response(production, fmt: str, filename: str) -> HttpResponse:
    tables = scene_list_tables(production)
    if fmt == "xlsx":
        book = Workbook()
        book.remove(book.active)
        for name, columns in TABLES.items():
            sheet = book.create_sheet(name.capitalize())
            append_row(sheet, columns)
            for row in tables[name]:
                append_row(sheet, row)
            finish_sheet(sheet)
        return workbook_response(book, filename)
    return zip_response(
        filename,
        {f"{name}.csv": csv_bytes(columns, tables[name]) for name, columns in TABLES.items()},
    )
