"""The one money column (MoneyField), the rate column (RateField), the money input
(MoneyFormField) and the one import path of the rounding rule."""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models

from apps.core.money import (
    MONEY_PLACES,
    MoneyField,
    MoneyFormField,
    RateField,
    currency_choices,
    format_amount,
    minor_units,
)

APPS = Path(__file__).resolve().parents[2] / "apps"

# Every other decimal column of the project, and why it is not money.
NOT_MONEY = {
    ("budgets", "fringe", "rate"): "percent, or amount per unit (6 places)",
    ("budgets", "global", "value"): "a global's value (6 places)",
    ("budgets", "linknotice", "old_value"): "a global's value before the schedule moved it",
    ("budgets", "linknotice", "new_value"): "a global's value after the schedule moved it",
    ("budgets", "markup", "percent"): "percent",
    ("budgets", "detailline", "amount"): "quantity typed as a formula",
    ("budgets", "detailline", "x"): "multiplier typed as a formula",
    ("budgets", "detailline", "rate"): "unit price typed as a formula (6 places)",
    ("budgets", "detailline", "exchange_rate"): "exchange rate",
    ("crew", "dealmemo", "guarantee"): "guaranteed units",
    ("crew", "dealmemo", "overtime_after"): "hours",
    ("crew", "dealmemo", "double_time_after"): "hours",
    ("crew", "dealmemo", "guaranteed_hours"): "hours",
    ("schedules", "location", "latitude"): "degrees",
    ("schedules", "location", "longitude"): "degrees",
    ("vendors", "vendorsettings", "rental_days_per_week"): "days",
    ("vendors", "purchaseorderline", "quantity"): "quantity",
    ("vendors", "purchaseorderline", "received_quantity"): "quantity",
    ("vendors", "linechange", "quantity"): "quantity",
    ("vendors", "linechange", "was_quantity"): "quantity",
    ("vendors", "rental", "days_per_week"): "days",
    ("budgets", "costperiodline", "markup_percent"): "a markup's percent as the period froze it",
    ("crew", "payrules", "meal_due_hours"): "hours",
    ("crew", "payrules", "sixth_day"): "a multiplier",
    ("crew", "payrules", "seventh_day"): "a multiplier",
    ("crew", "payrules", "week_overtime_after"): "hours",
    ("daily_reports", "sceneresult", "minutes"): "screen minutes",
    ("payroll", "timecardline", "hours"): "hours",
    ("payroll", "timecardday", "distance"): "miles or kilometres",
}


def test_every_decimal_column_is_money_a_rate_or_a_named_quantity():
    unknown = []
    for model in apps.get_models():
        if model._meta.app_label not in {
            "budgets",
            "crew",
            "schedules",
            "vendors",
            "callsheets",
            "daily_reports",
            "payroll",
        }:
            continue
        if model.__name__.startswith("Historical"):
            continue
        for field in model._meta.get_fields():
            if not isinstance(field, models.DecimalField):
                continue
            if isinstance(field, MoneyField | RateField):
                continue
            key = (model._meta.app_label, model._meta.model_name, field.name)
            if key not in NOT_MONEY:
                unknown.append(key)
    assert unknown == [], "a new decimal column: MoneyField, RateField, or say why in NOT_MONEY"


def test_a_money_column_holds_three_places_and_migrations_do_not_repeat_them():
    field = MoneyField(default=Decimal("0"))
    assert (field.max_digits, field.decimal_places) == (15, 3)
    _, path, args, kwargs = field.deconstruct()
    assert (path, args, kwargs) == ("apps.core.money.MoneyField", [], {"default": Decimal("0")})
    assert MoneyField(*args, **kwargs).decimal_places == 3
    with pytest.raises(TypeError):
        MoneyField(decimal_places=2)


def test_a_rate_column_keeps_four_places():
    field = RateField(null=True)
    assert (field.max_digits, field.decimal_places) == (12, 4)
    assert field.deconstruct()[3] == {"null": True}


def test_every_currency_offered_fits_the_money_column():
    codes = {code for code, _ in currency_choices()}
    assert {"KWD", "BHD", "OMR", "JOD", "TND", "USD", "JPY"} <= codes
    assert all(minor_units(code) <= MONEY_PLACES for code in codes)
    assert "CLF" not in codes  # 4 places: a unit of account, not a currency to budget in


@pytest.mark.parametrize(
    ("currency", "typed", "accepted"),
    [
        ("KWD", "1.235", Decimal("1.235")),
        ("KWD", "1.2355", None),
        ("USD", "1.23", Decimal("1.23")),
        ("USD", "1.230", Decimal("1.23")),  # a stored value shown back is not an extra place
        ("USD", "1.235", None),
        ("JPY", "1500", Decimal("1500")),
        ("JPY", "1500.00", Decimal("1500")),
        ("JPY", "1500.5", None),
    ],
)
def test_a_money_input_takes_exactly_the_currencys_places(currency, typed, accepted):
    field = MoneyFormField(currency=currency, required=False)
    if accepted is None:
        with pytest.raises(Exception, match="decimal place"):
            field.clean(typed)
    else:
        cleaned = field.clean(typed)
        assert cleaned == accepted and str(cleaned) == str(accepted)


def test_a_money_input_shows_a_stored_value_in_the_currencys_places():
    field = MoneyFormField(currency="USD")
    assert str(field.prepare_value(Decimal("250.000"))) == "250.00"
    assert str(field.prepare_value(Decimal("250.125"))) == "250.125"  # refused on save, not hidden
    assert field.widget.attrs["step"] == "0.01"
    assert MoneyFormField(currency="JPY").widget.attrs["step"] == "1"
    assert MoneyFormField(currency="KWD").widget.attrs["step"] == "0.001"


@pytest.mark.parametrize(
    ("currency", "value", "shown"),
    [("KWD", "1234.2345", "1,234.235"), ("USD", "1234.5", "1,234.50"), ("JPY", "1234.5", "1,235")],
)
def test_an_amount_is_shown_to_the_currencys_minor_unit(currency, value, shown):
    assert format_amount(Decimal(value), currency) == shown


def test_round_money_has_one_import_path():
    elsewhere = []
    for path in APPS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module != "apps.core.money":
                names = {alias.name for alias in node.names}
                if names & {"round_money", "minor_units"}:
                    elsewhere.append(f"{path.relative_to(APPS)}: from {node.module}")
    assert elsewhere == []
