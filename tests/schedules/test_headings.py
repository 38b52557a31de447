"""Scene headings read the way writers write them: the time of day comes off the set name with its
suffixes and brackets, the writer's words are kept, and a normalised day or night colours the strip.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from apps.schedules.categories import strip_key
from apps.schedules.importers import ParsedScript, parse_script
from apps.schedules.importers.fountain import light_of, split_heading
from apps.schedules.models import Scene, Set
from apps.schedules.services import script_import

FIXTURES = Path(__file__).parent / "fixtures"

# heading as written: (int_ext, set name, time of day as written)
HEADINGS = [
    ("INT. KITCHEN - NIGHT (1973)", "INT", "KITCHEN", "NIGHT (1973)"),
    ("INT. KITCHEN - NIGHT [CONTINUOUS]", "INT", "KITCHEN", "NIGHT [CONTINUOUS]"),
    ("EXT. FARM - (PRESENT) DAY", "EXT", "FARM", "(PRESENT) DAY"),
    ("INT. BARN - DAY [FLASHBACK]", "INT", "BARN", "DAY [FLASHBACK]"),
    ("EXT. FARM - ANOTHER DAY", "EXT", "FARM", "ANOTHER DAY"),
    ("INT. TRUCK - DAY / DRIVING", "INT", "TRUCK", "DAY / DRIVING"),
    ("INT. KITCHEN, THE NEXT MORNING", "INT", "KITCHEN", "THE NEXT MORNING"),
    ("INT. KITCHEN, LATER THAT MORNING", "INT", "KITCHEN", "LATER THAT MORNING"),
    ("INT. HALL, A BIT LATER", "INT", "HALL", "A BIT LATER"),
    ("INT. KITCHEN \u2013 NIGHT", "INT", "KITCHEN", "NIGHT"),
    ("INT. KITCHEN\u2014NIGHT", "INT", "KITCHEN", "NIGHT"),
    ("INT. KITCHEN\u2013NIGHT", "INT", "KITCHEN", "NIGHT"),
    ("INT. HALL - SAME", "INT", "HALL", "SAME"),
    ("EXT. YARD - CONTINUOUS", "EXT", "YARD", "CONTINUOUS"),
    ("EXT. YARD - MOMENTS LATER", "EXT", "YARD", "MOMENTS LATER"),
    ("INT. BARN - LATER", "INT", "BARN", "LATER"),
    ("INT. KITCHEN - NIGHT - FLASHBACK", "INT", "KITCHEN", "NIGHT - FLASHBACK"),
    ("INT. CAR (MOVING) - NIGHT", "INT", "CAR (MOVING)", "NIGHT"),
    ("EXT. HOUSE - FRONT PORCH - DAY", "EXT", "HOUSE - FRONT PORCH", "DAY"),
    ("INT. HOTEL - DAY SPA - NIGHT", "INT", "HOTEL - DAY SPA", "NIGHT"),
    ("INT. DAY CARE CENTRE - LOBBY", "INT", "DAY CARE CENTRE - LOBBY", ""),
    ("INT. SMITH, JONES AND CO - DAY", "INT", "SMITH, JONES AND CO", "DAY"),
    ("int. cellar – night (1973)", "INT", "CELLAR", "NIGHT (1973)"),
    ("EXT. ROOFTOP--DAY", "EXT", "ROOFTOP", "DAY"),
]


@pytest.mark.parametrize(("heading", "int_ext", "set_name", "time_of_day"), HEADINGS)
def test_split_heading_takes_the_time_of_day_off_the_set_name(
    heading, int_ext, set_name, time_of_day
):
    parts = split_heading(heading)
    assert (parts.int_ext, parts.set_name, parts.time_of_day) == (int_ext, set_name, time_of_day)


@pytest.mark.parametrize(
    ("time_of_day", "light"),
    [
        ("DAY", "DAY"),
        ("NIGHT (1973)", "NIGHT"),
        ("NIGHT [CONTINUOUS]", "NIGHT"),
        ("(PRESENT) DAY", "DAY"),
        ("ANOTHER DAY", "DAY"),
        ("DAY / DRIVING", "DAY"),
        ("THE NEXT MORNING", "DAY"),
        ("LATER THAT MORNING", "DAY"),
        ("LATER THAT NIGHT", "NIGHT"),
        ("NIGHT - FLASHBACK", "NIGHT"),
        ("DUSK", "NIGHT"),
        ("EVENING", "NIGHT"),
        ("DAWN", "DAY"),
        ("CONTINUOUS", ""),
        ("SAME", ""),
        ("LATER", ""),
        ("A BIT LATER", ""),
        ("MOMENTS LATER", ""),
        ("", ""),
    ],
)
def test_light_of_reads_day_or_night_from_the_writers_words(time_of_day, light):
    assert light_of(time_of_day) == light


@pytest.mark.parametrize(
    ("int_ext", "time_of_day", "key"),
    [
        ("INT", "LATER THAT MORNING", ("INT", "DAY")),
        ("INT", "NIGHT (1973)", ("INT", "NIGHT")),
        ("EXT", "DUSK", ("EXT", "NIGHT")),
        ("EXT", "NIGHT - FLASHBACK", ("EXT", "NIGHT")),
        ("INT", "(PRESENT) DAY", ("INT", "DAY")),
    ],
)
def test_strip_key_reads_the_writers_words(int_ext, time_of_day, key):
    assert strip_key(int_ext, time_of_day) == key


def test_a_stored_day_night_wins_over_words_with_no_light_of_their_own():
    assert strip_key("INT", "CONTINUOUS", "NIGHT") == ("INT", "NIGHT")
    assert strip_key("INT", "CONTINUOUS") == ("INT", "DAY")


@pytest.fixture(scope="module")
def writers() -> ParsedScript:
    return parse_script((FIXTURES / "writers_headings.fountain").read_bytes(), "w.fountain")


def test_a_script_with_every_suffix_keeps_its_sets_clean(writers):
    assert sorted({scene.set_name for scene in writers.scenes}) == [
        "BARN", "CAR (MOVING)", "FARM", "HALL", "HOUSE - FRONT PORCH", "KITCHEN", "TRUCK", "YARD",
    ]  # fmt: skip
    assert all(scene.time_of_day for scene in writers.scenes)


def test_scenes_with_no_light_of_their_own_inherit_the_previous_scenes(writers):
    lights = {scene.heading: scene.light for scene in writers.scenes}
    assert lights["INT. KITCHEN - NIGHT (1973)"] == "NIGHT"
    assert lights["INT. HALL - SAME"] == "NIGHT"
    assert lights["INT. KITCHEN, LATER THAT MORNING"] == "DAY"
    assert lights["INT. HALL, A BIT LATER"] == "NIGHT"  # after INT. KITCHEN – NIGHT
    assert lights["EXT. YARD - CONTINUOUS"] == "NIGHT"
    assert lights["EXT. YARD - MOMENTS LATER"] == "NIGHT"
    assert lights["EXT. HOUSE - FRONT PORCH - CONTINUOUS"] == "DAY"
    assert lights["INT. BARN - LATER"] == "DAY"
    assert all(scene.light in ("DAY", "NIGHT") for scene in writers.scenes)


def test_a_first_scene_with_no_light_has_none_to_inherit():
    script = parse_script(b"INT. HALL - CONTINUOUS\n\nA.\n\nINT. HALL - NIGHT\n\nB.\n", "x.txt")
    assert [scene.light for scene in script.scenes] == ["", "NIGHT"]


def test_the_final_draft_reader_splits_headings_the_same_way(writers):
    headings = [scene.heading for scene in writers.scenes]
    paragraphs = "".join(
        f'<Paragraph Type="Scene Heading"><Text>{escape(heading)}</Text></Paragraph>'
        f'<Paragraph Type="Action"><Text>Something happens.</Text></Paragraph>'
        for heading in headings
    )
    fdx = f'<?xml version="1.0"?><FinalDraft><Content>{paragraphs}</Content></FinalDraft>'
    parsed = parse_script(fdx.encode(), "w.fdx")
    parts = [(s.int_ext, s.set_name, s.time_of_day, s.light) for s in parsed.scenes]
    assert parts == [(s.int_ext, s.set_name, s.time_of_day, s.light) for s in writers.scenes]


@pytest.mark.django_db
def test_an_import_stores_clean_sets_the_writers_words_and_the_inherited_light(production):
    data = (FIXTURES / "writers_headings.fountain").read_bytes()
    script_import(production=production, data=data, filename="writers.fountain")
    assert Set.objects.filter(production=production).count() == 8
    scenes = {s.heading: s for s in Scene.objects.filter(production=production)}
    porch = scenes["EXT. HOUSE - FRONT PORCH - CONTINUOUS"]
    assert (porch.set.name, porch.time_of_day, porch.day_night) == (
        "HOUSE - FRONT PORCH",
        "CONTINUOUS",
        "DAY",
    )
    hall = scenes["INT. HALL - SAME"]
    assert (hall.time_of_day, hall.day_night, hall.strip_class) == (
        "SAME",
        "NIGHT",
        "strip-int-night",
    )
    assert scenes["EXT. YARD - CONTINUOUS"].strip_class == "strip-ext-night"
    assert scenes["INT. KITCHEN - NIGHT (1973)"].time_of_day == "NIGHT (1973)"


@pytest.mark.django_db
def test_a_scene_added_by_hand_as_continuous_carries_on_the_light_before_it(production):
    from apps.schedules import services

    services.scene_create(production=production, number="1", set_name="Pier", time_of_day="dusk")
    scene = services.scene_create(
        production=production, number="2", set_name="Pier", time_of_day="continuous"
    )
    assert (scene.time_of_day, scene.day_night, scene.strip_class) == (
        "CONTINUOUS",
        "NIGHT",
        "strip-int-night",
    )
    chosen = services.scene_create(
        production=production, number="3", set_name="Pier", time_of_day="later", day_night="DAY"
    )
    assert chosen.day_night == "DAY"


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_day_night_for_scenes_imported_before_it(production):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("schedules", "0008_cast_aliases")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old_apps = executor.loader.project_state(before).apps
        OldSet = old_apps.get_model("schedules", "Set")
        OldScene = old_apps.get_model("schedules", "Scene")
        deck = OldSet.objects.create(production_id=production.pk, name="DECK")
        for number, words in (("1", "NIGHT"), ("2", "CONTINUOUS"), ("10", "LATER THAT MORNING")):
            OldScene.objects.create(
                production_id=production.pk, set=deck, number=number,
                sort_key=f"{int(number):06d}", time_of_day=words,
            )  # fmt: skip
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        lights = dict(Scene.objects.values_list("number", "day_night"))
        assert lights == {"1": "NIGHT", "2": "NIGHT", "10": "DAY"}
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.parametrize("piece", [" - A", " - (A", ", LATER [X", " (A) - B"])
def test_a_hostile_heading_splits_in_linear_time(piece):
    """A heading of 200 KB of parts (an upload is at most a few MB): cut in well under seconds,
    not in time that grows with the square of its separators."""
    import time as clock

    heading = "INT. HOUSE" + piece * (200_000 // len(piece)) + " - NIGHT"
    started = clock.process_time()
    split_heading(heading)
    assert clock.process_time() - started < 2
