"""PREP_WEEKS and WRAP_WEEKS may follow the production's dates, exactly as SHOOT_DAYS follows the
schedule: only where the version chose it, with a notice and audit words giving the change in
money, and never in a submitted or approved version."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.budgets.models import Global, LinkNotice
from apps.budgets.queries import top_sheet
from apps.budgets.services import links, versions
from apps.budgets.services.editing import BudgetError
from apps.productions import services as production_services
from tests.budgets.factories import add_line, budget_from_template

pytestmark = pytest.mark.django_db

FIRST_SHOOT = date(2030, 3, 4)


@pytest.fixture
def dated(production):
    production.prep_start = date(2029, 12, 24)  # 70 days before the first shoot day: 10 weeks
    production.first_shoot_day = FIRST_SHOOT
    production.wrap_date = date(2030, 4, 12)
    production.wrap_end = date(2030, 4, 26)  # 14 days after the last shoot day: 2 weeks
    production.save()
    return production


def make_version(production, name="Production budget"):
    version = budget_from_template(production, name=name)  # PREP_WEEKS 8, WRAP_WEEKS 2
    add_line(version, "2001", description="UPM prep", x="PREP_WEEKS", rate="3000", units="weeks")
    add_line(version, "2001", description="UPM wrap", x="WRAP_WEEKS", rate="3000", units="weeks")
    return version


def value(version, name):
    return Global.objects.get(budget_version=version, name=name).value


def item(version, name):
    return Global.objects.get(budget_version=version, name=name)


def move_dates(production, **dates):
    for field, day in dates.items():
        setattr(production, field, day)
    production_services.production_settings_save(
        production=production, expected_version=production.version
    )


def test_weeks_come_from_the_production_dates(dated):
    assert links.weeks_from_dates(dated) == {
        "PREP_WEEKS": Decimal("10.00"),
        "WRAP_WEEKS": Decimal("2.00"),
    }
    dated.wrap_end = None
    dated.prep_start = date(2030, 2, 1)  # 31 days: 4.43 weeks
    assert links.weeks_from_dates(dated) == {"PREP_WEEKS": Decimal("4.43"), "WRAP_WEEKS": None}


def test_linking_prep_weeks_takes_the_dates_at_once_and_says_what_it_cost(dated):
    version = make_version(dated)
    before = top_sheet(version).grand_total
    notice = links.global_link(item=item(version, "PREP_WEEKS"), follows=True)
    assert value(version, "PREP_WEEKS") == Decimal(10)
    after = top_sheet(version).grand_total
    assert (notice.total_before, notice.total_after) == (before, after)
    assert after - before > Decimal(6000)  # 2 more weeks at 3,000, and the markups on them
    words = links.notice_words(notice)
    assert words.startswith("PREP_WEEKS 8 -> 10 from the production's dates: +$")
    reasons = item(version, "PREP_WEEKS").history.values_list("history_change_reason", flat=True)
    assert words in reasons


def test_moving_the_dates_moves_only_linked_globals_of_working_versions(dated):
    linked = make_version(dated)
    own = make_version(dated, name="Own values")
    submitted = make_version(dated, name="Submitted")
    for version in (linked, submitted):
        for name in ("PREP_WEEKS", "WRAP_WEEKS"):
            links.global_link(item=item(version, name), follows=True)
    versions.version_submit(version=submitted)
    dated.refresh_from_db()
    move_dates(dated, prep_start=date(2029, 12, 17), wrap_end=date(2030, 5, 3))  # 11 and 3
    assert (value(linked, "PREP_WEEKS"), value(linked, "WRAP_WEEKS")) == (11, 3)
    assert (value(own, "PREP_WEEKS"), value(own, "WRAP_WEEKS")) == (8, 2)
    assert (value(submitted, "PREP_WEEKS"), value(submitted, "WRAP_WEEKS")) == (10, 2)
    notices = list(LinkNotice.objects.filter(budget_version=linked).order_by("id"))
    # Linking: PREP_WEEKS 8 -> 10 (WRAP_WEEKS was already 2); then the dates moved both.
    assert [(n.global_name, n.old_value, n.new_value) for n in notices] == [
        ("PREP_WEEKS", 8, 10),
        ("PREP_WEEKS", 10, 11),
        ("WRAP_WEEKS", 2, 3),
    ]
    # One more week at 3,000 each, with the template's markups (13.5%) on it.
    assert [n.change for n in notices[1:]] == [Decimal("3405.00"), Decimal("3405.00")]
    assert not LinkNotice.objects.filter(budget_version=own).exists()


def test_a_settings_edit_that_leaves_the_dates_alone_moves_nothing(dated):
    version = make_version(dated)
    links.global_link(item=item(version, "PREP_WEEKS"), follows=True)
    count = LinkNotice.objects.count()
    dated.refresh_from_db()
    dated.title = "Renamed"
    production_services.production_settings_save(production=dated, expected_version=dated.version)
    assert LinkNotice.objects.count() == count


def test_a_linked_week_count_cannot_be_typed_and_other_globals_cannot_link(dated):
    from apps.budgets.services import global_set
    from apps.budgets.services.editing import GLOBAL_FOLLOWS_SCHEDULE

    version = make_version(dated)
    links.global_link(item=item(version, "WRAP_WEEKS"), follows=True)
    with pytest.raises(BudgetError) as error:
        global_set(version=version, name="WRAP_WEEKS", value=Decimal(5))
    assert error.value.message == GLOBAL_FOLLOWS_SCHEDULE.format(
        name="WRAP_WEEKS", source="the production's dates"
    )
    with pytest.raises(BudgetError) as error:
        links.global_link(item=item(version, "PREP_DAYS"), follows=True)
    assert error.value.message == links.LINK_ONLY_SHOOT_DAYS


def test_the_settings_page_takes_the_end_of_wrap_and_moves_linked_weeks(
    client, dated, ap, django_capture_on_commit_callbacks
):
    version = make_version(dated)
    links.global_link(item=item(version, "WRAP_WEEKS"), follows=True)
    dated.refresh_from_db()
    client.force_login(ap)
    url = reverse("productions:settings", kwargs={"production_slug": dated.slug})
    payload = {
        "title": dated.title,
        "format": dated.format,
        "phase": dated.phase,
        "currency": dated.currency,
        "time_zone": dated.time_zone,
        "prep_start": "2029-12-24",
        "first_shoot_day": "2030-03-04",
        "wrap_date": "2030-04-12",
        "wrap_end": "2030-04-29",  # 17 days: 2.43 weeks
        "version": dated.version,
    }
    assert client.post(url, payload).status_code == 302
    assert value(version, "WRAP_WEEKS") == Decimal("2.43")
    page = client.get(reverse("budgets:globals", args=[dated.slug, version.id])).content.decode()
    assert "follows the production&#x27;s dates" in page or "follows the production's dates" in page
    refused = client.post(url, {**payload, "wrap_end": "2030-04-01", "version": dated.version + 1})
    assert "Wrap ends before the wrap date." in refused.content.decode()
