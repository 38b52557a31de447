"""A crew member's own timecard link: the office mails it (only its hash is kept), the person opens
it without an account, starts and fills in their week and submits it; a submitted week refuses
edits; a resend, a revocation or the end of a released engagement stops it; the office sees its
state on the timecard page; the office alone sends it."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse

from apps.crew.services.engagements import engagement_release
from apps.payroll.crew_link.models import TimecardLink
from apps.payroll.models import Timecard
from apps.productions.capabilities import Role
from apps.productions.models import Production
from apps.productions.services import hash_token
from tests.factories import member
from tests.payroll.conftest import START

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """The production's today: the Wednesday of Ada's first week."""
    monkeypatch.setattr(Production, "today", lambda self: START + timedelta(days=2))


def send(client, production, engagement, django_capture_on_commit_callbacks, user=None):
    client.force_login(user or member(production, Role.ASSOCIATE_PRODUCER))
    url = reverse("payroll:link_send", args=[production.slug, engagement.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    client.logout()
    return response


def link_path(message) -> str:
    line = next(line for line in message.body.splitlines() if "/timecard-link/" in line)
    return urlsplit(line.strip()).path


@pytest.fixture
def path(client, production, engagement, django_capture_on_commit_callbacks):
    engagement.person.email = "ada@example.test"
    engagement.person.save()
    send(client, production, engagement, django_capture_on_commit_callbacks)
    (message,) = [m for m in mail.outbox if "timecards" in m.subject]
    assert message.to == ["ada@example.test"]
    return link_path(message)


def monday(**extra) -> dict:
    prefix = f"d{START:%Y%m%d}-"
    days = {"kind": "work", "call": "07:00", "meal1_out": "13:00", "meal1_in": "13:30",
            "wrap": "21:00", **extra}  # fmt: skip
    return {prefix + k: v for k, v in days.items()}


def test_only_the_hash_of_the_token_is_kept_and_the_history_has_neither(path, engagement):
    token = path.rstrip("/").rsplit("/", 1)[-1]
    link = TimecardLink.objects.get(engagement=engagement)
    assert link.token_hash == hash_token(token) and token not in link.token_hash
    assert link.send_status == "sent"
    for row in link.history.all():
        assert not hasattr(row, "token_hash")


def test_the_person_starts_fills_in_and_submits_their_week_through_the_link(client, path):
    page = client.get(path)
    assert page.status_code == 200 and "Start my timecard for this week" in page.content.decode()
    week = f"{START:%Y-%m-%d}"
    assert client.post(path, {"action": "start", "week": week}).status_code == 302
    timecard = Timecard.objects.get()
    assert timecard.week_start == START

    saved = client.post(path, {"action": "save", "week": week, "version": timecard.version,
                               **monday()})  # fmt: skip
    assert saved.status_code == 302
    timecard.refresh_from_db()
    assert timecard.total == 875  # 500 + 150 (1.5x) + 150 (2x) + 75 (late meal)
    body = client.get(f"{path}?week={week}").content.decode()
    assert "2 h at 1.5x after 10 h" in body

    submitted = client.post(path, {"action": "submit", "week": week, "version": timecard.version})
    assert submitted.status_code == 302
    timecard.refresh_from_db()
    assert timecard.state == "submitted"

    again = client.post(path, {"action": "save", "week": week, "version": timecard.version,
                               **monday(wrap="23:00")})  # fmt: skip
    assert again.status_code == 403
    assert "can no longer be changed" in again.content.decode()
    timecard.refresh_from_db()
    assert timecard.total == 875 and timecard.state == "submitted"


def test_a_week_outside_the_engagement_is_not_offered(client, path):
    body = client.get(f"{path}?week=2031-01-06").content.decode()
    assert f'value="{START:%Y-%m-%d}" selected' in body


def test_a_wrong_token_or_a_replaced_link_opens_nothing(
    client, path, production, engagement, django_capture_on_commit_callbacks
):
    assert client.get("/timecard-link/not-a-token/").status_code == 404
    send(client, production, engagement, django_capture_on_commit_callbacks)
    assert client.get(path).status_code == 404  # the new e-mail's link replaced it
    newest = link_path([m for m in mail.outbox if "timecards" in m.subject][-1])
    assert client.get(newest).status_code == 200


def test_a_revoked_link_opens_nothing(client, path, production, engagement):
    client.force_login(member(production, Role.ACCOUNTANT))
    client.post(reverse("payroll:link_revoke", args=[production.slug, engagement.pk]))
    client.logout()
    assert client.get(path).status_code == 404


def test_a_released_engagement_s_link_ends_a_week_after_its_last_week(
    client, path, engagement, monkeypatch
):
    engagement_release(engagement=engagement, last_day=START + timedelta(days=1), reason="Cut")
    assert client.get(path).status_code == 200  # the last week can still be filled in
    last = START + timedelta(days=6 + 7)  # Sunday of the week after
    monkeypatch.setattr(Production, "today", lambda self: last)
    assert client.get(path).status_code == 200
    monkeypatch.setattr(Production, "today", lambda self: last + timedelta(days=1))
    response = client.get(path)
    assert response.status_code == 404 and "has ended" in response.content.decode()


def test_the_office_sees_the_link_s_state_on_the_timecard_page_and_crew_cannot_send_it(
    client, production, engagement, timecard, django_capture_on_commit_callbacks
):
    office = member(production, Role.ACCOUNTANT)
    client.force_login(office)
    detail = reverse("payroll:detail", args=[production.slug, timecard.pk])
    assert "own timecard link: <strong>not sent yet" in client.get(detail).content.decode()
    engagement.person.email = "ada@example.test"
    engagement.person.save()
    send(client, production, engagement, django_capture_on_commit_callbacks, user=office)
    client.force_login(office)
    assert "own timecard link: <strong>sent " in client.get(detail).content.decode()

    crew = member(production, Role.CREW)
    engagement.person.user = crew
    engagement.person.save()
    client.force_login(crew)
    url = reverse("payroll:link_send", args=[production.slug, engagement.pk])
    assert client.post(url).status_code == 403
    assert "own timecard link" not in client.get(detail).content.decode()


@pytest.mark.parametrize("timecard", ["²", "①", "-1", "99999999999999999999999999", ""])
def test_a_send_from_a_timecard_page_that_names_no_timecard_goes_back_to_the_list(
    client, production, engagement, timecard
):
    """Found by the hostile-input test: "²".isdigit() is true and int("²") is a 500."""
    client.force_login(member(production, Role.ASSOCIATE_PRODUCER))
    url = reverse("payroll:link_send", args=[production.slug, engagement.pk])
    response = client.post(url, {"timecard": timecard})
    assert response.status_code == 302
    assert response["Location"] == reverse("payroll:list", args=[production.slug])


def test_someone_without_an_e_mail_address_is_not_sent_a_link(client, production, engagement):
    engagement.person.email = ""
    engagement.person.save()
    client.force_login(member(production, Role.ASSOCIATE_PRODUCER))
    url = reverse("payroll:link_send", args=[production.slug, engagement.pk])
    client.post(url)
    assert not TimecardLink.objects.filter(send_status="queued").exists()


def test_the_link_s_days_at_phone_width_have_their_fields(client, path):
    client.post(path, {"action": "start", "week": f"{START:%Y-%m-%d}"})
    body = client.get(path).content.decode()
    for label in ("Call", "Meal out", "Wrap", "Miles driven", "Kit / box"):
        assert f">{label}</label>" in body


def test_the_history_says_the_person_changed_the_week_through_their_own_link(client, path):
    """No user is signed in on a link: the audit trail names the person and the link instead of
    leaving the change to nobody."""
    week = f"{START:%Y-%m-%d}"
    client.post(path, {"action": "start", "week": week})
    timecard = Timecard.objects.get()
    client.post(path, {"action": "save", "week": week, "version": timecard.version, **monday()})
    timecard.refresh_from_db()
    client.post(path, {"action": "submit", "week": week, "version": timecard.version})
    reasons = [row.history_change_reason for row in timecard.history.order_by("history_id")]
    assert len(reasons) == 3, reasons
    name = timecard.person.name
    for reason in reasons:
        assert reason.endswith(f"by {name} through their timecard link"), reasons
    assert all(row.history_user_id is None for row in timecard.history.all())
