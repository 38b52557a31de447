"""The feedback summary per screening: averages per question, counts, comments, and the bars."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse

from apps.post.screenings import queries, services
from apps.post.screenings.models import Feedback, Guest, Rsvp

pytestmark = pytest.mark.django_db

# (rsvp, plus ones, arrived, feedback: overall, story, pace, ending, comments)
GUESTS = [
    (Rsvp.YES, 1, True, (5, 4, 3, 5, "Loved the storm.")),
    (Rsvp.YES, 0, True, (4, 4, 2, None, "The middle drags.")),
    (Rsvp.YES, 2, True, (4, 5, None, 3, "")),
    (Rsvp.YES, 0, False, None),
    (Rsvp.NO, 0, False, None),
    (Rsvp.WAITING, 0, False, None),
]


@pytest.fixture
def filled(world):
    for n, (rsvp, plus, arrived, answers) in enumerate(GUESTS):
        guest = services.guest_add(
            screening=world.screening, name=f"Guest {n}", email=f"g{n}@x.test"
        )
        Guest.objects.filter(pk=guest.pk).update(rsvp=rsvp, plus_ones=plus)
        if arrived:
            services.check_in(guest=guest)
        if answers:
            overall, story, pace, ending, comments = answers
            Feedback.objects.create(
                production=world.production, guest=guest, overall=overall, story=story,
                pace=pace, ending=ending, comments=comments,
            )  # fmt: skip
    return world


def average(values) -> Decimal:
    values = [v for v in values if v is not None]
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def test_the_summary_numbers(filled):
    summary = queries.summary(filled.screening)
    answers = [g[3] for g in GUESTS if g[3]]
    expected = {
        name: (average(a[i] for a in answers), len([a for a in answers if a[i] is not None]))
        for i, name in enumerate(["overall", "story", "pace", "ending"])
    }
    assert expected == {
        "overall": (Decimal("4.3"), 3), "story": (Decimal("4.3"), 3),
        "pace": (Decimal("2.5"), 2), "ending": (Decimal("4.0"), 2),
    }  # fmt: skip
    got = {q.name: (q.average, q.answers) for q in summary.questions}
    assert got == expected
    overall = next(q for q in summary.questions if q.name == "overall")
    assert overall.counts == [0, 0, 0, 2, 1] and overall.percent == 86
    assert (summary.invited, summary.coming, summary.not_coming, summary.waiting) == (6, 4, 1, 1)
    assert (summary.plus_ones, summary.arrived, summary.responses) == (3, 3, 3)
    assert summary.comments == [("Guest 0", "Loved the storm."), ("Guest 1", "The middle drags.")]


def test_the_summary_page_shows_the_numbers_and_bars(client, filled):
    client.force_login(filled.ap)
    url = reverse(
        "post:screening_summary",
        kwargs={"production_slug": filled.production.slug, "pk": filled.screening.pk},
    )
    page = client.get(url).content.decode()
    assert (
        "6 invited: 4 coming (+3), 1 not coming, 1 not answered; 3 arrived; 3 feedback forms"
        in page
    )
    assert 'style="width: 86%"' in page and ">4.3<" in page and ">2.5<" in page
    assert "The middle drags." in page


def test_no_feedback_yet_shows_no_average(world):
    summary = queries.summary(world.screening)
    assert all(q.average is None and q.answers == 0 for q in summary.questions)
    assert summary.comments == [] and summary.responses == 0
