"""Every crew page renders for each role on the demo production (no template or query errors),
and releasing someone follows its rules."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse

from apps.accounts.models import User
from apps.crew import services
from apps.crew.models import Candidate, DealMemo, Engagement, Opening, Person, Position
from apps.crew.services import ALREADY_RELEASED, RELEASE_AFTER_END, RELEASE_BEFORE_START
from apps.productions.models import Production
from tests.crew.factories import EngagementFactory

pytestmark = pytest.mark.django_db


def pages(production) -> list[str]:
    def url(name, **kwargs):
        return reverse(f"crew:{name}", kwargs={"production_slug": production.slug, **kwargs})

    memo = DealMemo.objects.filter(production=production).first()
    draft = DealMemo.objects.filter(production=production, state__in=("draft", "sent")).first()
    signed = DealMemo.objects.filter(production=production, state="accepted").first()
    candidate = Candidate.objects.filter(production=production).exclude(stage="hired").first()
    return [
        url("list"),
        url("departments"),
        url("people"),
        url("person_add"),
        url("person_edit", pk=Person.objects.filter(production=production).first().pk),
        url("position_edit", pk=Position.objects.filter(production=production).first().pk),
        url("openings"),
        url("opening_add"),
        url("board", pk=Opening.objects.filter(production=production).first().pk),
        url("candidate", pk=candidate.pk),
        url("memos"),
        url("memos") + "?state=sent",
        url("memo_new"),
        url("memo_new") + f"?candidate={candidate.pk}",
        url("memo", pk=memo.pk),
        url("memo_edit", pk=draft.pk),
        url("memo_amend", pk=signed.pk),
        url("my_memos"),
        url("release", pk=Engagement.objects.filter(production=production).first().pk),
        production.get_absolute_url(),
    ]


@pytest.mark.parametrize(
    "email",
    [
        "ap@demo.producerdesk.test",
        "accountant@demo.producerdesk.test",
        "coordinator@demo.producerdesk.test",
        "camera@demo.producerdesk.test",
        "crew@demo.producerdesk.test",
    ],
)
def test_every_crew_page_answers_without_an_error_for_each_role(client, email):
    call_command("seed_demo")
    production = Production.objects.get(slug="night-ferry")
    client.force_login(User.objects.get(email=email))
    for page in pages(production):
        status = client.get(page).status_code
        assert status in {200, 403, 404}, f"{page}: {status}"
    if email.startswith("ap@"):
        assert all(client.get(page).status_code == 200 for page in pages(production))


def test_a_release_keeps_the_last_day_within_the_engagement(production):
    today = production.today()
    engagement = EngagementFactory(
        position__department__production=production,
        start_date=today,
        end_date=today + timedelta(days=10),
    )
    with pytest.raises(services.CrewError) as too_early:
        services.engagement_release(
            engagement=engagement, last_day=today - timedelta(days=1), reason="x"
        )
    assert too_early.value.message == RELEASE_BEFORE_START.format(start=today)
    with pytest.raises(services.CrewError) as too_late:
        services.engagement_release(
            engagement=engagement, last_day=today + timedelta(days=11), reason="x"
        )
    assert too_late.value.message == RELEASE_AFTER_END.format(end=engagement.end_date)
    services.engagement_release(
        engagement=engagement, last_day=today + timedelta(days=3), reason="Wrapped early"
    )
    engagement.refresh_from_db()
    assert engagement.finish == today + timedelta(days=3)
    assert engagement.is_working_on(today + timedelta(days=3))
    assert not engagement.is_working_on(today + timedelta(days=4))
    with pytest.raises(services.CrewError) as twice:
        services.engagement_release(engagement=engagement, last_day=today, reason="x")
    assert twice.value.message == ALREADY_RELEASED.format(person=engagement.person)


def test_the_release_page_ends_an_engagement(ap_client, production):
    today = production.today()
    engagement = EngagementFactory(
        position__department__production=production, start_date=today - timedelta(days=2)
    )
    page = reverse("crew:release", kwargs={"production_slug": production.slug, "pk": engagement.pk})
    asked = {"last_day": today.isoformat(), "reason": "Scenes cut"}
    shown = ap_client.post(page, asked)
    assert shown.status_code == 200 and "nothing is committed" in shown.content.decode()
    engagement.refresh_from_db()
    assert engagement.last_day is None  # not until confirmed
    response = ap_client.post(page, {**asked, "confirm": "1"})
    assert response.status_code == 302
    engagement.refresh_from_db()
    assert (engagement.last_day, engagement.release_reason) == (today, "Scenes cut")
