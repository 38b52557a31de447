"""The demo's screening (issue 20, point 8): a test screening two days ago with a guest list from
the members, the crew, the cast and outside guests, their answers, who arrived, and feedback.
Nobody is e-mailed: the demo's invitations are recorded as sent. Idempotent: a production with a
screening already is left alone."""

from __future__ import annotations

import secrets
from datetime import time, timedelta
from decimal import Decimal

from django.utils import timezone

from apps.core.models import SendStatus
from apps.post.screenings import queries, services
from apps.post.screenings.models import Feedback, Guest, Rsvp, Screening, ScreeningKind
from apps.productions.services import hash_token

OUTSIDE = [
    ("Priya Raman", "priya.raman@recruited.test"),
    ("Jonah Whitcombe", "jonah.whitcombe@recruited.test"),
    ("Alba Moreno", "alba.moreno@recruited.test"),
]
# (overall, story, pace, ending, comments), handed out to the guests who came, in order.
FEEDBACK = [
    (5, 4, 3, 5, "The storm on the car deck is the best ten minutes I've seen this year."),
    (4, 4, 2, 4, "The middle drags: the harbour office scenes repeat what we already know."),
    (4, 5, 3, 3, "Loved Mara. The ending felt rushed; I wanted one more scene at dawn."),
    (3, 3, 3, 4, ""),
    (5, 4, 4, 5, "Would recommend it to friends."),
]


def seed_screenings(production, people, size) -> Screening | None:
    if Screening.objects.filter(production=production).exists():
        return None
    screening = services.screening_create(
        production=production,
        user=people.get("associate_producer") if isinstance(people, dict) else None,
        kind=ScreeningKind.TEST,
        title="First test screening",
        date=production.today() - timedelta(days=2),
        starts_at=time(19, 0),
        venue="Harbour Picturehouse, Screen 2",
        cut_shown="Director's cut v2 (temp music, temp VFX)",
        notes="Doors at 18:30. Please stay for the short feedback form afterwards.",
    )
    services.cost_add(
        screening=screening, description="Screen 2 hire, evening", amount=Decimal("850.00")
    )
    for group in ("members", "crew", "cast"):
        services.guests_add(
            screening=screening, candidates=queries.candidates(production, group)[:4]
        )
    for name, email in OUTSIDE:
        services.guest_add(screening=screening, name=name, email=email)
    now = timezone.now()
    guests = list(screening.guests.order_by("pk"))
    given = 0
    for n, guest in enumerate(guests):
        answer = Rsvp.WAITING if n % 5 == 4 else (Rsvp.NO if n % 7 == 3 else Rsvp.YES)
        came = answer == Rsvp.YES and n % 6 != 5
        Guest.objects.filter(pk=guest.pk).update(
            rsvp=answer,
            plus_ones=1 if answer == Rsvp.YES and n % 3 == 0 else 0,
            token_hash=hash_token(secrets.token_urlsafe(32)),
            send_status=SendStatus.SENT,
            send_requested_at=now - timedelta(days=9),
            sent_at=now - timedelta(days=9),
            answered_at=now - timedelta(days=8) if answer != Rsvp.WAITING else None,
            checked_in_at=screening.begins() - timedelta(minutes=20) if came else None,
        )
        if came and given < len(FEEDBACK):
            overall, story, pace, ending, comments = FEEDBACK[given]
            Feedback.objects.create(
                production=production, guest=guest, overall=overall, story=story, pace=pace,
                ending=ending, comments=comments,
            )  # fmt: skip
            given += 1
    return screening
