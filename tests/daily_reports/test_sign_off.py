"""Sign-off: only the roles that sign (production manager, producer); it freezes the report, so
every write is refused afterwards; the audit trail names the signer; the board gets what the
report says of each scene; the producer's list is e-mailed once, with the PDF."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from apps.core import outbox
from apps.core.errors import DomainError
from apps.core.locking import StaleEdit
from apps.daily_reports import board, services
from apps.daily_reports.models import (
    Background,
    CastResult,
    CostItem,
    CrewException,
    CrewTimes,
    DailyReport,
    Distribution,
    DistributionList,
    Event,
    SceneResult,
    UnitTimes,
)
from apps.productions.capabilities import Role
from tests import pdfs
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(day, coordinator):
    return services.report_start(shoot_day=day, user=coordinator)


def sign(report, user, callbacks=None):
    report = DailyReport.objects.get(pk=report.pk)
    if callbacks is None:
        return services.report_sign(report=report, expected_version=report.version, user=user)
    with callbacks(execute=True):
        return services.report_sign(report=report, expected_version=report.version, user=user)


# --- Who signs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role", [Role.ASSOCIATE_PRODUCER, Role.COORDINATOR, Role.ACCOUNTANT, Role.CREW]
)
def test_roles_that_do_not_sign_are_refused(client, production, report, role):
    client.force_login(member(production, role))
    url = reverse("daily_reports:sign", args=[production.slug, report.pk])
    response = client.post(url, {"version": report.version})
    assert response.status_code == 403
    assert not DailyReport.objects.get(pk=report.pk).is_signed


@pytest.mark.parametrize("role", [Role.PRODUCER, Role.PRODUCTION_MANAGER])
def test_the_producer_or_production_manager_signs_and_the_audit_names_them(
    client, production, report, role
):
    signer = member(production, role)
    client.force_login(signer)
    url = reverse("daily_reports:sign", args=[production.slug, report.pk])

    response = client.post(url, {"version": report.version}, follow=True)

    signed = DailyReport.objects.get(pk=report.pk)
    assert signed.is_signed and signed.signed_by == signer and signed.signed_at is not None
    assert "Signed off — frozen" in response.content.decode()
    last = signed.history.order_by("-history_date").first()
    assert last.state == "signed" and last.history_user == signer


# --- Frozen -------------------------------------------------------------------------------------

# One existing row of each table, how to change it, and a new row for it.
TABLES = {
    UnitTimes: ("name", "Second unit", lambda r: UnitTimes(report=r, name="Splinter")),
    SceneResult: ("eighths_shot", 1, lambda r: SceneResult(report=r, number="9", scheduled=False)),
    CastResult: ("notes", "late", lambda r: CastResult(report=r, role="Stunt double")),
    Background: ("count", 3, lambda r: Background(report=r, description="joggers", count=2)),
    CrewTimes: ("time_out", None, None),
    CrewException: ("reason", "sick", None),
    Event: ("minutes", 5, lambda r: Event(report=r, description="Rain")),
    CostItem: ("actual", 5, lambda r: CostItem(report=r, description="Generator")),
}


@pytest.fixture
def full_report(report, day):
    """The report with a row in every table."""
    CrewException.objects.create(report=report, person=day.extra["engagements"][0].person)
    Event.objects.create(report=report, description="Ferry late", minutes=20)
    CostItem.objects.create(report=report, description="Extra battery", actual=120)
    return report


@pytest.mark.parametrize("model", list(TABLES), ids=lambda m: m.__name__)
def test_a_signed_report_refuses_every_change_to_every_table(full_report, manager, model):
    sign(full_report, manager)
    signed = DailyReport.objects.get(pk=full_report.pk)
    field, value, new = TABLES[model]
    row = model.objects.filter(report=signed).first()
    before = model.objects.filter(report=signed).count()
    setattr(row, field, value)
    attempts = [services.Section(model, saved=[row]), services.Section(model, deleted=[row])]
    if new is not None:
        attempts.append(services.Section(model, saved=[new(signed)]))
    for section in attempts:
        with pytest.raises(services.DailyReportError, match="signed off"):
            services.report_save(report=signed, expected_version=signed.version, sections=[section])
    assert model.objects.filter(report=signed).count() == before
    assert getattr(model.objects.get(pk=row.pk), field) != value or value is None


def test_a_signed_report_refuses_its_notes_and_a_second_sign_off(report, manager, producer):
    sign(report, manager)
    signed = DailyReport.objects.get(pk=report.pk)
    with pytest.raises(services.DailyReportError, match="signed off"):
        services.report_save(
            report=signed, expected_version=signed.version, fields={"remarks": "changed"}
        )
    with pytest.raises(services.DailyReportError, match="signed off"):
        services.report_sign(report=signed, expected_version=signed.version, user=producer)
    assert DailyReport.objects.get(pk=report.pk).signed_by == manager


def test_the_edit_page_of_a_signed_report_changes_nothing(client, production, report, manager):
    client.force_login(member(production, Role.COORDINATOR))
    url = reverse("daily_reports:edit", args=[production.slug, report.pk])
    page = client.get(url).content.decode()
    from tests.daily_reports.helpers import form_data

    data = form_data(page)
    data["remarks"] = "After the fact"
    sign(report, manager)

    response = client.post(url, data, follow=True)

    assert "it is frozen and can no longer be changed" in response.content.decode()
    assert DailyReport.objects.get(pk=report.pk).remarks == ""
    assert client.get(url).status_code == 302  # no edit page for a signed report


def test_signing_is_refused_by_the_view_for_a_stale_version(client, production, report, manager):
    services.report_save(report=report, expected_version=report.version, fields={"remarks": "x"})
    client.force_login(manager)
    url = reverse("daily_reports:sign", args=[production.slug, report.pk])
    response = client.post(url, {"version": 1}, follow=True)
    assert "Someone else saved this daily report" in response.content.decode()
    assert not DailyReport.objects.get(pk=report.pk).is_signed


def test_a_stale_save_is_refused(report):
    services.report_save(report=report, expected_version=1, fields={"remarks": "first"})
    with pytest.raises(StaleEdit):
        services.report_save(report=report, expected_version=1, fields={"remarks": "second"})
    assert DailyReport.objects.get(pk=report.pk).remarks == "first"


def test_a_row_of_another_report_is_refused(report, production, day):
    other_day = day.extra["day2"]
    other = services.report_start(shoot_day=other_day)
    row = other.scenes.first()
    row.notes = "hijacked"
    with pytest.raises(services.DailyReportError, match="another report"):
        services.report_save(
            report=report,
            expected_version=report.version,
            sections=[services.Section(SceneResult, saved=[row])],
        )
    assert SceneResult.objects.get(pk=row.pk).notes == ""


# --- The board ----------------------------------------------------------------------------------


def test_the_board_gets_what_the_report_says_of_each_scene(report, manager, monkeypatch, day):
    recorded = []
    monkeypatch.setattr(board, "record", lambda p, d, outcomes, user: recorded.append(outcomes))
    one, two = report.scenes.order_by("order")
    two.status, two.eighths_shot, two.remaining_to_day = "partly", 3, day.extra["day2"]
    two.save()

    sign(report, manager)

    assert [(o.scene_id, o.status, o.eighths_shot, o.remaining_to_day_id) for o in recorded[0]] == [
        (one.scene_id, "completed", 11, None),
        (two.scene_id, "partly", 3, day.extra["day2"].pk),
    ]


def test_the_sign_page_shows_what_will_move_before_signing(
    client, production, report, manager, monkeypatch
):
    monkeypatch.setattr(
        board, "preview", lambda p, d, outcomes: [f"{len(outcomes)} scenes leave the board as shot"]
    )
    client.force_login(manager)
    page = client.get(reverse("daily_reports:sign", args=[production.slug, report.pk]))
    text = page.content.decode()
    assert "2 scenes leave the board as shot" in text
    assert manager.email in text  # who will get it
    assert not DailyReport.objects.get(pk=report.pk).is_signed


def test_a_partly_shot_scene_needs_its_pages(report, manager):
    row = report.scenes.order_by("order").first()
    row.status, row.eighths_shot = "partly", 11  # all of it: that is completed, not partly
    row.save()
    with pytest.raises(services.DailyReportError, match="partly shot"):
        sign(report, manager)
    assert not DailyReport.objects.get(pk=report.pk).is_signed


# --- E-mail -------------------------------------------------------------------------------------


def test_the_producer_s_list_is_mailed_once_with_the_pdf(
    report, manager, producer, production, django_capture_on_commit_callbacks
):
    member(production, Role.COORDINATOR)  # not on the list
    DistributionList.objects.create(
        production=production, addresses="guarantor@example.test\nGUARANTOR@example.test"
    )
    sign(report, manager, django_capture_on_commit_callbacks)

    rows = Distribution.objects.filter(report=report)
    assert sorted(r.email for r in rows) == sorted(
        [manager.email, producer.email, "guarantor@example.test"]
    )
    assert all(r.send_status == "sent" for r in rows)
    assert sorted(to for m in mail.outbox for to in m.to) == sorted(r.email for r in rows)
    message = mail.outbox[0]
    assert message.subject.startswith('Daily production report: The "Ferry", Part 2, day 1 of 2')
    assert f"{report.shoot_day.date:%d %b %Y}" in message.subject
    assert "/daily-reports/" in message.body and "Scene 1: Completed" in message.body
    html = message.alternatives[0][0]
    assert "Open the report" in html
    name, pdf, kind = message.attachments[0]
    assert kind == "application/pdf" and pdf.startswith(b"%PDF") and name.endswith(".pdf")
    _, document, right = pdfs.letterhead(pdf)  # the report under the letterhead, as signed
    assert document.startswith("Daily production report, day 1 of 2")
    assert "Signed off" in right and f"Prepared by {manager.display_name}" in right
    assert "page 1 of" in pdfs.text(pdf)

    # The sweeper, a second send task, a second sign-off: nobody gets it twice.
    for row in rows:
        outbox.send_message.apply(args=outbox.send_args(row))
    outbox.sweep()
    with pytest.raises(services.DailyReportError):
        sign(report, producer, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 3


def test_the_report_page_shows_how_the_sending_went(
    client, production, report, manager, django_capture_on_commit_callbacks
):
    sign(report, manager, django_capture_on_commit_callbacks)
    Distribution.objects.filter(report=report).update(send_status="failed", send_error="550 no")
    client.force_login(member(production, Role.CREW))
    page = client.get(reverse("daily_reports:detail", args=[production.slug, report.pk]))
    text = page.content.decode()
    assert "0 of 1 sent" in text and "Failed" in text and "550 no" in text


def test_a_bad_extra_address_is_refused(production):
    with pytest.raises(services.DailyReportError, match="not an e-mail address"):
        services.distribution_list_save(
            production=production, addresses="ok@example.test\n=cmd|x", expected_version=1
        )


def test_signing_moves_the_board_as_the_sign_page_said_it_would(
    client, production, report, manager, day
):
    from apps.schedules.models import Scene

    one, two = report.scenes.order_by("order")
    two.status, two.eighths_shot, two.remaining_to_day = "partly", 3, day.extra["day2"]
    two.save()
    client.force_login(manager)
    url = reverse("daily_reports:sign", args=[production.slug, report.pk])
    preview = client.get(url).content.decode()
    assert "Scene 1 shot on" in preview and "leaves the board" in preview
    assert "Scene 2: 3/8 of 4/8 pp shot; the remaining 1/8 pp go to day 2" in preview

    client.post(url, {"version": report.version})

    first, second = Scene.objects.get(pk=one.scene_id), Scene.objects.get(pk=two.scene_id)
    assert first.shot_day == day and first.shoot_day is None
    assert second.shoot_day == day.extra["day2"] and second.eighths_shot == 3
    assert DailyReport.objects.get(pk=report.pk).is_signed


def test_a_refusal_from_the_board_leaves_the_report_unsigned(report, manager, day):
    two = report.scenes.order_by("order")[1]
    two.status, two.eighths_shot, two.remaining_to_day = "partly", 3, day  # the rest to itself
    two.save()
    with pytest.raises(DomainError):
        sign(report, manager)
    assert not DailyReport.objects.get(pk=report.pk).is_signed


def test_a_department_twice_is_refused_with_a_reason(report):
    existing = report.crew.first()
    again = CrewTimes(report=report, department_id=existing.department_id)
    with pytest.raises(services.DailyReportError, match="on the report twice"):
        services.report_save(
            report=report,
            expected_version=report.version,
            sections=[services.Section(CrewTimes, saved=[again])],
        )
    assert report.crew.count() == 2
