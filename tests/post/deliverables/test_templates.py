"""Each template makes a complete checklist: every item its kind of delivery needs, each with a
specification, due on the checklist's date, not started."""

from __future__ import annotations

from datetime import date

import pytest

from apps.post.deliverables import services
from apps.post.deliverables.kinds import TEMPLATES
from apps.post.deliverables.models import DeliveryKind, ItemStatus

pytestmark = pytest.mark.django_db

# What a delivery of each kind needs, written out here (not read from the templates), so a
# template that loses an item fails.
ALWAYS = {
    "M&E (music and effects) tracks",
    "Sound stems",
    "Closed captions (SDH)",
    "Subtitles",
    "Trailer",
    "Production stills and key art",
    "E&O insurance certificate",
    "Chain of title",
    "Music cue sheets",
    "Music licences",
    "Clearances and releases",
    "Credits",
}
NEEDED = {
    DeliveryKind.THEATRICAL: ALWAYS | {"DCP (Digital Cinema Package)", "Picture master"},
    DeliveryKind.STREAMING: ALWAYS | {"IMF package", "Picture master"},
    DeliveryKind.BROADCAST: ALWAYS | {"Broadcast picture master"},
    DeliveryKind.FESTIVAL: {
        "DCP (Digital Cinema Package)",
        "Screening copy",
        "Subtitles",
        "Trailer",
        "Production stills and key art",
        "Press kit",
        "Music cue sheets",
        "Music licences",
        "Clearances and releases",
        "Credits",
    },
}


@pytest.mark.parametrize("kind", list(NEEDED))
def test_a_template_makes_a_complete_checklist(production, kind):
    due = date(2027, 5, 3)
    checklist = services.checklist_create(
        production=production, name=f"{kind} delivery", kind=kind, recipient="Dist", due_date=due
    )
    items = list(checklist.items.order_by("position"))
    assert {item.name for item in items} == NEEDED[kind]
    assert len(items) == len(NEEDED[kind])  # no item twice
    assert all(item.spec_notes for item in items), "every item says what is wanted"
    assert {item.due_date for item in items} == {due}
    assert {item.status for item in items} == {ItemStatus.NOT_STARTED}
    assert [item.position for item in items] == list(range(1, len(items) + 1))


def test_every_template_item_has_a_distinct_key():
    for kind, templates in TEMPLATES.items():
        keys = [t.key for t in templates]
        assert len(keys) == len(set(keys)), kind


def test_a_blank_checklist_has_no_items_and_a_name_is_used_once(production):
    services.checklist_create(
        production=production, name="Sales agent", kind=DeliveryKind.BLANK, recipient="Agent"
    )
    with pytest.raises(services.DeliverablesError) as refused:
        services.checklist_create(
            production=production, name="sales AGENT", kind=DeliveryKind.BLANK, recipient="X"
        )
    assert refused.value.field == "name"
