"""The demo's screening: guests from every source, answers, arrivals and feedback; nobody
e-mailed; seeding again changes nothing."""

from __future__ import annotations

import pytest
from django.core import mail

from apps.core import registry
from apps.post.demo import seed_post
from apps.post.screenings import queries
from apps.post.screenings.demo import OUTSIDE, seed_screenings
from apps.post.screenings.models import Rsvp, Screening

pytestmark = pytest.mark.django_db


def test_the_demo_screening_has_guests_rsvps_and_feedback(world):
    Screening.objects.all().delete()
    screening = seed_screenings(world.production, {"associate_producer": world.ap}, "small")
    sources = set(screening.guests.values_list("source", flat=True))
    assert sources == {"member", "crew", "cast", "outside"}
    assert screening.guests.count() == 1 + 2 + 1 + len(OUTSIDE)
    assert set(screening.guests.values_list("rsvp", flat=True)) >= {Rsvp.YES, Rsvp.WAITING}
    assert screening.has_started()
    summary = queries.summary(screening)
    assert summary.responses >= 3 and summary.arrived >= 3
    assert all(q.average is not None for q in summary.questions)
    assert screening.costs.count() == 1
    assert mail.outbox == []
    seed_post(world.production, {}, "small")  # again: left alone
    assert Screening.objects.filter(production=world.production).count() == 1


def test_the_post_app_seeds_the_demo():
    assert seed_post in registry.demo_seeders()
