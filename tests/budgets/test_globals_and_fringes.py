from decimal import Decimal

import pytest
from django.urls import reverse

from apps.budgets.models import DetailLine, Global
from apps.budgets.queries import top_sheet
from apps.budgets.services import budget_globals, editing, versions
from apps.budgets.services.editing import GLOBAL_FOLLOWS_SCHEDULE, BudgetError
from apps.productions.signals import shoot_days_changed
from tests.budgets.factories import add_line, budget_from_template, fringe_ids

pytestmark = pytest.mark.django_db


def test_changing_a_global_recomputes_every_line_that_uses_it_and_no_other(production):
    version = budget_from_template(production)
    uses = add_line(version, "3201", x="SHOOT_DAYS + 2", rate="100")
    other = add_line(version, "3201", x="PREP_WEEKS", rate="100")
    budget_globals.global_set(version=version, name="SHOOT_DAYS", value=Decimal(30))
    uses.refresh_from_db()
    other.refresh_from_db()
    assert (uses.x, uses.total) == (Decimal(32), Decimal("3200.00"))
    assert other.total == Decimal("800.00")
    assert top_sheet(version).accounts[uses.account_id].subtotal == Decimal("4000.00")


def test_a_global_change_that_breaks_a_line_is_refused_and_nothing_moves(production):
    version = budget_from_template(production)
    line = add_line(version, "3201", x="10 / (SHOOT_DAYS - 25 + 1)", rate="100")
    with pytest.raises(BudgetError, match="Division by zero"):
        budget_globals.global_set(version=version, name="SHOOT_DAYS", value=Decimal(24))
    assert version.globals.get(name="SHOOT_DAYS").value == 25
    line.refresh_from_db()
    assert line.total == Decimal("1000.00")


def linked_budget(production, name="Production budget"):
    return versions.budget_create_from_template(
        production=production, budget_name=name, template_key="feature", follow_schedule=True
    )


def test_the_schedule_signal_moves_shoot_days_on_unlocked_versions_only(production):
    working = linked_budget(production)
    line = add_line(working, "3201", x="SHOOT_DAYS", rate="650")
    locked = linked_budget(production, name="Approved")
    add_line(locked, "3201", x="SHOOT_DAYS", rate="650")
    versions.version_approve(version=locked)

    shoot_days_changed.send(sender=None, production=production, shoot_days=28)

    shoot_days = working.globals.get(name="SHOOT_DAYS")
    assert (shoot_days.value, shoot_days.follows_schedule) == (28, True)
    line.refresh_from_db()
    assert line.total == Decimal("18200.00")
    assert locked.globals.get(name="SHOOT_DAYS").value == 25
    assert DetailLine.objects.get(budget_version=locked).total == Decimal("16250.00")


def test_shoot_days_that_follow_the_schedule_are_read_only(client, production, ap):
    version = linked_budget(production)
    shoot_days_changed.send(sender=None, production=production, shoot_days=22)
    with pytest.raises(BudgetError) as error:
        budget_globals.global_set(version=version, name="SHOOT_DAYS", value=Decimal(30))
    assert error.value.message == GLOBAL_FOLLOWS_SCHEDULE.format(
        name="SHOOT_DAYS", source="the schedule"
    )
    client.force_login(ap)
    page = client.get(reverse("budgets:globals", args=[production.slug, version.id]))
    assert "follows the schedule" in page.content.decode()
    assert (
        'id="g-' + str(version.globals.get(name="SHOOT_DAYS").id) + '"' not in page.content.decode()
    )


def test_a_global_in_use_cannot_be_deleted(production):
    version = budget_from_template(production)
    add_line(version, x="WRAP_WEEKS")
    with pytest.raises(BudgetError, match="used by 1 line"):
        budget_globals.global_delete(item=version.globals.get(name="WRAP_WEEKS"))


def test_globals_can_be_added_and_changed_from_the_page(client, production, ap):
    version = budget_from_template(production)
    client.force_login(ap)
    url = reverse("budgets:global_save", args=[production.slug, version.id])
    client.post(url, {"name": "travel_days", "value": "4", "description": "Travel"})
    assert Global.objects.get(budget_version=version, name="TRAVEL_DAYS").value == 4


def test_fringes_roll_up_to_accounts_categories_sections_and_the_top_sheet(production):
    version = budget_from_template(production)
    fica, union = fringe_ids(version, "FICA", "UNION_DAY")
    add_line(version, "3301", amount="1", x="10", rate="500", fringes=[fica])  # 5000, FICA 310
    add_line(version, "1401", amount="2", x="5", rate="100", fringes=[union])  # flat per unit
    sheet = top_sheet(version)
    union_rate = version.fringes.get(code="UNION_DAY").rate
    union_amount = (union_rate * 10).quantize(Decimal("0.01"))
    assert {f.code: a for f, a in sheet.fringes}["FICA"] == Decimal("310.00")
    production_section = next(s for s in sheet.sections if s.number == "PRODUCTION")
    assert production_section.fringes == Decimal("310.00")
    assert sheet.totals.budget.fringes == Decimal("310.00") + union_amount


def test_a_fringe_cutoff_applies_per_line(production):
    version = budget_from_template(production)
    fica = version.fringes.get(code="FICA")
    editing.fringe_save(
        version=version,
        fringe=fica,
        code="FICA",
        name="FICA",
        kind="percent",
        rate=Decimal("6.2"),
        cutoff=Decimal(1000),
    )
    line = add_line(version, rate="5000", fringes=[fica.id])
    assert line.fringe_total == Decimal("62.00")


def test_changing_a_fringe_rate_recomputes_its_lines(client, production, ap):
    version = budget_from_template(production)
    fica = version.fringes.get(code="FICA")
    line = add_line(version, rate="1000", fringes=[fica.id])
    client.force_login(ap)
    client.post(
        reverse("budgets:fringe_save", args=[production.slug, version.id]),
        {"fringe_id": fica.id, "code": "FICA", "name": "FICA", "kind": "percent", "rate": "10"},
    )
    line.refresh_from_db()
    assert line.fringe_total == Decimal("100.00")


def test_markups_apply_to_their_chosen_sections(client, production, ap):
    version = budget_from_template(production)
    add_line(version, "1202", rate="10000")  # ATL
    add_line(version, "3301", rate="20000")  # PRODUCTION
    version.markups.all().delete()
    client.force_login(ap)
    client.post(
        reverse("budgets:markup_save", args=[production.slug, version.id]),
        {"name": "Overhead", "percent": "5", "sections": ["PRODUCTION"]},
    )
    sheet = top_sheet(version)
    assert [(m.name, a) for m, a in sheet.markups] == [("Overhead", Decimal("1000.00"))]
    assert sheet.grand_total == Decimal("31000.00")


def test_a_second_markup_of_the_same_name_is_refused_with_a_message(client, production, ap):
    """It was a server error (the database's unique constraint) before."""
    version = budget_from_template(production)
    client.force_login(ap)
    url = reverse("budgets:markup_save", args=[production.slug, version.id])
    client.post(url, {"name": "Completion fee", "percent": "5", "sections": ["PRODUCTION"]})
    response = client.post(
        url, {"name": "Completion fee", "percent": "7", "sections": ["ATL"]}, follow=True
    )
    assert response.status_code == 200
    assert "already has a markup named “Completion fee”" in response.content.decode()
    assert [(m.name, m.percent) for m in version.markups.filter(name="Completion fee")] == [
        ("Completion fee", Decimal("5"))
    ]
