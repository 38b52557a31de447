"""Options: reminders 30 and 7 days before expiry, sent once per option and date through the
outbox; an extension moves the date (new reminders); extensions must move it later; uploads are
checked by content."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from apps.development.rights import services
from apps.development.rights.models import Extension, Option, OptionReminder
from apps.development.rights.tasks import option_reminders
from apps.productions.capabilities import Role
from tests.factories import member

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 1)


@pytest.fixture
def option(production):
    return Option.objects.create(
        production=production, material="The Night Ferry (novel)", grantor="J. Author",
        option_start=date(2025, 7, 1), option_end=TODAY + timedelta(days=30),
        option_fee=Decimal("5000"), purchase_price=Decimal("75000"),
    )  # fmt: skip


@pytest.fixture
def people(production):
    producer = member(production, Role.PRODUCER)
    ap = member(production, Role.ASSOCIATE_PRODUCER)
    member(production, Role.PRODUCTION_MANAGER)  # may see development, is not reminded
    return producer, ap


def run(day, monkeypatch, capture):
    with capture(execute=True):
        created = services.reminders_create(today=day)
        from apps.core import outbox

        for reminder in created:
            outbox.queue_after_commit(reminder)
    return created


def test_reminders_go_30_and_7_days_before_expiry_once_per_date(
    option, people, monkeypatch, django_capture_on_commit_callbacks
):
    producer, ap = people
    assert run(TODAY - timedelta(days=1), monkeypatch, django_capture_on_commit_callbacks) == []
    first = run(TODAY, monkeypatch, django_capture_on_commit_callbacks)
    assert {(r.recipient, r.days) for r in first} == {(producer, 30), (ap, 30)}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([producer.email, ap.email])
    assert "The Night Ferry (novel)" in mail.outbox[0].subject
    assert "expires" in mail.outbox[0].subject and "1 Jul 2026" in mail.outbox[0].subject
    # The next days of the 30-day notice, and a second run the same day: nothing more.
    for days in (0, 1, 10, 22):
        assert (
            run(TODAY + timedelta(days=days), monkeypatch, django_capture_on_commit_callbacks) == []
        )
    assert len(mail.outbox) == 2
    # 7 days out: the second notice, once.
    seven = TODAY + timedelta(days=23)
    assert {r.days for r in run(seven, monkeypatch, django_capture_on_commit_callbacks)} == {7}
    assert run(seven, monkeypatch, django_capture_on_commit_callbacks) == []
    assert len(mail.outbox) == 4
    assert OptionReminder.objects.filter(option=option).count() == 4
    # Lapsed: nothing.
    assert run(TODAY + timedelta(days=31), monkeypatch, django_capture_on_commit_callbacks) == []


def test_an_extension_moves_the_expiry_and_its_reminders_are_new(
    option, people, monkeypatch, django_capture_on_commit_callbacks
):
    run(TODAY, monkeypatch, django_capture_on_commit_callbacks)
    services.extension_add(
        option=option,
        extension=Extension(
            agreed_on=TODAY, new_end=TODAY + timedelta(days=90), fee=Decimal("2500")
        ),
    )
    assert option.expires_on() == TODAY + timedelta(days=90)
    assert run(TODAY + timedelta(days=23), monkeypatch, django_capture_on_commit_callbacks) == []
    again = run(TODAY + timedelta(days=60), monkeypatch, django_capture_on_commit_callbacks)
    assert {(r.days, r.expires_on) for r in again} == {(30, TODAY + timedelta(days=90))}


def test_the_beat_task_sends_each_reminder_once(option, people, django_capture_on_commit_callbacks):
    Option.objects.filter(pk=option.pk).update(
        option_end=option.production.today() + timedelta(days=5)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert option_reminders() == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert option_reminders() == 0
    assert len(mail.outbox) == 2
    assert all("7 days or less" in m.body for m in mail.outbox)


def test_an_extension_that_does_not_move_the_expiry_later_is_refused(client, option, people):
    client.force_login(people[1])
    url = reverse(
        "development:extension_add",
        kwargs={"production_slug": option.production.slug, "pk": option.pk},
    )
    response = client.post(url, {"agreed_on": "2026-06-01", "new_end": "2026-06-15", "fee": "10"})
    assert response.status_code == 200
    assert "must end after the option&#x27;s current expiry" in response.content.decode()
    assert not Extension.objects.exists()


def test_a_chain_of_title_document_is_checked_by_content(client, option, people):
    client.force_login(people[1])
    url = reverse(
        "development:document_add",
        kwargs={"production_slug": option.production.slug, "pk": option.pk},
    )
    fake = SimpleUploadedFile("agreement.pdf", b"<html><script>x</script></html>")
    response = client.post(url, {"title": "Option agreement", "file": fake})
    assert response.status_code == 200 and "must be a PDF" in response.content.decode()
    real = SimpleUploadedFile("agreement.bin", b"%PDF-1.4\n%%EOF\n")
    assert client.post(url, {"title": "Option agreement", "file": real}).status_code == 302
    document = option.documents.get()
    served = client.get(
        reverse(
            "development:document_file",
            kwargs={"production_slug": option.production.slug, "pk": document.pk},
        )
    )
    assert served["Content-Type"] == "application/pdf"
    assert served["Content-Disposition"].endswith('.pdf"')


def test_the_option_edit_refuses_a_stale_save(client, option, people):
    client.force_login(people[1])
    url = reverse(
        "development:option_edit",
        kwargs={"production_slug": option.production.slug, "pk": option.pk},
    )
    data = {
        "material": "Renamed", "grantor": "J. Author", "option_start": "2025-07-01",
        "option_end": "2026-07-01", "option_fee": "5000", "version": 1,
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "material": "Stale"})
    assert "Someone else saved this option" in response.content.decode()
    option.refresh_from_db()
    assert option.material == "Renamed"


def test_beat_runs_the_option_reminders_every_morning():
    entry = settings.CELERY_BEAT_SCHEDULE["development-option-reminders"]
    assert entry["task"] == "apps.development.rights.tasks.option_reminders"
    assert entry["task"] == option_reminders.name  # the name beat sends is the task's own
    assert isinstance(entry["schedule"], crontab)
    assert entry["schedule"].day_of_week == set(range(7))
    assert entry["schedule"].day_of_month == set(range(1, 32))
    assert len(entry["schedule"].hour) == 1 and len(entry["schedule"].minute) == 1  # once a day


def test_an_option_s_extensions_export_to_csv_and_xlsx_with_the_material_inert(
    client, production, people
):
    hostile = "=cmd|' /C calc'!A0"
    item = Option.objects.create(
        production=production, material=hostile, grantor="J. Author",
        option_start=date(2025, 7, 1), option_end=TODAY, option_fee=Decimal("5000"),
    )  # fmt: skip
    for agreed, days, fee in (
        (TODAY, 90, Decimal("2500")),
        (TODAY + timedelta(days=80), 200, Decimal("3000.50")),
    ):
        services.extension_add(
            option=item,
            extension=Extension(agreed_on=agreed, new_end=TODAY + timedelta(days=days), fee=fee),
        )
    client.force_login(people[1])
    slug = item.production.slug
    page = client.get(reverse("development:option", args=[slug, item.pk])).content.decode()
    csv_url = reverse("development:extensions_export", args=[slug, item.pk, "csv"])
    assert csv_url in page
    rows = list(csv.reader(io.StringIO(client.get(csv_url).content.decode())))
    assert rows[0] == [
        "Underlying material", "Agreed on", "Extended until", "Extension fee", "Currency",
    ]  # fmt: skip
    assert [[*r[:3], Decimal(r[3]), r[4]] for r in rows[1:]] == [
        ["'" + hostile, "2026-06-01", "2026-08-30", Decimal("2500"), "USD"],
        ["'" + hostile, "2026-08-20", "2026-12-18", Decimal("3000.50"), "USD"],
    ]  # the material inert in every row
    xlsx = client.get(reverse("development:extensions_export", args=[slug, item.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    first = list(sheet[2])
    assert first[0].value == hostile and first[0].data_type == "s"  # text, never a formula
    assert Decimal(str(first[3].value)) == Decimal("2500")
