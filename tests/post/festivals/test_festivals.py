"""Festivals (issue 20, point 4): the tracker's pages and export, a fee drafted as a purchase
order through apps/vendors (seen and audited), deadlines on the calendar, and reminders e-mailed
exactly once per festival, deadline and person."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from apps.post.errors import PostError
from apps.post.festivals import services
from apps.post.festivals.models import Festival, FestivalReminder, SubmissionStatus
from apps.post.festivals.tasks import festival_reminders
from apps.productions.audit import entries_for
from apps.productions.capabilities import Role
from apps.schedules.ical import calendar_feed
from apps.vendors.models import POStatus, PurchaseOrder
from tests.factories import member
from tests.vendors.factories import VendorFactory

pytestmark = pytest.mark.django_db


def url(production, name, **kwargs) -> str:
    return reverse(f"post:{name}", kwargs={"production_slug": production.slug, **kwargs})


def festival(production, **extra) -> Festival:
    today = production.today()
    fields = {
        "name": "Harbourfront IFF",
        "early_deadline": today + timedelta(days=5),
        "early_fee": Decimal("65.50"),
        "regular_deadline": today + timedelta(days=40),
        "regular_fee": Decimal("95.00"),
        **extra,
    }
    return services.festival_create(production=production, **fields)


def test_a_festival_is_added_listed_and_exported(ap_client, production):
    response = ap_client.post(
        url(production, "festival_new"),
        {
            "name": "Lake Shore FF",
            "place": "Chicago",
            "regular_deadline": "2031-03-01",
            "regular_fee": "75.00",
            "premiere": "regional",
            "status": "planned",
        },
    )
    assert response.status_code == 302
    made = Festival.objects.get()
    assert made.regular_fee == Decimal("75.00") and made.version == 1
    page = ap_client.get(url(production, "festivals")).content.decode()
    assert "Lake Shore FF" in page and "Regional or city premiere" in page
    exported = ap_client.get(url(production, "festival_export", fmt="csv"))
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Festival" and rows[1][0] == "Lake Shore FF"
    assert rows[1][5] == "2031-03-01" and rows[1][6] == "75.00"
    assert ap_client.get(url(production, "festival_export", fmt="xlsx")).status_code == 200


def test_a_negative_fee_is_refused_on_the_form(ap_client, production):
    response = ap_client.post(
        url(production, "festival_new"),
        {"name": "X", "early_fee": "-5", "premiere": "none", "status": "planned"},
    )
    assert response.status_code == 200 and not Festival.objects.exists()


def test_accepting_records_the_date_and_the_result_in_the_history(ap_client, production):
    made = festival(production)
    data = {
        "name": made.name,
        "premiere": "none",
        "status": "accepted",
        "result": "Main competition",
        "version": made.version,
    }
    assert ap_client.post(url(production, "festival_edit", pk=made.pk), data).status_code == 302
    made.refresh_from_db()
    assert made.status == SubmissionStatus.ACCEPTED and made.submitted_on == production.today()
    reasons = [e.reason for e in entries_for(production)]
    assert "Harbourfront IFF: accepted (Main competition)" in reasons
    stale = ap_client.post(url(production, "festival_edit", pk=made.pk), {**data, "version": 1})
    assert "Someone else saved this festival" in stale.content.decode()


def test_a_fee_becomes_a_draft_purchase_order_that_the_person_sees(ap_client, production):
    made = festival(production)
    vendor = VendorFactory(production=production, name="Harbourfront IFF", budget=False)
    response = ap_client.post(
        url(production, "festival_fee_order", pk=made.pk),
        {"deadline": "early", "vendor": vendor.pk, "account_number": "5004"},
        follow=True,
    )
    po = PurchaseOrder.objects.get()
    page = response.content.decode()
    assert f"{po.label} drafted to Harbourfront IFF" in page
    assert po.status == POStatus.DRAFT and po.vendor == vendor
    (line,) = po.lines.all()
    assert line.amount == Decimal("65.50") and line.account_number == "5004"
    made.refresh_from_db()
    assert made.purchase_order == po and made.vendor == vendor
    reasons = [e.reason for e in entries_for(production)]
    assert f"early fee drafted as {po.label} to Harbourfront IFF" in reasons
    assert any(r.startswith(f"drafted {po.label}") for r in reasons)  # the PO's own history
    with pytest.raises(PostError, match="already has a purchase order"):
        services.fee_to_purchase_order(festival=made, deadline="regular", user=None)


def test_a_fee_order_needs_a_fee_and_a_vendor(production):
    made = festival(production, late_deadline=production.today() + timedelta(days=60))
    with pytest.raises(PostError, match="no late fee"):
        services.fee_to_purchase_order(festival=made, deadline="late", user=None)
    with pytest.raises(PostError, match="Choose the vendor"):
        services.fee_to_purchase_order(festival=made, deadline="early", user=None)
    assert not PurchaseOrder.objects.exists()


def test_the_head_of_post_cannot_draft_purchase_orders(client, production):
    made = festival(production)
    client.force_login(member(production, Role.DEPARTMENT_HEAD, department="Post"))
    assert client.get(url(production, "festival", pk=made.pk)).status_code == 200
    response = client.post(url(production, "festival_fee_order", pk=made.pk), {"deadline": "early"})
    assert response.status_code == 403 and not PurchaseOrder.objects.exists()


def test_reminders_go_once_per_festival_deadline_and_person(
    production, ap, django_capture_on_commit_callbacks
):
    member(production, Role.DEPARTMENT_HEAD, department="Post", user__email="post@example.test")
    member(production, Role.DEPARTMENT_HEAD, department="Camera", user__email="camera@example.test")
    member(production, Role.CREW, user__email="crew@example.test")
    made = festival(production)  # early deadline in 5 days; regular in 40: outside the window
    festival(production, name="Done already", status=SubmissionStatus.SUBMITTED)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            festival_reminders.delay()
    to = sorted(address for message in mail.outbox for address in message.to)
    assert to == sorted([ap.email, "post@example.test"])
    assert all("Harbourfront IFF early deadline" in m.subject for m in mail.outbox)
    assert "65.50" in mail.outbox[0].body
    assert f"/post/festivals/{made.pk}/" in mail.outbox[0].body
    assert FestivalReminder.objects.count() == 2
    # The deadline moved: it is a new deadline, reminded again.
    Festival.objects.filter(pk=made.pk).update(early_deadline=made.early_deadline + timedelta(1))
    with django_capture_on_commit_callbacks(execute=True):
        festival_reminders.delay()
    assert len(mail.outbox) == 4


def test_a_reminder_for_a_festival_submitted_since_is_not_sent(production, ap):
    made = festival(production)
    (reminder,) = services.reminders_create(production=production)
    Festival.objects.filter(pk=made.pk).update(status=SubmissionStatus.SUBMITTED)
    from apps.post.festivals.tasks import reminder_message

    reminder.refresh_from_db()
    assert reminder_message(reminder) is None


def test_deadlines_are_on_the_calendar_of_the_head_of_post_and_off_its_feed(client, production):
    made = festival(production)
    head = member(production, Role.DEPARTMENT_HEAD, department="Post")
    client.force_login(head)
    day = made.early_deadline
    page = client.get(
        reverse("schedules:calendar_week", kwargs={"production_slug": production.slug}),
        {"week": day.isoformat()},
    ).content.decode()
    assert "Harbourfront IFF: early deadline" in page
    client.force_login(member(production, Role.CREW))
    crew_page = client.get(
        reverse("schedules:calendar_week", kwargs={"production_slug": production.slug}),
        {"week": day.isoformat()},
    )
    assert crew_page.status_code == 200 and "Harbourfront IFF" not in crew_page.content.decode()
    # The feed's address is the production's one token, shared with the whole unit.
    feed = calendar_feed(production).decode()
    assert f"UID:festival-{made.pk}" not in feed and "Harbourfront IFF" not in feed


def test_a_head_of_another_department_is_refused(client, production):
    made = festival(production)
    client.force_login(member(production, Role.DEPARTMENT_HEAD, department="Sound"))
    assert client.get(url(production, "festivals")).status_code == 403
    assert client.get(url(production, "festival", pk=made.pk)).status_code == 403


def test_the_demo_seeds_a_slipped_schedule_and_festivals_in_three_states(db):
    from apps.post.demo import seed_post
    from apps.post.milestones.models import Milestone
    from tests.factories import ProductionFactory

    production = ProductionFactory(wrap_date=date.today() + timedelta(days=60))
    people = {Role.ASSOCIATE_PRODUCER: member(production)}
    VendorFactory(production=production, name="Festival entries", budget=False)
    for _ in range(2):  # idempotent
        seed_post(production, people, "small")
    milestones = list(Milestone.objects.filter(production=production))
    assert len(milestones) == 12
    assert all(m.baseline_on for m in milestones)
    assert sum(1 for m in milestones if m.slip_days) == 3
    statuses = set(Festival.objects.filter(production=production).values_list("status", flat=True))
    assert statuses == {"planned", "submitted", "declined"}
    assert PurchaseOrder.objects.filter(production=production).count() == 1


def test_the_export_exports_what_the_filtered_list_shows(ap_client, production):
    festival(production, name="Planned Fest")
    festival(production, name="Sent Fest", status=SubmissionStatus.SUBMITTED)
    listing = ap_client.get(url(production, "festivals"), {"status": "submitted"})
    page = listing.content.decode()
    assert "Sent Fest" in page and "Planned Fest" not in page
    export = url(production, "festival_export", fmt="csv")
    assert f'href="{export}?status=submitted"' in page  # the link keeps the filter
    exported = ap_client.get(export, {"status": "submitted"})
    rows = list(csv.reader(io.StringIO(exported.content.decode())))
    assert [r[0] for r in rows[1:]] == ["Sent Fest"]
    everything = ap_client.get(export, {"status": "no-such-status"})
    rows = list(csv.reader(io.StringIO(everything.content.decode())))
    assert [r[0] for r in rows[1:]] == ["Planned Fest", "Sent Fest"]  # as the list: all


def test_beat_runs_the_festival_reminders_every_day(settings):
    from celery.schedules import crontab

    from apps.post.festivals import tasks

    entry = settings.CELERY_BEAT_SCHEDULE["post-festival-reminders"]
    assert entry["task"] == "apps.post.festivals.tasks.festival_reminders"
    assert entry["task"] == tasks.festival_reminders.name  # the name beat sends is the task's
    assert isinstance(entry["schedule"], crontab)
    # Once a day (at VENDOR_REMINDER_HOUR_UTC:45), every day of the week.
    assert len(entry["schedule"].hour) == 1 and entry["schedule"].minute == {45}
    assert entry["schedule"].day_of_week == set(range(7))
