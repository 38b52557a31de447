"""The audit trail says in words what each write of a daily report did and what it moved: started
(from which call sheet, with what), saved (which parts, and how the hot cost moved), signed (by
whom, and what the board did), the hot cost worked out again, and each e-mail of the signed report.
The entries are the production's audit log's (apps/productions/audit.py), read as the page reads
them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.daily_reports import services
from apps.daily_reports.models import CostItem, DailyReport
from apps.productions.audit import entries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(day, coordinator):
    return services.report_start(shoot_day=day, user=coordinator)


def reasons(production, kind="Daily report") -> list[str]:
    """The log's words for `kind`, newest first."""
    return [entry.reason for entry in entries_for(production, kind=kind)]


def save(report, **kwargs):
    report = DailyReport.objects.get(pk=report.pk)
    return services.report_save(report=report, expected_version=report.version, **kwargs)


def sign(report, user):
    report = DailyReport.objects.get(pk=report.pk)
    return services.report_sign(report=report, expected_version=report.version, user=user)


def test_starting_a_report_says_where_it_was_prefilled_from_and_with_what(
    production, report, coordinator
):
    entry = entries_for(production, kind="Daily report")[0]
    assert entry.action == "created" and entry.who == coordinator.display_name
    # Scenes 1 (11/8) and 2 (4/8): 15/8 pages.
    assert entry.reason.startswith(
        "Daily report for day 1 started from call sheet revision 1: 2 scenes (1 7/8 pp)"
    )


def test_saving_says_which_parts_changed_and_how_the_hot_cost_moved(production, report):
    save(report, fields={"remarks": "Rain"})  # the hot cost is worked out a first time
    row = CostItem(description="Condor", planned=Decimal("100.00"), actual=Decimal("150.00"))
    save(report, sections=[services.Section(CostItem, saved=[row])])

    words = reasons(production)[0]

    assert words.startswith("Daily report for day 1 saved: cost items 1 added")
    # The condor alone moved the day: +100.00 planned, +150.00 actual.
    assert "actual" in words and "(+$150.00)" in words and "(+$100.00)" in words
    assert "Daily report for day 1 saved: remarks" in reasons(production)[1]


def test_signing_names_the_signer_and_what_the_board_did(production, report, manager, day):
    one, two = report.scenes.order_by("order")
    two.status, two.eighths_shot, two.remaining_to_day = "partly", 3, day.extra["day2"]
    two.save()

    sign(report, manager)

    entry = entries_for(production, kind="Daily report")[0]
    assert entry.who == manager.display_name
    assert entry.reason.startswith(
        f"Daily report for day 1 signed off by {manager.display_name}; board: 1 scene shot "
        "(1 3/8 pp); sc. 2 partly shot (3/8 pp), to day 2 with 1/8 pp left; hot cost frozen"
    )
    assert "e-mailed to the producer's list (1 address)" in entry.reason
    # Each scene's own entry says what moved, as the board recorded it.
    scenes = reasons(production, "Scene")
    assert "Scene 2: 3/8 of 4/8 pp shot; the remaining 1/8 pp go to day 2" in scenes
    assert any(r.startswith("Scene 1 shot on day 1 (1 3/8 pp)") for r in scenes)


def test_a_scene_not_shot_goes_back_to_the_bin_in_the_signing_words(production, report, manager):
    two = report.scenes.order_by("order")[1]
    two.status, two.eighths_shot = "not_shot", 0
    two.save()

    sign(report, manager)

    assert "sc. 2 not shot, back to the bin with 4/8 pp left" in reasons(production)[0]


def test_each_e_mail_of_the_signed_report_is_in_the_audit_trail(
    production, report, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign(report, manager)

    assert f"Daily report for day 1 e-mailed to {manager.email}" in reasons(production)


def test_working_the_hot_cost_out_again_says_how_much_it_moved(client, production, report, ap):
    save(report, fields={"remarks": "first"})
    CostItem.objects.create(report=report, description="Generator", actual=Decimal("80.00"))
    client.force_login(ap)

    client.post(reverse("hot_costs:refresh", args=[production.slug, report.pk]))

    entry = entries_for(production, kind="Daily report")[0]
    assert entry.who == ap.display_name
    assert entry.reason.startswith("Hot cost for day 1 worked out again: actual ")
    assert "(+$80.00)" in entry.reason and "planned" in entry.reason
