"""Importing a script into a production, and re-importing a revision over it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from apps.schedules import services
from apps.schedules.models import CastMember, Scene, Script, Set, ShootDay
from apps.schedules.services import ScriptImportError, script_import

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"

DRAFT = b"""Title: Crossing

INT. BRIDGE - NIGHT #1#

The captain watches the radar.

HOLT
Two hours to port.

JUN
Coastguard is calling.

EXT. DECK - NIGHT #2#

Wind and rain. Mara checks the lifeboats.

MARA
All secure.

INT. GALLEY - DAY #3#

Cups rattle on a shelf.

HOLT
Tea?
"""

REVISION = b"""Title: Crossing

INT. BRIDGE - NIGHT #1#

The captain watches the radar.

HOLT
Two hours to port.

JUN
Coastguard is calling.

EXT. DECK - NIGHT #2#

Wind and rain. Mara checks the lifeboats, then the rafts.

MARA
All secure. Mostly.

NADIA
Is it always like this?

INT. ENGINE ROOM - NIGHT #4#

Diesels roar.
"""


def test_each_scene_arrives_with_its_heading_parts_length_synopsis_and_speaking_cast(production):
    report = script_import(production=production, data=DRAFT, filename="crossing.fountain")
    assert report.added == ["1", "2", "3"]
    bridge = Scene.objects.get(production=production, number="1")
    assert (bridge.int_ext, bridge.set.name, bridge.time_of_day) == ("INT", "BRIDGE", "NIGHT")
    assert bridge.eighths > 0
    assert bridge.synopsis == "The captain watches the radar."
    assert sorted(m.character for m in bridge.cast.all()) == ["HOLT", "JUN"]
    # IDs by billing: HOLT speaks in two scenes, so he is 1.
    assert CastMember.objects.get(production=production, character="HOLT").id_number == 1
    assert report.script.total_eighths == sum(s.eighths for s in Scene.objects.all())


def test_a_revision_keeps_unchanged_scenes_and_reports_added_changed_and_omitted(production):
    script_import(production=production, data=DRAFT, filename="crossing.fountain")
    day = services.day_insert(production=production)
    bridge = Scene.objects.get(production=production, number="1")
    services.scene_move(production=production, scene_id=bridge.pk, day_id=day.pk, position=0)
    deck = Scene.objects.get(production=production, number="2")
    services.scene_move(production=production, scene_id=deck.pk, day_id=day.pk, position=1)
    galley = Scene.objects.get(production=production, number="3")
    services.scene_move(production=production, scene_id=galley.pk, day_id=day.pk, position=2)
    from apps.schedules.models import BreakdownElement

    radar = BreakdownElement.objects.create(production=production, category="props", name="Radar")
    bridge.elements.add(radar)

    report = script_import(production=production, data=REVISION, filename="crossing-v2.fountain")

    assert (report.added, report.changed, report.unchanged, report.omitted) == (
        ["4"],
        ["2"],
        ["1"],
        ["3"],
    )
    bridge.refresh_from_db()
    assert bridge.shoot_day_id == day.pk and list(bridge.elements.all()) == [radar]
    deck.refresh_from_db()
    assert deck.shoot_day_id == day.pk  # a changed scene keeps its place on the board
    assert "NADIA" in {m.character for m in deck.cast.all()}
    galley.refresh_from_db()
    assert galley.omitted and galley.shoot_day is None
    assert Scene.objects.filter(production=production).count() == 4
    assert report.new_cast == ["4. NADIA"]


def test_an_unreadable_file_is_refused_and_nothing_is_written(production):
    with pytest.raises(ScriptImportError, match="no scene headings"):
        script_import(
            production=production,
            data=(FIXTURES / "no_headings.fountain").read_bytes(),
            filename="no_headings.fountain",
        )
    assert not Script.objects.exists() and not Scene.objects.exists() and not Set.objects.exists()


def test_the_import_page_shows_the_report_and_the_error(ap_client, production):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    url = reverse("schedules:import", kwargs={"production_slug": production.slug})
    bad = ap_client.post(url, {"file": SimpleUploadedFile("notes.docx", b"hello")})
    assert "scripts must be Fountain" in bad.content.decode()
    assert not Scene.objects.exists()
    review = ap_client.post(url, {"file": SimpleUploadedFile("c.fountain", DRAFT)}, follow=True)
    page = review.content.decode()
    assert "3 to add, 0 changed" in page
    assert not Scene.objects.exists()  # a report first: nothing is written until it is applied
    draft = Script.objects.get()
    digest = review.context["plan"].digest
    applied = ap_client.post(
        reverse("schedules:draft", kwargs={"production_slug": production.slug, "pk": draft.pk}),
        {"action": "apply", "digest": digest},
        follow=True,
    )
    assert "3 added, 0 changed" in applied.content.decode()
    assert Scene.objects.count() == 3


def test_the_import_command_reads_a_final_draft_file(production, capsys):
    call_command("import_script", production.slug, str(FIXTURES / "sample.fdx"))
    assert Scene.objects.filter(production=production).exists()
    assert "added" in capsys.readouterr().out


def test_the_import_command_locks_numbers_and_names_the_colour(production, capsys):
    call_command("import_script", production.slug, str(FIXTURES / "revisions" / "white.fountain"))
    call_command(
        "import_script",
        production.slug,
        str(FIXTURES / "revisions" / "blue_insert.fountain"),
        "--lock-numbers",
        "--colour=blue",
    )
    assert "Added: 2A" in capsys.readouterr().out
    assert Script.objects.filter(colour="blue", lock_numbers=True).exists()


def test_the_import_command_fails_clearly_on_a_bad_file(production):
    with pytest.raises(CommandError, match="empty"):
        call_command("import_script", production.slug, str(FIXTURES / "empty.fountain"))
    assert not Scene.objects.exists()


def test_export_scenes_writes_whole_eighths_and_cast_ids(production, tmp_path):
    script_import(production=production, data=DRAFT, filename="crossing.fountain")
    out = tmp_path / "scenes.csv"
    call_command("export_scenes", production.slug, str(out))
    header, *rows = list(csv.reader(out.open()))
    assert header[:3] == ["number", "int_ext", "set"]
    first = dict(zip(header, rows[0], strict=True))
    bridge = Scene.objects.get(production=production, number="1")
    assert [first[c] for c in ("number", "int_ext", "set", "time_of_day")] == [
        "1",
        "INT",
        "BRIDGE",
        "NIGHT",
    ]
    assert first["eighths"] == str(bridge.eighths)
    assert first["cast"] == "1;2"  # HOLT is 1, JUN 2
    assert ShootDay.objects.count() == 0
