"""Globals: named values that line formulas read, each a number or a formula of other globals.

Changing one works out again, in order, the globals whose formulas read it and then every line
that reads any of them.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from apps.budgets import engine
from apps.budgets.models import BudgetVersion, DetailLine, Global
from apps.budgets.services.editing import (
    GLOBAL_FOLLOWS_SCHEDULE,
    GLOBAL_IN_USE,
    GLOBAL_NAME_INVALID,
    GLOBAL_NAME_PATTERN,
    GLOBAL_NEEDS_VALUE,
    BudgetError,
    _require_unlocked,
    global_values,
    quantity,
    recompute_lines,
)

FORMULA_CYCLE = "{name} cannot be worked out from itself ({path})."


def lines_using(version: BudgetVersion, name: str):
    return DetailLine.objects.filter(budget_version=version, uses__contains=f" {name} ")


@transaction.atomic
def global_set(
    *,
    version: BudgetVersion,
    name: str,
    value: Decimal | None = None,
    formula: str = "",
    description: str | None = None,
) -> Global:
    """Create or change a global (a number, or a formula of other globals) and recompute every
    global and line that reads it.

    A formula that no longer evaluates (e.g. division by a global now zero) refuses the change.
    """
    _require_unlocked(version)
    name = name.strip().upper()
    formula = (formula or "").strip()
    if not GLOBAL_NAME_PATTERN.fullmatch(name):
        raise BudgetError(GLOBAL_NAME_INVALID, field="name")
    item = Global.objects.select_for_update().filter(budget_version=version, name=name).first()
    if item is None:
        item = Global(production=version.production, budget_version=version, name=name)
    elif item.follows_schedule:
        raise BudgetError(
            GLOBAL_FOLLOWS_SCHEDULE.format(name=name, source=item.link_source), field="value"
        )
    if formula:
        check_no_cycle(version, name, formula)
        try:
            value = engine.evaluate(formula, global_values(version))
        except engine.FormulaError as error:
            raise BudgetError(str(error), field="value") from None
    if value is None:
        raise BudgetError(GLOBAL_NEEDS_VALUE, field="value")
    item.value = quantity(value)
    item.formula = formula
    if description is not None:
        item.description = description
    item.save()
    reason = f"{name} changed"
    try:
        recompute_lines(lines_using(version, name), version, reason)
        recompute_dependents(version, name, reason)
    except BudgetError as error:
        raise BudgetError(f"{name} = {value} breaks a line: {error.message}", "value") from None
    return item


@transaction.atomic
def global_delete(*, item: Global) -> None:
    _require_unlocked(item.budget_version)
    count = lines_using(item.budget_version, item.name).count()
    if count:
        raise BudgetError(GLOBAL_IN_USE.format(name=item.name, count=count))
    item.delete()


def dependents_in_order(version: BudgetVersion, changed: str) -> list[Global]:
    """Globals whose formulas read `changed` (directly or through each other), in the order they
    must be worked out."""
    items = {g.name: g for g in Global.objects.filter(budget_version=version).exclude(formula="")}
    ordered: list[Global] = []
    seen: set[str] = set()

    def visit(name: str) -> None:
        for item in items.values():
            if item.name in seen or name not in engine.names_used(item.formula):
                continue
            seen.add(item.name)
            ordered.append(item)
            visit(item.name)

    visit(changed)
    return ordered


def check_no_cycle(version: BudgetVersion, name: str, formula: str) -> None:
    formulas = dict(
        Global.objects.filter(budget_version=version)
        .exclude(formula="")
        .values_list("name", "formula")
    )
    formulas[name] = formula

    def walk(current: str, path: list[str]) -> None:
        formula = formulas.get(current, "")
        for used in sorted(engine.names_used(formula) if formula else ()):
            if used == name:
                raise BudgetError(
                    FORMULA_CYCLE.format(name=name, path=" -> ".join([*path, used])),
                    field="value",
                )
            if used not in path:
                walk(used, [*path, used])

    walk(name, [name])


def recompute_dependents(version: BudgetVersion, changed: str, reason: str) -> None:
    """Work out again the globals that are formulas of `changed`, then the lines that read any
    of them."""
    for item in dependents_in_order(version, changed):
        names = global_values(version)
        try:
            value = quantity(engine.evaluate(item.formula, names))
        except engine.FormulaError as error:
            raise BudgetError(f"{item.name} = {item.formula}: {error}", field="value") from None
        if value == item.value:
            continue
        item.value = value
        item._change_reason = reason
        item.save(update_fields=["value"])
        recompute_lines(lines_using(version, item.name), version, reason)
