from decimal import Decimal

import pytest
from django.urls import reverse

from apps.budgets import engine
from apps.budgets.models import Account, BudgetVersion, Category, DetailLine, VersionStatus
from apps.budgets.queries import compare, current_version, top_sheet
from apps.budgets.services import budget_globals, editing, versions
from apps.budgets.services.editing import BudgetError
from apps.productions.capabilities import Role
from tests.budgets.factories import add_line, budget_from_template, values
from tests.factories import member

pytestmark = pytest.mark.django_db


def test_a_budget_from_a_template_holds_its_chart_fringes_globals_and_four_markups(production):
    version = budget_from_template(production, "feature")
    template = engine.load_template("feature")
    assert Category.objects.filter(budget_version=version).count() == len(template["categories"])
    assert Account.objects.filter(budget_version=version).count() == sum(
        len(c["accounts"]) for c in template["categories"]
    )
    assert version.fringes.count() == len(template["fringes"])
    assert version.globals.get(name="SHOOT_DAYS").value == 25
    assert [m.name for m in version.markups.all()] == [
        "Contingency",
        "Insurance",
        "Overhead",
        "Completion bond",
    ]


@pytest.mark.parametrize("key", [t["key"] for t in engine.list_templates()])
def test_every_shipped_template_makes_a_budget(production, key):
    version = budget_from_template(production, key)
    assert top_sheet(version).grand_total == Decimal("0.00")


def test_a_copy_has_the_same_totals_and_its_own_lines(production):
    version = budget_from_template(production)
    fica = version.fringes.get(code="FICA")
    add_line(version, "2001", amount="2", x="SHOOT_DAYS", rate="350", fringes=[fica.id])
    copy = versions.version_copy(source=version, name="Revised")
    assert top_sheet(copy).grand_total == top_sheet(version).grand_total
    line = DetailLine.objects.get(budget_version=copy)
    assert line.fringes.get().budget_version == copy
    assert line.account.budget_version == copy


def test_a_locked_version_refuses_every_change(production):
    version = budget_from_template(production)
    line = add_line(version)
    versions.version_approve(version=version)
    with pytest.raises(BudgetError, match="locked"):
        add_line(version)
    with pytest.raises(BudgetError, match="locked"):
        editing.line_update(line=line, values=values(rate="5"), expected_version=line.version)
    with pytest.raises(BudgetError, match="locked"):
        budget_globals.global_set(version=version, name="SHOOT_DAYS", value=Decimal(30))


def test_a_locked_versions_page_offers_no_editing(client, production, producer):
    version = budget_from_template(production)
    line = add_line(version)
    versions.version_approve(version=version)
    client.force_login(producer)
    page = client.get(
        reverse("budgets:account", args=[production.slug, version.id, line.account_id])
    ).content.decode()
    assert "Add a line" not in page
    assert "Read-only" in page
    response = client.post(
        reverse("budgets:line_delete", args=[production.slug, version.id, line.id])
    )
    assert response.status_code == 302
    assert DetailLine.objects.filter(pk=line.pk).exists()


def test_a_copy_never_becomes_current_by_itself(production):
    first = budget_from_template(production)
    assert current_version(production) == first
    versions.version_copy(source=first, name="Second")
    assert current_version(production) == first  # was: the copy, silently


def test_current_is_what_the_producer_approved_or_someone_chose_whichever_came_last(production):
    first = budget_from_template(production)
    second = versions.version_copy(source=first, name="Second")
    versions.version_make_current(version=second)
    assert current_version(production) == second
    versions.version_approve(version=first)
    assert current_version(production) == first
    versions.version_make_current(version=second)
    assert current_version(production) == second


def test_make_current_is_a_button_for_those_who_edit_the_budget(client, production, ap, producer):
    first = budget_from_template(production)
    second = versions.version_copy(source=first, name="Second")
    url = reverse("budgets:version_make_current", args=[production.slug, second.id])
    client.force_login(member(production, Role.CREW))
    assert client.post(url).status_code == 403
    client.force_login(ap)
    client.post(url)
    assert current_version(production) == second
    page = client.get(reverse("budgets:versions", args=[production.slug])).content.decode()
    assert "Copying a version never changes it." in page


def test_a_submitted_version_is_read_only_until_approved_or_sent_back(
    client, production, ap, producer
):
    version = budget_from_template(production)
    line = add_line(version, "2001", rate="1000")
    versions.version_submit(version=version)
    with pytest.raises(BudgetError, match="submitted for approval"):
        editing.line_update(line=line, values=values(rate="900"), expected_version=line.version)
    with pytest.raises(BudgetError, match="submitted for approval"):
        budget_globals.global_set(version=version, name="SHOOT_DAYS", value=Decimal(30))
    client.force_login(ap)
    account_url = reverse("budgets:account", args=[production.slug, version.id, line.account_id])
    page = client.get(account_url).content.decode()
    assert "Read-only until the producer approves it or sends it back" in page
    assert reverse("budgets:line_edit", args=[production.slug, version.id, line.id]) not in page
    assert DetailLine.objects.get(pk=line.pk).rate == 1000

    send_back = reverse("budgets:version_return", args=[production.slug, version.id])
    assert client.post(send_back, {"note": "Too high"}).status_code == 403  # the AP cannot
    client.force_login(producer)
    client.post(send_back, {"note": ""})
    version.refresh_from_db()
    assert version.status == VersionStatus.SUBMITTED  # a note is required
    client.post(send_back, {"note": "Catering is too high; bring it under 30k."})
    version.refresh_from_db()
    assert (version.status, version.review_note) == (
        VersionStatus.WORKING,
        "Catering is too high; bring it under 30k.",
    )
    client.force_login(ap)
    page = client.get(reverse("budgets:top_sheet", args=[production.slug, version.id]))
    assert "Catering is too high; bring it under 30k." in page.content.decode()
    editing.line_update(line=line, values=values(rate="900"), expected_version=line.version)


def test_compare_shows_assumptions_and_its_rows_add_up_to_the_grand_totals(client, production, ap):
    version = budget_from_template(production)
    add_line(version, "2001", rate="1000")
    add_line(version, "3301", rate="500")
    revised = versions.version_copy(source=version, name="Revised")
    line = DetailLine.objects.get(budget_version=revised, account__number="2001")
    editing.line_update(line=line, values=values(rate="1250"), expected_version=line.version)
    editing.markup_save(
        version=revised,
        markup=revised.markups.get(name="Contingency"),
        name="Contingency",
        percent=Decimal("12.5"),
        sections=["ATL", "PRODUCTION", "POST", "OTHER"],
    )
    rows, total_a, total_b = compare(version, revised)
    summed = sum(r.difference for r in rows if r.level in ("category", "markup"))
    assert summed == total_b - total_a
    assert next(r for r in rows if r.level == "markup" and r.name == "Contingency").difference
    client.force_login(ap)
    url = reverse("budgets:compare", args=[production.slug])
    page = client.get(url + f"?a={version.id}&b={revised.id}&changed=1").content.decode()
    assert "12.5% of ATL, PRODUCTION, POST, OTHER" in page  # the changed markup
    assert "SHOOT_DAYS" not in page  # unchanged globals are left out with "changed only"
    assert "Markup: Contingency" in page
    everything = client.get(url + f"?a={version.id}&b={revised.id}").content.decode()
    assert "SHOOT_DAYS" in everything and "FICA" in everything


def test_only_producers_approve_and_aps_submit(client, production, ap, producer):
    version = budget_from_template(production)
    client.force_login(ap)
    url = reverse("budgets:version_approve", args=[production.slug, version.id])
    assert client.post(url).status_code == 403
    client.post(reverse("budgets:version_submit", args=[production.slug, version.id]))
    version.refresh_from_db()
    assert version.status == VersionStatus.SUBMITTED
    client.force_login(producer)
    client.post(url)
    version.refresh_from_db()
    assert version.is_locked


def test_comparing_two_versions_shows_both_totals_and_the_difference(client, production, ap):
    version = budget_from_template(production)
    add_line(version, "2001", rate="1000")
    revised = versions.version_copy(source=version, name="Revised")
    line = DetailLine.objects.get(budget_version=revised)
    editing.line_update(line=line, values=values(rate="1250"), expected_version=line.version)
    rows, total_a, total_b = compare(version, revised)
    account_row = next(r for r in rows if r.number == "2001")
    category_row = next(r for r in rows if r.number == "2000")
    assert (account_row.a, account_row.b, account_row.difference) == (
        Decimal("1000.00"),
        Decimal("1250.00"),
        Decimal("250.00"),
    )
    assert category_row.difference == Decimal("250.00")
    client.force_login(ap)
    page = client.get(
        reverse("budgets:compare", args=[production.slug]) + f"?a={version.id}&b={revised.id}"
    ).content.decode()
    assert "250.00" in page and "1,250.00" in page


def test_creating_a_budget_from_the_page_opens_its_top_sheet(client, production, ap):
    client.force_login(ap)
    response = client.post(
        reverse("budgets:budget_new", args=[production.slug]),
        {"budget_name": "Main", "version_name": "Working", "template": "commercial_aicp"},
    )
    version = BudgetVersion.objects.get(production=production)
    assert response["Location"] == reverse("budgets:top_sheet", args=[production.slug, version.id])


def test_accounts_can_be_added_renumbered_and_reordered(client, production, ap):
    version = budget_from_template(production)
    category = Category.objects.get(budget_version=version, number="2000")
    client.force_login(ap)
    client.post(
        reverse("budgets:account_new", args=[production.slug, version.id, category.id]),
        {"number": "2099", "name": "Office runner"},
    )
    new = Account.objects.get(budget_version=version, number="2099")
    assert list(category.accounts.all())[-1] == new
    client.post(
        reverse("budgets:account_move", args=[production.slug, version.id, new.id]),
        {"direction": "up"},
    )
    assert list(category.accounts.all())[-2] == new
    client.post(
        reverse("budgets:account_edit", args=[production.slug, version.id, new.id]),
        {"number": "2098", "name": "Runner"},
    )
    new.refresh_from_db()
    assert (new.number, new.name) == ("2098", "Runner")
    client.post(
        reverse("budgets:category_edit", args=[production.slug, version.id, category.id]),
        {"number": "2000", "name": "Production staff", "section": "PRODUCTION"},
    )
    category.refresh_from_db()
    assert category.name == "Production staff"


def test_a_template_can_start_a_new_version_of_an_existing_budget(production):
    first = budget_from_template(production)
    second = versions.budget_create_from_template(
        production=production,
        budget_name="Production budget",
        template_key="feature",
        version_name="Fresh start",
    )
    assert second.budget == first.budget
    with pytest.raises(BudgetError) as error:
        versions.budget_create_from_template(
            production=production,
            budget_name="Production budget",
            template_key="feature",
            version_name="Fresh start",
        )
    assert error.value.message == editing.VERSION_NAME_TAKEN
    assert BudgetVersion.objects.filter(budget=first.budget).count() == 2
