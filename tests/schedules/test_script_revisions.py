"""Revised drafts follow the scene, not its position (issue 14, point 1).

The fixtures in fixtures/revisions/ are one short script in three drafts, made the way real
revisions arrive: unnumbered scenes, then a scene inserted mid-script (blue), then a scene
deleted, a heading changed and a new voice in the car (pink). Every test boards the white draft,
breaks it down by hand, and checks that the breakdown, the hand-added cast, the notes and the
board stay on the scene they were made for.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from apps.schedules import queries, services
from apps.schedules.models import (
    BreakdownElement,
    CastMember,
    RevisionColour,
    Scene,
    Script,
    ScriptStatus,
    Set,
)
from apps.schedules.services import ScheduleError

pytestmark = pytest.mark.django_db

DRAFTS = Path(__file__).parent / "fixtures" / "revisions"


def draft(name: str) -> bytes:
    return (DRAFTS / f"{name}.fountain").read_bytes()


def scene(production, text: str) -> Scene:
    """The one live scene whose text contains `text` (numbers are what is under test)."""
    return Scene.objects.get(production=production, text__contains=text, omitted=False)


@pytest.fixture
def boarded(production):
    """The white draft imported, on two shoot days, with a breakdown made by hand."""
    services.script_import(production=production, data=draft("white"), filename="white.fountain")
    day1, day2 = services.days_append(production=production, count=2)
    plan = {
        "Rain hammers": (day1, 0),
        "counts banknotes": (day1, 1),
        "pulls in behind a lorry": (day1, 2),
        "fry-up": (day2, 0),
        "joins the traffic": (day2, 1),
        "reads the Volvo's plate": (day2, 2),
    }
    for text, (day, position) in plan.items():
        services.scene_move(
            production=production,
            scene_id=scene(production, text).pk,
            day_id=day.pk,
            position=position,
        )
    car = scene(production, "counts banknotes")
    volvo = BreakdownElement.objects.create(
        production=production, category="vehicles", name="Red Volvo estate"
    )
    cash = BreakdownElement.objects.create(
        production=production, category="props", name="Envelope of banknotes"
    )
    car.elements.add(volvo, cash)
    dog = CastMember.objects.create(production=production, id_number=50, character="DOG")
    car.cast.add(dog)  # a silent part, added by hand
    Scene.objects.filter(pk=car.pk).update(notes="Process trailer; rain bars.")
    lay_by = scene(production, "pulls in behind a lorry")
    lorry = BreakdownElement.objects.create(
        production=production, category="vehicles", name="Articulated lorry"
    )
    lay_by.elements.add(lorry)
    cafe = scene(production, "fry-up")
    cafe.elements.add(
        BreakdownElement.objects.create(production=production, category="props", name="Fry-up")
    )
    return {"day1": day1, "day2": day2, "volvo": volvo, "cash": cash, "dog": dog, "lorry": lorry}


def placement(production) -> dict[str, tuple]:
    """Each live scene's first words -> (number, shoot day, board position, elements, cast)."""
    return {
        s.text.split("\n")[0][:30]: (
            s.number,
            s.shoot_day_id,
            s.board_position,
            sorted(e.name for e in s.elements.all()),
            sorted(c.character for c in s.cast.all()),
            s.notes,
        )
        for s in Scene.objects.filter(production=production, omitted=False)
    }


def dood_codes(production) -> dict[str, list[str]]:
    return {row.member.character: row.codes for row in queries.dood(production).rows}


def test_an_inserted_scene_takes_an_a_number_and_nothing_else_moves(production, boarded):
    before = placement(production)
    dood_before = dood_codes(production)

    report = services.script_import(
        production=production,
        data=draft("blue_insert"),
        filename="blue.fountain",
        lock_numbers=True,
    )

    assert report.added == ["2A"]
    assert report.changed == [] and report.omitted == [] and report.renumbered == []
    assert len(report.unchanged) == 6
    after = placement(production)
    inserted = after.pop("Del fills the tank. Priya watc")
    assert inserted[0] == "2A" and inserted[1] is None  # the new scene waits in the bin
    assert after == before  # every other scene: same number, day, place, breakdown, cast, notes
    car = scene(production, "counts banknotes")
    assert car.number == "2"
    assert {e.name for e in car.elements.all()} == {"Red Volvo estate", "Envelope of banknotes"}
    assert dood_codes(production) == dood_before


def test_without_locked_numbers_scenes_renumber_but_keep_their_breakdown(production, boarded):
    before = placement(production)

    report = services.script_import(
        production=production,
        data=draft("blue_insert"),
        filename="blue.fountain",
        lock_numbers=False,
    )

    assert report.added == ["3"]
    assert report.renumbered == ["3 → 4", "4 → 5", "5 → 6", "6 → 7"]
    after = placement(production)
    after.pop("Del fills the tank. Priya watc")
    assert {k: v[1:] for k, v in after.items()} == {k: v[1:] for k, v in before.items()}
    assert scene(production, "pulls in behind a lorry").number == "4"
    assert {e.name for e in scene(production, "pulls in behind a lorry").elements.all()} == {
        "Articulated lorry"
    }


def test_a_deleted_scene_stays_omitted_and_a_changed_heading_keeps_its_day(production, boarded):
    services.script_import(
        production=production, data=draft("blue_insert"), filename="b.fountain", lock_numbers=True
    )
    cafe = scene(production, "fry-up")

    report = services.script_import(
        production=production,
        data=draft("pink_delete_and_change"),
        filename="pink.fountain",
        lock_numbers=True,
    )

    assert report.omitted == ["4"]
    cafe.refresh_from_db()
    assert cafe.omitted and cafe.number == "4" and cafe.shoot_day is None
    assert [e.name for e in cafe.elements.all()] == ["Fry-up"]  # kept, should it come back
    assert report.changed == ["2", "3"]
    lay_by = scene(production, "pulls in behind a lorry")
    assert lay_by.number == "3" and lay_by.time_of_day == "DAWN"
    assert lay_by.shoot_day_id == boarded["day1"].pk and lay_by.board_position == 2
    assert [e.name for e in lay_by.elements.all()] == ["Articulated lorry"]
    car = scene(production, "counts banknotes")
    assert {c.character for c in car.cast.all()} == {"DEL", "PRIYA", "DOG", "RADIO HOST"}


def test_the_report_says_scene_by_scene_what_changed_before_anything_is_written(
    production, boarded
):
    services.script_import(
        production=production, data=draft("blue_insert"), filename="b.fountain", lock_numbers=True
    )
    before = placement(production)

    plan = services.script_preview(
        production=production,
        data=draft("pink_delete_and_change"),
        filename="pink.fountain",
        lock_numbers=True,
    )

    assert placement(production) == before  # nothing written yet
    assert plan.script.status == ScriptStatus.PENDING
    by_number = {entry.number: entry for entry in plan.entries}
    lay_by = by_number["3"]
    assert lay_by.kind == "changed"
    words = {change.label: (change.old, change.new) for change in lay_by.changes}
    assert words["Heading"] == ("EXT. LAY-BY - NIGHT", "EXT. LAY-BY - DAWN")
    assert words["Time of day"] == ("NIGHT", "DAWN")
    assert "Grey light." in [word for op, word in lay_by.text_diff if op == "+"]
    assert by_number["2"].cast_added == ["RADIO HOST"]
    assert by_number["4"].kind == "omitted" and by_number["4"].day_label.startswith("Day 2")
    assert "was on Day 2" in plan.omitted_words(by_number["4"])

    report = services.script_apply(script=plan.script, digest=plan.digest)
    assert report.omitted == ["4"]
    plan.script.refresh_from_db()
    assert plan.script.status == ScriptStatus.APPLIED


def test_a_plan_made_stale_by_another_edit_is_not_applied(production, boarded):
    plan = services.script_preview(
        production=production, data=draft("blue_insert"), filename="b.fountain", lock_numbers=True
    )
    services.scene_set_omitted(scene=scene(production, "fry-up"), omitted=True)

    with pytest.raises(ScheduleError, match="changed since"):
        services.script_apply(script=plan.script, digest=plan.digest)
    assert not Scene.objects.filter(number="2A").exists()


def test_each_draft_records_its_revision_colour_in_the_usual_order(production, boarded):
    services.script_import(
        production=production, data=draft("blue_insert"), filename="b.fountain", lock_numbers=True
    )
    applied = list(
        Script.objects.filter(production=production, status=ScriptStatus.APPLIED).order_by("pk")
    )
    assert [s.colour for s in applied] == [RevisionColour.WHITE, RevisionColour.BLUE]
    # A scene carries the colour of the draft that last changed it.
    assert scene(production, "counts banknotes").script.colour == RevisionColour.WHITE
    assert scene(production, "Del fills the tank").script.colour == RevisionColour.BLUE
    plan = services.script_preview(
        production=production, data=draft("pink_delete_and_change"), filename="p.fountain"
    )
    assert plan.script.colour == RevisionColour.PINK
    assert plan.script.lock_numbers  # once scenes are on the board, numbers lock by default


def test_a_part_that_no_longer_speaks_leaves_the_scene_but_cast_added_by_hand_stays(production):
    services.script_import(production=production, data=draft("white"), filename="w.fountain")
    car = scene(production, "counts banknotes")
    extra = CastMember.objects.create(production=production, id_number=40, character="CLERK")
    car.cast.add(extra)
    revised = (
        draft("white")
        .decode()
        .replace("PRIYA\nIt's what he gave me.\n", "DEL\nIt's what he gave me.\n", 1)
    )
    # Priya still speaks in the lay-by (V.O.); in the car she now only counts.
    services.script_import(
        production=production, data=revised.encode(), filename="w2.fountain", lock_numbers=True
    )
    car.refresh_from_db()
    assert {c.character for c in car.cast.all()} == {"DEL", "CLERK"}


def test_twin_scenes_with_the_same_words_keep_their_order(production):
    twin = "INT. CORRIDOR - NIGHT\n\nFootsteps.\n\n"
    white = f"{twin}EXT. YARD - DAY\n\nA dog barks at the fence.\n\n{twin}".encode()
    services.script_import(production=production, data=white, filename="t.fountain")
    first, second = Scene.objects.filter(production=production, set__name="CORRIDOR")
    first.notes, second.notes = "first", "second"
    Scene.objects.bulk_update([first, second], ["notes"])
    blue = f"EXT. GATE - DAY\n\nA van arrives.\n\n{white.decode()}".encode()

    report = services.script_import(
        production=production, data=blue, filename="t2.fountain", lock_numbers=True
    )

    assert report.added == ["A1"]
    notes = dict(Scene.objects.filter(set__name="CORRIDOR").values_list("number", "notes"))
    assert notes == {"1": "first", "3": "second"}


def test_an_omitted_scene_that_comes_back_is_restored_with_its_breakdown(production, boarded):
    services.script_import(
        production=production,
        data=draft("pink_delete_and_change"),
        filename="p.fountain",
        lock_numbers=True,
    )
    cafe = Scene.objects.get(production=production, text__contains="fry-up")
    assert cafe.omitted

    report = services.script_import(
        production=production, data=draft("blue_insert"), filename="b.fountain", lock_numbers=True
    )

    assert cafe.number in report.restored
    cafe.refresh_from_db()
    assert not cafe.omitted and [e.name for e in cafe.elements.all()] == ["Fry-up"]


# --- The pages --------------------------------------------------------------------------------


def _upload(client, production, name: str, **extra):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    url = reverse("schedules:import", kwargs={"production_slug": production.slug})
    return client.post(
        url, {"file": SimpleUploadedFile(f"{name}.fountain", draft(name)), **extra}, follow=True
    )


def _draft_url(production, script) -> str:
    from django.urls import reverse

    return reverse("schedules:draft", kwargs={"production_slug": production.slug, "pk": script.pk})


def test_the_report_page_shows_each_change_and_applies_only_what_it_showed(
    ap_client, production, boarded
):
    review = _upload(ap_client, production, "blue_insert", lock_numbers="on", colour="blue")
    page = review.content.decode()
    assert 'data-number="2A"' in page and "goes to the unscheduled strips" in page
    assert not Scene.objects.filter(number="2A").exists()
    pending = Script.objects.get(status=ScriptStatus.PENDING)
    assert pending.colour == RevisionColour.BLUE
    digest = review.context["plan"].digest

    # Someone omits the cafe scene before the AP presses Apply: the old report is refused and
    # the page shows the new one.
    services.scene_set_omitted(scene=scene(production, "fry-up"), omitted=True)
    stale = ap_client.post(
        _draft_url(production, pending), {"action": "apply", "digest": digest}, follow=True
    )
    assert "changed since this revision report" in stale.content.decode()
    assert not Scene.objects.filter(number="2A").exists()
    fresh = stale.context["plan"].digest
    assert fresh != digest

    applied = ap_client.post(
        _draft_url(production, pending), {"action": "apply", "digest": fresh}, follow=True
    )
    assert "1 added" in applied.content.decode()
    assert Scene.objects.get(number="2A").shoot_day is None


def test_a_draft_can_be_discarded_and_changes_nothing(ap_client, production, boarded):
    before = placement(production)
    _upload(ap_client, production, "pink_delete_and_change")
    pending = Script.objects.get(status=ScriptStatus.PENDING)
    ap_client.post(_draft_url(production, pending), {"action": "discard"})
    pending.refresh_from_db()
    assert pending.status == ScriptStatus.DISCARDED and bytes(pending.source) == b""
    assert placement(production) == before


def test_another_productions_draft_is_not_found(client, production, outsider, boarded):
    _plan = services.script_preview(
        production=production, data=draft("blue_insert"), filename="b.fountain"
    )
    client.force_login(outsider)
    assert client.get(_draft_url(production, _plan.script)).status_code == 404


def test_noise_merged_or_dropped_from_the_cast_stays_gone_in_the_next_draft(production):
    noisy = b"""INT. PUB - NIGHT

Edward and Will raise their glasses.

EDWARD
Cheers.

WILL
Cheers.

EDWARD AND WILL
To the ferry!

THE CROWD
Hear, hear!
"""
    services.script_import(production=production, data=noisy, filename="pub.fountain")
    pair = CastMember.objects.get(production=production, character="EDWARD AND WILL")
    crowd = CastMember.objects.get(production=production, character="THE CROWD")
    edward, will = (CastMember.objects.get(character=name) for name in ("EDWARD", "WILL"))
    services.cast_merge(member=pair, into=[edward, will])
    services.cast_delete(member=crowd)

    revised = noisy.replace(b"Cheers.\n\nWILL", b"Cheers, then.\n\nWILL")
    plan = services.script_preview(production=production, data=revised, filename="pub2.fountain")
    assert plan.new_cast == []
    (entry,) = plan.entries
    assert entry.kind == "changed" and entry.cast_added == [] and entry.cast_removed == []
    report = services.script_apply(script=plan.script, digest=plan.digest)

    assert report.new_cast == []
    assert set(CastMember.objects.values_list("character", flat=True)) == {"EDWARD", "WILL"}
    pub = Scene.objects.get(production=production)
    assert {c.character for c in pub.cast.all()} == {"EDWARD", "WILL"}


# --- Headings as writers write them, through a revision ----------------------------------------


WRITERS = Path(__file__).parent / "fixtures" / "writers_headings.fountain"


def test_suffix_laden_headings_keep_their_breakdown_through_a_revision(production):
    """Issue 14, point 8: the real-world headings fixture, a scene inserted at the top, one
    suffix changed ("(1973)" -> "(1974)") and one scene's light changed: each breakdown stays on
    its scene, on its set."""
    white = WRITERS.read_bytes()
    services.script_import(production=production, data=white, filename="w.fountain")
    kettle = scene(production, "A kettle on the hob")
    toast = scene(production, "Cold toast.")
    assert (kettle.set.name, kettle.time_of_day) == ("KITCHEN", "NIGHT (1973)")
    calendar = BreakdownElement.objects.create(
        production=production, category="props", name="1973 wall calendar"
    )
    kettle.elements.add(calendar)
    toast.elements.add(
        BreakdownElement.objects.create(production=production, category="props", name="Toast")
    )
    sets_before = set(Set.objects.values_list("name", flat=True))

    blue = white.replace(b"INT. KITCHEN - NIGHT (1973)", b"INT. KITCHEN - NIGHT (1974)", 1)
    blue = blue.replace(
        b"Title: As Writers Write Them\n",
        b"Title: As Writers Write Them\n\nEXT. ROAD - DAY\n\nA tractor passes.\n",
        1,
    )
    report = services.script_import(
        production=production, data=blue, filename="b.fountain", lock_numbers=True
    )

    assert report.added == ["A1"]
    assert report.changed == [kettle.number]
    kettle.refresh_from_db()
    assert kettle.time_of_day == "NIGHT (1974)" and kettle.set.name == "KITCHEN"
    assert [e.name for e in kettle.elements.all()] == ["1973 wall calendar"]
    assert [e.name for e in scene(production, "Cold toast.").elements.all()] == ["Toast"]
    assert set(Set.objects.values_list("name", flat=True)) == sets_before | {"ROAD"}


def test_a_set_renamed_or_merged_by_the_ap_stays_so_in_the_next_draft(production):
    white = WRITERS.read_bytes()
    services.script_import(production=production, data=white, filename="w.fountain")
    truck = Set.objects.get(name="TRUCK")
    services.set_rename(set_=truck, name="PICKUP TRUCK")
    yard, farm = Set.objects.get(name="YARD"), Set.objects.get(name="FARM")
    services.sets_merge(target=farm, others=[yard])

    # The revision touches the truck and yard scenes' words; their headings are as before.
    blue = white.replace(b"The wipers struggle.", b"The wipers struggle. A horn.")
    blue = blue.replace(b"The gate swings.", b"The gate swings shut.")
    plan = services.script_preview(production=production, data=blue, filename="b.fountain")
    changes = {e.number: [c.label for c in e.changes] for e in plan.entries}
    assert all("Set" not in labels for labels in changes.values())
    services.script_apply(script=plan.script, digest=plan.digest)

    assert scene(production, "A horn.").set.name == "PICKUP TRUCK"
    assert scene(production, "The gate swings shut.").set.name == "FARM"
    assert not Set.objects.filter(name__in=["TRUCK", "YARD"]).exists()


def test_the_report_shows_a_scenes_new_length_in_eighths_and_a_part_that_no_longer_speaks(
    ap_client, production, boarded
):
    """Issue 14, point 1: the report says what changed in length (in eighths) and in cast."""
    cafe = scene(production, "fry-up")
    longer = "\n\n".join(
        f"WAITRESS\nAnd a slice of toast, love? That's {n} today." for n in range(2, 30)
    )
    revised = (
        draft("white")
        .decode()
        .replace("DEL\nGo on then.\n", f"DEL\nGo on then.\n\n{longer}\n", 1)
        .replace("OKAFOR\nRed Volvo, Kilo Seven Two. Following.\n", "", 1)
    )
    plan = services.script_preview(
        production=production, data=revised.encode(), filename="w2.fountain", lock_numbers=True
    )
    by_number = {entry.number: entry for entry in plan.entries}
    entry = by_number[cafe.number]
    lengths = {c.label: (c.old, c.new) for c in entry.changes}["Length"]
    assert lengths[0] == cafe.pages and lengths[1] != lengths[0]
    police = by_number[scene(production, "reads the Volvo's plate").number]
    assert police.cast_removed == ["OKAFOR"]

    page = ap_client.get(_draft_url(production, plan.script)).content.decode()
    assert f"<strong>Length:</strong> {lengths[0]} → {lengths[1]}" in page
    assert "<strong>Cast:</strong> − OKAFOR (no longer speaks)" in page


NIGHT_FERRY = Path(services.__file__).parents[1] / "demo" / "night_ferry.fountain"


def test_a_scene_inserted_in_a_long_script_leaves_every_other_scenes_length_alone(production):
    """A 32-scene, several-page script: a scene inserted near the top moves the page breaks
    after it, but no other scene's words change, so none is reported changed and no length moves
    (the board's page counts and the Day Out of Days stay as they were)."""
    white = NIGHT_FERRY.read_bytes()
    services.script_import(production=production, data=white, filename="white.fountain")
    lengths = dict(Scene.objects.filter(production=production).values_list("number", "eighths"))
    insert = (
        b"EXT. FERRY RAMP - NIGHT [CONTINUOUS]\n\nA deckhand waves the sedan up the ramp."
        b" Rain bounces off the steel.\n\nDECKHAND\nKeep it moving!\n\n"
    )
    blue = white.replace(b"INT. NADIA'S SEDAN - NIGHT", insert + b"INT. NADIA'S SEDAN - NIGHT", 1)

    plan = services.script_preview(
        production=production, data=blue, filename="blue.fountain", lock_numbers=True
    )
    kinds = {entry.number: entry.kind for entry in plan.entries}
    assert kinds.pop("1A") == "added"
    assert set(kinds.values()) == {"unchanged"}, {
        n: k for n, k in kinds.items() if k != "unchanged"
    }
    report = services.script_apply(script=plan.script, digest=plan.digest)

    assert report.changed == [] and report.added == ["1A"]
    after = dict(Scene.objects.filter(production=production).values_list("number", "eighths"))
    after.pop("1A")
    assert after == lengths
