"""Actors get their call sheet too: a cast member in the day's scenes with an e-mail address is
addressed once per revision, with their own call (pick-up, else hair and makeup, else on set)."""

from __future__ import annotations

import re
from datetime import time

import pytest
from django.db import IntegrityError, transaction

from apps.callsheets import services, tasks
from apps.callsheets.models import CastCall, Recipient, RecipientStatus
from apps.core.outbox import send_args, send_message

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^/\s]+(/callsheets/confirm/[^/\s]+/)")


def publish(day, capture, times=None):
    call_sheet = services.callsheet_start(shoot_day=day)
    for member, values in (times or {}).items():
        CastCall.objects.create(call_sheet=call_sheet, cast_member=member, **values)
    with capture(execute=True):
        return services.callsheet_publish(call_sheet=call_sheet)


@pytest.fixture
def lead(day):
    """Cast member 1 with an e-mail, picked up at 05:45 (hair and makeup 06:15, on set 07:30);
    cast member 2 has no address."""
    member = day.extra["cast"][0]
    member.email = "mara@cast.night-ferry.test"
    member.save()
    return member


def test_publishing_mails_a_cast_member_with_an_email_once_with_their_own_call(
    day, lead, smtp_server, django_capture_on_commit_callbacks
):
    times = {lead: {"pickup": time(5, 45), "hair_makeup": time(6, 15), "on_set": time(7, 30)}}
    revision = publish(day, django_capture_on_commit_callbacks, times)
    assert smtp_server.recipients().count(lead.email) == 1
    (mail,) = [m for m in smtp_server.parsed() if m["To"] == lead.email]
    assert "your call 05:45" in mail["Subject"]
    text = mail.get_body(("plain",)).get_content()
    assert text.startswith(f"{lead.actor},") and ": 05:45" in text
    assert "pick-up 05:45. Hair and makeup 06:15. On set 07:30." in text
    row = Recipient.objects.get(revision=revision, cast_member=lead)
    assert row.person is None
    assert (row.role, row.department, row.call_time) == (
        f"{lead.character} (cast {lead.id_number})",
        "Cast",
        time(5, 45),
    )
    assert row.send_status == RecipientStatus.SENT


def test_a_cast_call_without_pick_up_is_their_hair_and_makeup_time(
    day, lead, smtp_server, django_capture_on_commit_callbacks
):
    times = {lead: {"hair_makeup": time(6, 15), "on_set": time(7, 30)}}
    revision = publish(day, django_capture_on_commit_callbacks, times)
    assert Recipient.objects.get(revision=revision, cast_member=lead).call_time == time(6, 15)


def test_a_cast_member_without_an_email_is_not_addressed_and_the_tracking_page_says_so(
    day, lead, ap_client, production, smtp_server, django_capture_on_commit_callbacks
):
    other = day.extra["cast"][1]
    revision = publish(day, django_capture_on_commit_callbacks)
    assert not Recipient.objects.filter(revision=revision, cast_member=other).exists()
    assert Recipient.objects.filter(revision=revision, cast_member__isnull=False).count() == 1
    url = f"/p/{production.slug}/callsheets/{revision.call_sheet_id}/revisions/1/tracking/"
    page = ap_client.get(url).content.decode()
    assert f'data-testid="cast-recipient-{lead.pk}"' in page
    assert "Not e-mailed" in page and other.actor in page


def test_the_confirmation_link_confirms_the_cast_recipient(
    day, lead, client, smtp_server, django_capture_on_commit_callbacks
):
    times = {lead: {"on_set": time(7, 30)}}
    revision = publish(day, django_capture_on_commit_callbacks, times)
    (mail,) = [m for m in smtp_server.parsed() if m["To"] == lead.email]
    path = LINK.search(mail.get_body(("plain",)).get_content()).group(1)
    page = client.get(path).content.decode()
    assert 'your call is <span data-testid="own-call">07:30</span>' in page
    assert client.post(path).status_code == 200
    confirmed = Recipient.objects.get(revision=revision, confirmed_at__isnull=False)
    assert confirmed.cast_member == lead


def test_running_the_distribution_twice_sends_one_message_per_cast_recipient(
    day, lead, smtp_server, django_capture_on_commit_callbacks
):
    revision = publish(day, django_capture_on_commit_callbacks)
    tasks.distribute_revision(revision.pk)
    for recipient in revision.recipients.all():
        send_message.apply(args=send_args(recipient))
    assert smtp_server.recipients().count(lead.email) == 1
    assert len(smtp_server.messages) == revision.recipients.count() == 6


def test_a_resend_reaches_the_unconfirmed_cast_member_again(
    day, lead, smtp_server, django_capture_on_commit_callbacks
):
    revision = publish(day, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.recipients_resend(revision=revision)
    assert smtp_server.recipients().count(lead.email) == 2


@pytest.mark.parametrize("both", [True, False], ids=["both", "neither"])
def test_a_recipient_is_a_crew_person_or_a_cast_member_never_both_nor_neither(
    day, lead, django_capture_on_commit_callbacks, both
):
    revision = publish(day, django_capture_on_commit_callbacks)
    person = day.extra["day_players"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Recipient.objects.create(
            production=day.production, revision=revision, name="Nobody", email="n@example.test",
            person=person if both else None, cast_member=lead if both else None,
        )  # fmt: skip


def test_a_cast_member_is_addressed_once_per_revision(
    day, lead, django_capture_on_commit_callbacks
):
    revision = publish(day, django_capture_on_commit_callbacks)
    with pytest.raises(IntegrityError), transaction.atomic():
        Recipient.objects.create(
            production=day.production, revision=revision, name="Again", email=lead.email,
            cast_member=lead,
        )  # fmt: skip


def test_the_demo_cast_have_addresses_and_get_the_demo_call_sheet_and_seeding_keeps_edits():
    from django.core.management import call_command

    from apps.productions.models import Production
    from apps.schedules.models import CastMember

    call_command("seed_demo")
    production = Production.objects.get(slug="night-ferry")
    cast = CastMember.objects.filter(production=production)
    assert cast.exists() and not cast.filter(email="").exists()
    assert Recipient.objects.filter(production=production, cast_member__isnull=False).exists()
    first = cast.first()
    first.email = "agent@example.test"
    first.save()
    call_command("seed_demo")
    first.refresh_from_db()
    assert first.email == "agent@example.test"
