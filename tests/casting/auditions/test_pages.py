"""The audition pages: sessions, the slots grid with each invitation's state, slots, ratings and
notes, callbacks; behind the casting capability, actors' contacts only for who may see them."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.urls import reverse

from apps.casting.auditions.models import AuditionReview, AuditionSession, AuditionSlot, SlotState
from apps.productions import capabilities
from apps.productions.capabilities import Capability as C
from apps.productions.capabilities import Role
from tests.casting.auditions.conftest import add_slot, invite
from tests.factories import member

pytestmark = pytest.mark.django_db


def url(world, name: str, **kwargs) -> str:
    return reverse(name, kwargs={"production_slug": world.session.production.slug, **kwargs})


def test_a_session_is_made_from_its_page(client, ap, world):
    client.force_login(ap)
    day = world.session.date + timedelta(days=1)
    response = client.post(
        url(world, "casting:audition_new"),
        {"title": "Tapes: Deckhand", "date": day.isoformat(), "self_tape": "on", "place": ""},
    )
    session = AuditionSession.objects.get(title="Tapes: Deckhand")
    assert response["Location"] == url(world, "casting:audition", pk=session.pk)
    assert session.self_tape and session.place == ""


def test_a_session_in_a_room_needs_its_place(client, ap, world):
    client.force_login(ap)
    day = world.session.date.isoformat()
    response = client.post(url(world, "casting:audition_new"), {"title": "X", "date": day})
    assert response.status_code == 200
    assert "Say where the session is held" in response.content.decode()


def test_the_session_page_shows_the_grid_and_each_invitations_state(
    client, ap, world, django_capture_on_commit_callbacks
):
    add_slot(world, world.ines, at=time(10))
    client.force_login(ap)
    client.post(
        url(world, "casting:audition_slot_new", pk=world.session.pk),
        {
            "role": world.deckhand.pk,
            "actor": world.tomasz.pk,
            "starts_at": "10:20",
            "minutes": "20",
            "send_to": "agent",
        },
    )
    page = client.get(url(world, "casting:audition", pk=world.session.pk)).content.decode()
    assert page.count("Not invited yet") >= 2
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(world, "casting:audition_invite", pk=world.session.pk))
    page = client.get(url(world, "casting:audition", pk=world.session.pk)).content.decode()
    assert "Invitation sent" in page and "to sam@agency.test" in page
    assert "10:20–10:40" in page and "Tomasz Albrecht" in page


def test_a_slot_is_edited_and_cancelled(client, ap, world):
    slot = add_slot(world)
    client.force_login(ap)
    client.post(
        url(world, "casting:audition_slot_edit", pk=slot.pk),
        {"starts_at": "11:00", "minutes": "25", "send_to": "actor"},
    )
    slot.refresh_from_db()
    assert (slot.starts_at, slot.minutes, slot.send_to) == (time(11), 25, "actor")
    client.post(url(world, "casting:audition_slot_cancel", pk=slot.pk))
    assert AuditionSlot.objects.get().state == SlotState.CANCELLED


def test_each_reviewer_rates_and_notes_an_audition_once(client, world, production):
    slot = add_slot(world)
    producer, casting = member(production, Role.PRODUCER), member(production, Role.CASTING)
    review = url(world, "casting:audition_slot_review", pk=slot.pk)
    for who, rating in ((producer, "4"), (casting, "2"), (producer, "5")):
        client.force_login(who)
        client.post(review, {"rating": rating, "note": f"note {rating}"})
    assert sorted(AuditionReview.objects.values_list("rating", flat=True)) == [2, 5]
    page = client.get(url(world, "casting:audition", pk=world.session.pk)).content.decode()
    assert "★ 3.5 from 2 reviews" in page
    assert "note 5" in client.get(review).content.decode()


def test_a_rating_outside_1_to_5_is_refused(client, world, ap):
    slot = add_slot(world)
    client.force_login(ap)
    response = client.post(url(world, "casting:audition_slot_review", pk=slot.pk), {"rating": 7})
    assert response.status_code == 200
    assert not AuditionReview.objects.exists()


def test_the_production_manager_may_read_the_notes_but_not_rate(client, world, production):
    slot = add_slot(world)
    client.force_login(member(production, Role.PRODUCTION_MANAGER))
    review = url(world, "casting:audition_slot_review", pk=slot.pk)
    assert client.get(review).status_code == 200
    assert client.post(review, {"rating": 3}).status_code == 403


def test_call_back_these_actors(client, ap, world, django_capture_on_commit_callbacks):
    kept = add_slot(world, world.ines, at=time(10))
    dropped = add_slot(world, world.tomasz, at=time(10, 20))
    client.force_login(ap)
    day = world.session.date + timedelta(days=7)
    response = client.post(
        url(world, "casting:audition_callback", pk=world.session.pk),
        {
            "slots": [kept.pk],
            "title": "Callback: Mara",
            "date": day.isoformat(),
            "place": "Stage 4",
            "starts_at": "14:00",
            "minutes": "30",
        },
    )
    callback = AuditionSession.objects.get(title="Callback: Mara")
    assert response["Location"] == url(world, "casting:audition", pk=callback.pk)
    assert callback.follows == world.session
    assert [(s.actor, s.role, s.starts_at) for s in callback.slots.all()] == [
        (world.ines, world.mara, time(14))
    ]
    assert dropped.actor not in [s.actor for s in callback.slots.all()]
    page = client.get(url(world, "casting:audition", pk=world.session.pk)).content.decode()
    assert "Callback: Mara" in page


def test_the_sessions_list_counts_slots_by_state(client, ap, world):
    add_slot(world)
    client.force_login(ap)
    page = client.get(url(world, "casting:auditions")).content.decode()
    assert "First round" in page and "1 slot: 0 confirmed" in page and "1 not invited yet" in page


# --- Access -------------------------------------------------------------------------------------


def test_an_outsider_gets_404_everywhere(client, outsider, world):
    slot = add_slot(world)
    client.force_login(outsider)
    for name, kwargs in (
        ("casting:auditions", {}),
        ("casting:audition", {"pk": world.session.pk}),
        ("casting:audition_slot_review", {"pk": slot.pk}),
        ("casting:audition_sides_pdf", {"pk": world.session.pk, "role_pk": world.mara.pk}),
    ):
        assert client.get(url(world, name, **kwargs)).status_code == 404, name


def test_another_productions_session_is_not_found(client, world):
    from tests.factories import ProductionFactory

    other = ProductionFactory()
    client.force_login(member(other, Role.PRODUCER))
    page = reverse(
        "casting:audition", kwargs={"production_slug": other.slug, "pk": world.session.pk}
    )
    assert client.get(page).status_code == 404


@pytest.mark.parametrize("role", [Role.CREW, Role.DEPARTMENT_HEAD, Role.COORDINATOR])
def test_crew_roles_see_no_auditions_and_no_contacts(client, world, production, role):
    slot = add_slot(world)
    client.force_login(member(production, role))
    for page in (
        url(world, "casting:audition", pk=world.session.pk),
        url(world, "casting:auditions"),
    ):
        response = client.get(page)
        assert response.status_code == 403
        assert "ines@a.test" not in response.content.decode()
    assert client.get(url(world, "casting:audition_slot_review", pk=slot.pk)).status_code == 403


def test_contacts_are_shown_only_with_the_talent_contacts_capability(
    client, world, production, monkeypatch, django_capture_on_commit_callbacks
):
    add_slot(world)
    invite(world, django_capture_on_commit_callbacks)
    page = url(world, "casting:audition", pk=world.session.pk)
    client.force_login(member(production, Role.CASTING))
    assert "ines@a.test" in client.get(page).content.decode()
    # A role that may see casting but not talent contacts (none is so today; the page must hold).
    roles = dict(capabilities.CAPABILITY_ROLES)
    roles[C.VIEW_CASTING] = roles[C.VIEW_CASTING] | {Role.COORDINATOR}
    monkeypatch.setattr(capabilities, "CAPABILITY_ROLES", roles)
    client.force_login(member(production, Role.COORDINATOR))
    response = client.get(page)
    assert response.status_code == 200 and "Ines Quarrie" in response.content.decode()
    assert "ines@a.test" not in response.content.decode()


def test_the_session_page_reads_the_same_queries_for_one_slot_or_many(
    client, ap, world, production
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from apps.casting.models import Actor

    page = url(world, "casting:audition", pk=world.session.pk)
    client.force_login(ap)
    add_slot(world)
    client.get(page)  # the session and the menu, settled once
    with CaptureQueriesContext(connection) as one:
        client.get(page)
    for n in range(5):
        actor = Actor.objects.create(production=production, name=f"Actor {n}", email=f"a{n}@a.test")
        slot = add_slot(world, actor, role=world.deckhand, at=time(11, n * 10))
        AuditionReview.objects.create(production=production, slot=slot, reviewer=ap, rating=3)
    client.get(page)  # the writes above settled (the production's data stamp moves once)
    with CaptureQueriesContext(connection) as many:
        client.get(page)
    assert len(many) == len(one), [q["sql"][:80] for q in many]
