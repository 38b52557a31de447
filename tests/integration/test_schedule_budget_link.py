"""The schedule moves a budget only where that version chose to follow it, and says by how much.

Found on main: adding one shoot day to a new production whose budget was imported with
SHOOT_DAYS 25 set it to 1 on every unlocked version, a quarter of a million gone with only
"Day 1 added" shown.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.budgets.importers import import_budget
from apps.budgets.models import DetailLine, Global, LinkNotice
from apps.budgets.queries import top_sheet
from apps.budgets.services import BudgetError, global_set, links, versions
from apps.schedules.services.board import day_insert, days_append
from tests.budgets.factories import add_line, budget_from_template

pytestmark = pytest.mark.django_db

LINES = (
    "category_number,category_name,account_number,account_name,description,"
    "amount,units,x,rate,fringes\n"
    "3200,Electric,3201,Gaffer,Gaffer,1,days,SHOOT_DAYS,650,\n"
    '3600,Catering,3607,Catering,"Catering, ""hot"" lunch",45,days,SHOOT_DAYS,28,\n'
)


def imported(production):
    version, _ = import_budget(
        production=production,
        budget_name="Imported",
        version_name="v1",
        lines_file=SimpleUploadedFile("lines.csv", LINES.encode()),
        globals_file=SimpleUploadedFile("globals.csv", b"name,value\nSHOOT_DAYS,25\n"),
    )
    return version


def linked(production):
    return versions.budget_create_from_template(
        production=production,
        budget_name="Budget",
        template_key="feature",
        follow_schedule=True,
    )


def shoot_days(version) -> Decimal:
    return Global.objects.get(budget_version=version, name="SHOOT_DAYS").value


def test_an_imported_budget_keeps_its_shoot_days_when_the_schedule_adds_a_day(
    production, django_capture_on_commit_callbacks
):
    version = imported(production)
    before = top_sheet(version).grand_total
    with django_capture_on_commit_callbacks(execute=True):
        day_insert(production=production)
    assert shoot_days(version) == 25
    assert top_sheet(version).grand_total == before
    assert not LinkNotice.objects.exists()


def test_a_linked_version_follows_the_schedule_and_says_by_how_much(
    production, django_capture_on_commit_callbacks
):
    version = linked(production)
    with django_capture_on_commit_callbacks(execute=True):
        days_append(production=production, count=25)
    gaffer = add_line(version, "3201", description="Gaffer", x="SHOOT_DAYS", rate="650")
    before = top_sheet(version).grand_total
    with django_capture_on_commit_callbacks(execute=True):
        day_insert(production=production)
    assert shoot_days(version) == 26
    assert DetailLine.objects.get(pk=gaffer.pk).total == Decimal("16900.00")
    after = top_sheet(version).grand_total
    notice = LinkNotice.objects.get(budget_version=version, new_value=26)
    assert (notice.old_value, notice.total_before, notice.total_after) == (25, before, after)
    assert notice.change == after - before > 0
    # The audit trail says it in words, with the money.
    reason = (
        Global.history.filter(name="SHOOT_DAYS", budget_version_id=version.id)
        .order_by("-history_date", "-history_id")
        .first()
        .history_change_reason
    )
    assert reason == f"SHOOT_DAYS 25 -> 26 from the schedule: +${after - before:,}"


def test_the_budget_pages_show_the_change_until_read(
    production, ap_client, django_capture_on_commit_callbacks
):
    version = linked(production)
    with django_capture_on_commit_callbacks(execute=True):
        days_append(production=production, count=25)
    add_line(version, "3201", description="Gaffer", x="SHOOT_DAYS", rate="650")
    with django_capture_on_commit_callbacks(execute=True):
        day_insert(production=production)
    url = reverse(
        "budgets:top_sheet", kwargs={"production_slug": production.slug, "version_id": version.id}
    )
    page = ap_client.get(url).content.decode()
    assert "SHOOT_DAYS 25 -&gt; 26 from the schedule: +$" in page
    read = reverse(
        "budgets:link_notices_read",
        kwargs={"production_slug": production.slug, "version_id": version.id},
    )
    ap_client.post(read, {"next": url})
    assert "data-link-notice" not in ap_client.get(url).content.decode()


def test_submitted_and_approved_versions_never_move(production, django_capture_on_commit_callbacks):
    submitted = linked(production)
    versions.version_submit(version=submitted)
    approved = versions.budget_create_from_template(
        production=production, budget_name="Other", template_key="feature", follow_schedule=True
    )
    versions.version_approve(version=approved)
    with django_capture_on_commit_callbacks(execute=True):
        days_append(production=production, count=3)
    assert shoot_days(submitted) == shoot_days(approved) == 25
    assert not LinkNotice.objects.exists()


def test_following_the_schedule_is_the_versions_choice(
    production, django_capture_on_commit_callbacks
):
    version = imported(production)
    with django_capture_on_commit_callbacks(execute=True):
        days_append(production=production, count=20)
    assert shoot_days(version) == 25
    item = Global.objects.get(budget_version=version, name="SHOOT_DAYS")
    notice = links.global_link(item=item, follows=True)  # takes the schedule's count at once
    assert shoot_days(version) == 20
    lines = DetailLine.objects.filter(budget_version=version)
    assert sum(line.total for line in lines) == Decimal("650") * 20 + Decimal("45") * 28 * 20
    assert notice.change == top_sheet(version).grand_total - notice.total_before < 0
    with pytest.raises(BudgetError, match="follows the schedule"):
        global_set(version=version, name="SHOOT_DAYS", value=Decimal(30))
    links.global_link(item=Global.objects.get(pk=item.pk), follows=False)
    with django_capture_on_commit_callbacks(execute=True):
        day_insert(production=production)
    assert shoot_days(version) == 20


def test_a_global_may_be_a_formula_of_other_globals(production, django_capture_on_commit_callbacks):
    version = linked(production)
    line = add_line(version, "3607", description="Weekly", x="SHOOT_WEEKS", rate="1000")
    assert (
        Global.objects.get(budget_version=version, name="SHOOT_WEEKS").formula == "SHOOT_DAYS / 5"
    )
    with django_capture_on_commit_callbacks(execute=True):
        days_append(production=production, count=30)
    assert Global.objects.get(budget_version=version, name="SHOOT_WEEKS").value == 6
    assert DetailLine.objects.get(pk=line.pk).total == Decimal("6000.00")
    with pytest.raises(BudgetError, match="cannot be worked out from itself"):
        global_set(version=version, name="SHOOT_WEEKS", formula="SHOOT_WEEKS + 1")


def test_a_global_formula_is_typed_in_the_value_box(production, ap_client):
    version = budget_from_template(production)
    url = reverse(
        "budgets:global_save", kwargs={"production_slug": production.slug, "version_id": version.id}
    )
    ap_client.post(url, {"name": "PREP_DAYS", "value": "SHOOT_DAYS * 2", "description": ""})
    item = Global.objects.get(budget_version=version, name="PREP_DAYS")
    assert (item.formula, item.value) == ("SHOOT_DAYS * 2", 50)


def test_a_shoot_day_past_the_wrap_date_is_flagged_on_the_board(production):
    from datetime import date

    from apps.schedules.queries import board

    production.first_shoot_day = date(2027, 3, 1)  # a Monday
    production.wrap_date = date(2027, 3, 5)
    production.save()
    days_append(production=production, count=6)
    flagged = [c for c in board(production).conflicts if c.kind == "wrap"]
    assert [c.day.date for c in flagged] == [date(2027, 3, 8)]
    assert flagged[0].message == "Mon 08 Mar is after the production's wrap date (Fri 05 Mar)."
