"""The e-mailed link confirms its own recipient, without an account, until the shoot day ends."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.html import escape

from apps.callsheets import services
from apps.callsheets.models import CallSheet, Recipient

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^/\s]+(/callsheets/confirm/[^/\s]+/)")


def publish(day, capture):
    with capture(execute=True):
        return services.callsheet_publish(call_sheet=services.callsheet_start(shoot_day=day))


def link_for(email: str) -> str:
    (message,) = [m for m in mail.outbox if m.to == [email]]
    return LINK.search(message.body).group(1)


def test_the_link_confirms_its_own_recipient_without_an_account(
    day, client, django_capture_on_commit_callbacks
):
    revision = publish(day, django_capture_on_commit_callbacks)
    player = day.extra["day_players"][0]
    path = link_for(player.email)
    page = client.get(path)
    assert page.status_code == 200
    assert 'your call is <span data-testid="own-call">06:00</span>' in page.content.decode()
    assert client.post(path).status_code == 200
    confirmed = Recipient.objects.filter(revision=revision, confirmed_at__isnull=False)
    assert list(confirmed.values_list("email", flat=True)) == [player.email]


def test_confirming_twice_keeps_the_first_time(day, client, django_capture_on_commit_callbacks):
    revision = publish(day, django_capture_on_commit_callbacks)
    path = link_for(day.extra["day_players"][0].email)
    client.post(path)
    first = Recipient.objects.get(revision=revision, confirmed_at__isnull=False).confirmed_at
    client.post(path)
    assert (
        Recipient.objects.get(revision=revision, confirmed_at__isnull=False).confirmed_at == first
    )


def test_a_made_up_token_confirms_nothing(day, client, django_capture_on_commit_callbacks):
    revision = publish(day, django_capture_on_commit_callbacks)
    response = client.post("/callsheets/confirm/not-a-real-token/")
    assert response.status_code == 404
    assert escape(services.LINK_INVALID) in response.content.decode()
    assert not revision.recipients.filter(confirmed_at__isnull=False).exists()


def test_only_the_tokens_hash_is_stored(day, django_capture_on_commit_callbacks):
    revision = publish(day, django_capture_on_commit_callbacks)
    player = day.extra["day_players"][0]
    token = link_for(player.email).rstrip("/").rsplit("/", 1)[-1]
    stored = revision.recipients.get(email=player.email).token_hash
    assert token not in stored and stored == services.hash_token(token)


def test_the_link_stops_working_after_the_shoot_day_in_the_production_zone(
    day, client, production, django_capture_on_commit_callbacks
):
    publish(day, django_capture_on_commit_callbacks)
    path = link_for(day.extra["day_players"][0].email)
    zone = ZoneInfo(production.time_zone)  # America/New_York
    late_on_the_day = datetime.combine(day.date, datetime.min.time(), zone) + timedelta(
        hours=23, minutes=59
    )
    next_morning = late_on_the_day + timedelta(minutes=2)
    with mock.patch.object(timezone, "now", return_value=late_on_the_day):
        # Already the next day in UTC, still the shoot day in New York.
        assert client.get(path).status_code == 200
    with mock.patch.object(timezone, "now", return_value=next_morning):
        response = client.post(path)
    assert response.status_code == 404
    assert escape(services.LINK_EXPIRED) in response.content.decode()


def test_a_link_from_an_earlier_revision_points_to_the_latest(
    day, client, django_capture_on_commit_callbacks
):
    publish(day, django_capture_on_commit_callbacks)
    old = link_for(day.extra["day_players"][0].email)
    mail.outbox.clear()
    CallSheet.objects.filter(shoot_day=day).update(weather="Rain from noon")  # a revision
    publish(day, django_capture_on_commit_callbacks)
    response = client.post(old)
    assert response.status_code == 404
    assert escape(services.LINK_SUPERSEDED) in response.content.decode()
    assert client.post(link_for(day.extra["day_players"][0].email)).status_code == 200
