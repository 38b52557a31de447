"""The demo (`seed_demo`, the small production): two ended weeks of timecards and the week in
progress, and start packs in every state whose
sensitive answers are stored encrypted; nothing is e-mailed to its made-up people; seeding again
changes nothing."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection

from apps.payroll.models import Timecard
from apps.payroll.paperwork.models import PackEntry, PackState, StartPack

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("seed_demo", stdout=io.StringIO())


def test_the_demo_has_start_packs_in_every_state_and_hires_without_one(demo):
    from apps.crew.models import Engagement, MemoState

    states = set(StartPack.objects.values_list("state", flat=True))
    assert states == {PackState.SENT, PackState.IN_PROGRESS, PackState.COMPLETE}
    signed = Engagement.objects.filter(
        deal_memo__state__in=(MemoState.ACCEPTED, MemoState.COUNTERSIGNED)
    )
    assert signed.filter(start_pack=None).exists()  # not sent yet
    complete = StartPack.objects.filter(state=PackState.COMPLETE).first()
    assert complete.signed_name == complete.engagement.person.name and complete.signed_at
    assert not complete.entries.filter(required=True, done_at=None).exists()
    assert complete.entries.exclude(file="").count() == 2  # the tax and eligibility forms
    assert all(p.send_status == "sent" for p in StartPack.objects.all())
    assert Timecard.objects.exists()


def test_the_demo_s_bank_and_tax_answers_are_stored_encrypted(demo):
    entry = PackEntry.objects.filter(kind="bank").exclude(secret="").first()
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM payroll_packentry WHERE id = %s", [entry.pk])
        (stored,) = cursor.fetchone()
    assert stored and "0110" not in stored and "4000" not in stored


def test_seeding_again_mails_nobody_and_changes_nothing(demo):
    before = sorted(StartPack.objects.values_list("engagement_id", "state"))
    entries = PackEntry.objects.count()

    call_command("seed_demo", stdout=io.StringIO())

    assert sorted(StartPack.objects.values_list("engagement_id", "state")) == before
    assert PackEntry.objects.count() == entries
    assert not [m for m in mail.outbox if "start" in m.subject.lower()]


def test_the_demo_crew_have_two_ended_weeks_of_timecards_and_the_week_in_progress(demo):
    from apps.payroll import services
    from apps.productions.management.commands.seed_demo import DEMO_SLUG
    from apps.productions.models import Production

    production = Production.objects.get(slug=DEMO_SLUG)
    _, week_starts = services.rules_of(production)
    this_week = services.week_start_of(production.today(), week_starts)
    weeks = sorted(set(Timecard.objects.values_list("week_start", flat=True)))
    assert [w for w in weeks if w < this_week][-2:] == [
        this_week - timedelta(days=14),
        this_week - timedelta(days=7),
    ]
    last = Timecard.objects.filter(week_start=this_week - timedelta(days=7))
    assert {"draft", "submitted", "department_approved", "approved"} <= set(
        last.values_list("state", flat=True)
    )
    assert Timecard.objects.filter(week_start=this_week - timedelta(days=14), state="approved")
