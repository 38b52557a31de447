"""Reminders about deliverables due soon and overdue: sent once per item, due date and kind,
again when the due date moves, never about delivered or accepted items."""

from __future__ import annotations

from datetime import timedelta

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import mail

from apps.post.deliverables import services
from apps.post.deliverables.models import (
    DeliverableReminder,
    DeliveryKind,
    ItemStatus,
    ReminderKind,
)
from apps.post.deliverables.reminders import reminders_create
from apps.post.deliverables.tasks import deliverable_reminders
from apps.productions.capabilities import Role
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def checklist(production):
    return services.checklist_create(
        production=production,
        name="UK",
        kind=DeliveryKind.BLANK,
        recipient="Harbour Light",
        due_date=production.today() + timedelta(days=40),
    )


def add(checklist, name, days, **fields):
    return services.item_add(
        checklist=checklist,
        name=name,
        due_date=checklist.production.today() + timedelta(days=days),
        **fields,
    )


def run(django_capture_on_commit_callbacks) -> int:
    with django_capture_on_commit_callbacks(execute=True):
        return deliverable_reminders.delay().get()


def test_due_soon_and_overdue_items_are_reminded_once_to_their_owner(
    production, checklist, django_capture_on_commit_callbacks
):
    owner = member(production, Role.DEPARTMENT_HEAD, department="Post")
    add(checklist, "Stems", 3, owner=owner)
    add(checklist, "M&E", -2, owner=owner)
    add(checklist, "Trailer", 30, owner=owner)  # not due soon
    add(checklist, "DCP", -5, owner=owner, status=ItemStatus.DELIVERED)  # done
    assert run(django_capture_on_commit_callbacks) == 2
    assert sorted(m.subject for m in mail.outbox) == [
        f"{production.title}: deliverable due soon: Stems",
        f"{production.title}: deliverable overdue: M&E",
    ]
    assert {m.to[0] for m in mail.outbox} == {owner.email}
    overdue = next(m for m in mail.outbox if "M&E" in m.subject)
    assert "2 days overdue" in overdue.body and "&amp;" not in overdue.body
    assert f"/p/{production.slug}/post/deliverables/{checklist.pk}/" in overdue.body
    # The beat runs again (the same day, the next): nothing more.
    assert run(django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 2
    assert DeliverableReminder.objects.count() == 2


def test_a_due_soon_item_that_becomes_overdue_is_told_once_more(
    production, checklist, django_capture_on_commit_callbacks
):
    item = add(checklist, "Stems", 2)
    owner = member(production, Role.PRODUCER)
    today = production.today()
    assert [r.kind for r in reminders_create(production=production, today=today)] == [
        ReminderKind.DUE_SOON
    ]
    later = today + timedelta(days=3)
    assert [r.kind for r in reminders_create(production=production, today=later)] == [
        ReminderKind.OVERDUE
    ]
    assert reminders_create(production=production, today=later + timedelta(days=1)) == []
    assert {r.recipient for r in DeliverableReminder.objects.filter(item=item)} == {owner}


def test_a_moved_due_date_is_reminded_again(
    production, checklist, django_capture_on_commit_callbacks
):
    owner = member(production)
    item = add(checklist, "Stems", 3, owner=owner)
    assert run(django_capture_on_commit_callbacks) == 1
    item = services.item_update(
        item=item, expected_version=item.version, due_date=production.today() + timedelta(days=5)
    )
    assert run(django_capture_on_commit_callbacks) == 1
    assert run(django_capture_on_commit_callbacks) == 0
    assert [r.due_date for r in DeliverableReminder.objects.order_by("pk")] == [
        production.today() + timedelta(days=3),
        production.today() + timedelta(days=5),
    ]
    assert len(mail.outbox) == 2


def test_an_item_without_an_owner_goes_to_the_producers_and_aps(
    production, checklist, django_capture_on_commit_callbacks
):
    people = [member(production, Role.PRODUCER), member(production)]
    member(production, Role.COORDINATOR)
    add(checklist, "Stems", 1)
    assert run(django_capture_on_commit_callbacks) == 2
    assert {m.to[0] for m in mail.outbox} == {p.email for p in people}


def test_an_item_delivered_before_its_reminder_goes_out_is_not_mailed(
    production, checklist, django_capture_on_commit_callbacks
):
    owner = member(production)
    item = add(checklist, "Stems", 1, owner=owner)
    created = reminders_create(production=production)
    services.item_update(item=item, expected_version=item.version, status=ItemStatus.DELIVERED)
    from apps.core import outbox

    with django_capture_on_commit_callbacks(execute=True):
        outbox.queue_after_commit(created[0])
    assert mail.outbox == []


def test_beat_runs_the_reminders_every_morning():
    entry = settings.CELERY_BEAT_SCHEDULE["post-deliverable-reminders"]
    assert entry["task"] == "apps.post.deliverables.tasks.deliverable_reminders"
    assert isinstance(entry["schedule"], crontab)
