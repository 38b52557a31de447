"""The RSVP link works without an account and only for its own guest; after the screening the
same link opens the feedback form."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.utils import timezone

from apps.post.screenings import services
from apps.post.screenings.models import Feedback, Guest, Rsvp, Screening
from tests.post.screenings.conftest import invite, link_to, token_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def links(world, django_capture_on_commit_callbacks):
    services.guest_add(screening=world.screening, name="Priya Raman", email="priya@x.test")
    services.guest_add(screening=world.screening, name="Jonah White", email="jonah@x.test")
    invite(world, django_capture_on_commit_callbacks)
    return {"priya": link_to("priya@x.test"), "jonah": link_to("jonah@x.test")}


def guest(name: str) -> Guest:
    return Guest.objects.get(name__startswith=name)


def start_screening(world) -> None:
    """Move the screening to an hour ago, where the production is."""
    began = timezone.now().astimezone(world.production.tz) - timedelta(hours=1)
    Screening.objects.filter(pk=world.screening.pk).update(
        date=began.date(), starts_at=time(began.hour, began.minute)
    )


def test_a_guest_answers_without_an_account(client, world, links):
    page = client.get(links["priya"])
    assert page.status_code == 200
    assert (
        "Priya Raman" in page.content.decode() and "Harbour Picturehouse" in page.content.decode()
    )
    answered = client.post(links["priya"], {"action": "yes", "plus_ones": "2"})
    assert answered.status_code == 200
    assert "You are coming with 2 guests" in answered.content.decode()
    priya = guest("Priya")
    assert (priya.rsvp, priya.plus_ones) == (Rsvp.YES, 2)
    assert guest("Jonah").rsvp == Rsvp.WAITING
    client.post(links["priya"], {"action": "no"})  # a change of mind before the day
    assert (guest("Priya").rsvp, guest("Priya").plus_ones) == (Rsvp.NO, 0)


def test_a_link_changes_only_its_own_guest(client, world, links):
    client.post(links["jonah"], {"action": "no", "guest": guest("Priya").pk})
    assert guest("Jonah").rsvp == Rsvp.NO
    assert guest("Priya").rsvp == Rsvp.WAITING
    start_screening(world)
    client.post(links["jonah"], {"action": "feedback", "overall": "1", "comments": "Meh"})
    assert list(Feedback.objects.values_list("guest__name", "overall")) == []  # said no
    client.post(links["priya"], {"action": "feedback", "overall": "5", "comments": "Great"})
    assert list(Feedback.objects.values_list("guest__name", "overall")) == [("Priya Raman", 5)]


def test_an_unknown_or_withdrawn_token_opens_nothing(client, world, links):
    assert client.get("/screening-invitations/not-a-real-token-at-all/").status_code == 404
    assert (
        client.post(
            "/screening-invitations/not-a-real-token-at-all/", {"action": "yes"}
        ).status_code
        == 404
    )
    services.guest_remove(guest=guest("Priya"))
    assert client.get(links["priya"]).status_code == 404


def test_too_many_plus_ones_is_refused_and_nothing_changes(client, world, links):
    response = client.post(links["priya"], {"action": "yes", "plus_ones": "40"})
    assert response.status_code == 400
    assert guest("Priya").rsvp == Rsvp.WAITING


def test_after_the_screening_the_same_link_takes_feedback(client, world, links):
    client.post(links["priya"], {"action": "yes"})
    early = client.post(links["priya"], {"action": "feedback", "overall": "4"})
    assert early.status_code == 409
    assert not Feedback.objects.exists()
    start_screening(world)
    page = client.get(links["priya"]).content.decode()
    assert "How was it?" in page and "Send feedback" in page
    sent = client.post(
        links["priya"],
        {"action": "feedback", "overall": "4", "story": "5", "pace": "", "ending": "3",
         "comments": "The ending felt rushed."},
    )  # fmt: skip
    assert "Thank you for your feedback" in sent.content.decode()
    feedback = Feedback.objects.get()
    assert (feedback.overall, feedback.story, feedback.pace, feedback.ending) == (4, 5, None, 3)
    assert feedback.comments == "The ending felt rushed."
    # Answers are closed once it has started.
    closed = client.post(links["priya"], {"action": "no"})
    assert closed.status_code == 409
    assert guest("Priya").rsvp == Rsvp.YES


def test_a_rating_out_of_range_is_refused(client, world, links):
    start_screening(world)
    response = client.post(links["priya"], {"action": "feedback", "overall": "9"})
    assert response.status_code == 400
    assert not Feedback.objects.exists()
    with pytest.raises(services.ScreeningError, match="from 1 to 5"):
        services.feedback_save(token=token_of(links["priya"]), overall=0)
