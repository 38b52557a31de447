"""The production's pay rules page: read by whoever sees rates, changed by the office."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.crew.models import PayRules
from apps.productions.capabilities import Role
from tests.factories import member

pytestmark = pytest.mark.django_db

GOOD = {
    "meal_due_hours": "5.5",
    "meal_penalty": "30.00",
    "sixth_day": "1.5",
    "seventh_day": "2",
    "week_starts": "6",
}


def url(production) -> str:
    return reverse("crew:pay_rules", kwargs={"production_slug": production.slug})


def test_a_production_without_rules_pays_by_the_defaults_and_reading_writes_nothing(
    client, production
):
    client.force_login(member(production, Role.ACCOUNTANT))
    body = client.get(url(production)).content.decode()
    assert "These are the defaults" in body and "25.00" in body
    assert not PayRules.objects.exists()
    rules = PayRules.of(production).rules()
    assert (rules.meal_due_hours, rules.meal_penalty, rules.sixth_day, rules.seventh_day) == (
        Decimal("6"),
        Decimal("25.00"),
        Decimal("1.5"),
        Decimal("2"),
    )


def test_the_office_saves_the_rules_and_the_engine_reads_them(client, production):
    client.force_login(member(production, Role.ASSOCIATE_PRODUCER))
    assert client.post(url(production), GOOD).status_code == 302
    rules = PayRules.of(production)
    assert rules.week_starts == 6
    assert rules.rules().meal_penalty == Decimal("30.00")
    assert rules.rules().currency == production.currency


def test_a_premium_below_1x_or_a_penalty_finer_than_the_cent_is_refused(client, production):
    client.force_login(member(production, Role.PRODUCER))
    response = client.post(url(production), {**GOOD, "sixth_day": "0.5", "meal_penalty": "1.005"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"sixth_day", "meal_penalty"}
    assert not PayRules.objects.exists()


def test_who_reads_and_who_changes(client, production, outsider):
    for role, read, write in [
        (Role.ACCOUNTANT, 200, 403),
        (Role.PRODUCTION_MANAGER, 200, 403),
        (Role.DEPARTMENT_HEAD, 403, 403),
        (Role.CREW, 403, 403),
    ]:
        client.force_login(member(production, role))
        assert client.get(url(production)).status_code == read, role
        assert client.post(url(production), GOOD).status_code == write, role
    client.force_login(outsider)
    assert client.get(url(production)).status_code == 404
    assert not PayRules.objects.exists()


def test_a_change_of_the_rules_is_in_the_audit_log_in_words(client, production):
    from apps.productions.audit import entries_for

    client.force_login(member(production, Role.ASSOCIATE_PRODUCER))
    client.post(url(production), GOOD)
    client.post(url(production), {**GOOD, "sixth_day": "2"})
    client.post(url(production), {**GOOD, "sixth_day": "2"})  # the same again: nothing moves

    newest, first = entries_for(production, kind="Pay rules")
    assert first.reason == (
        "Pay rules set: meal due within 6h -> 5.5h; meal penalty $25.00 -> $30.00 a half hour; "
        "week starts Monday -> Sunday"
    )
    assert newest.reason == "Pay rules changed: sixth day 1.5x -> 2x"


def test_weekly_overtime_and_the_mileage_rate_saved_on_the_page_are_kept_and_said(
    client, production
):
    """The page offered weekly overtime but the save dropped it; the mileage rate is new."""
    from apps.productions.audit import entries_for

    client.force_login(member(production, Role.ASSOCIATE_PRODUCER))
    posted = {**GOOD, "week_overtime_after": "40", "mileage_rate": "0.67", "distance_unit": "mi"}
    assert client.post(url(production), posted).status_code == 302
    rules = PayRules.of(production).rules()
    assert rules.week_overtime_after == Decimal("40")
    assert (rules.mileage_rate, rules.distance_unit) == (Decimal("0.67"), "mi")
    (entry,) = entries_for(production, kind="Pay rules")
    assert "weekly overtime after none -> 40h" in entry.reason
    assert "mileage rate $0.00 -> $0.67 a mi" in entry.reason
