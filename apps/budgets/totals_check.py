"""Check the kept totals against the engine: everything worked out again from scratch.

From each line's typed formulas and the globals, the engine works out the line's quantities, its
total and each fringe's amount on it, then rolls them up (engine.rollup) to accounts,
categories, sections, fringes, markups and the version. Every number that differs from what is
kept is reported in words. ``manage.py check_budget_totals`` runs it; the property-based test and
CI run it after random writes and on the large demo.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from apps.budgets import engine
from apps.budgets.models import (
    Account,
    BudgetVersion,
    Category,
    DetailLine,
    Fringe,
    Global,
    LineFringe,
    Markup,
    Section,
)
from apps.budgets.services.editing import quantity


def differences(version: BudgetVersion) -> list[str]:
    """What the kept totals of the version say that the engine does not, one sentence each."""
    version = BudgetVersion.objects.select_related("budget").get(pk=version.pk)
    currency = version.currency
    found: list[str] = []

    def compare(what: str, kept, worked_out) -> None:
        if kept != worked_out:
            found.append(f"{version}: {what} is kept as {kept}, the engine says {worked_out}")

    names = dict(Global.objects.filter(budget_version=version).values_list("name", "value"))
    for item in Global.objects.filter(budget_version=version).exclude(formula=""):
        compare(f"global {item.name}", item.value, _evaluate(item.formula, names))
    fringes = {f.id: f for f in Fringe.objects.filter(budget_version=version)}
    rules = {
        f.code: engine.Fringe(f.code, f.name, f.kind, f.rate, f.cutoff) for f in fringes.values()
    }
    kept_amounts: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for line_id, fringe_id, amount in LineFringe.objects.filter(
        detailline__budget_version=version
    ).values_list("detailline_id", "fringe_id", "amount"):
        kept_amounts[line_id][fringes[fringe_id].code] = amount
    inputs: dict[int, list[engine.LineInput]] = defaultdict(list)
    for line in DetailLine.objects.filter(budget_version=version).order_by("id"):
        label = f"line {line.id} ({line.description!r})"
        worked = {}
        for field in ("amount", "x", "rate"):
            value = _evaluate(getattr(line, f"{field}_formula"), names)
            compare(f"{label} {field}", getattr(line, field), value)
            worked[field] = value if isinstance(value, Decimal) else getattr(line, field)
        codes = tuple(sorted(kept_amounts.get(line.id, {})))
        line_input = engine.LineInput(
            worked["amount"], worked["x"], worked["rate"], line.exchange_rate, codes
        )
        total = engine.line_total(line_input, currency)
        amounts = engine.fringe_amounts(line_input, total, rules, currency)
        compare(f"{label} total", line.total, total)
        compare(f"{label} fringes", line.fringe_total, engine.money_sum(amounts.values()))
        for code, amount in amounts.items():
            compare(f"{label} fringe {code}", kept_amounts[line.id][code], amount)
        inputs[line.account_id].append(line_input)
    _compare_rollup(version, inputs, rules, compare)
    return found


def _compare_rollup(version, inputs, rules, compare) -> None:
    categories = list(Category.objects.filter(budget_version=version))
    accounts = list(Account.objects.filter(budget_version=version))
    markups = list(Markup.objects.filter(budget_version=version))
    by_category: dict[int, list[Account]] = defaultdict(list)
    for account in accounts:
        by_category[account.category_id].append(account)
    sections = [
        engine.Section(
            code,
            tuple(
                engine.Category(
                    c.id,
                    tuple(
                        engine.Account(a.id, tuple(inputs.get(a.id, ()))) for a in by_category[c.id]
                    ),
                )
                for c in categories
                if c.section == code
            ),
        )
        for code in Section.values
    ]
    rollup = engine.rollup(
        sections,
        rules,
        [engine.Markup(m.name, m.percent, frozenset(m.sections)) for m in markups],
        version.currency,
    )
    for kind, rows, worked in (
        ("account", accounts, rollup.accounts),
        ("category", categories, rollup.categories),
    ):
        for row in rows:
            compare(f"{kind} {row.number} lines", row.subtotal, worked[row.id].subtotal)
            compare(f"{kind} {row.number} fringes", row.fringe_total, worked[row.id].fringes)
    for fringe in Fringe.objects.filter(budget_version=version):
        compare(f"fringe {fringe.code} total", fringe.total, rollup.fringes_by_code[fringe.code])
    for markup in markups:
        compare(f"markup {markup.name!r}", markup.amount, rollup.markups[markup.name])
    compare("the lines total", version.lines_total, rollup.budget.subtotal)
    compare("the fringes total", version.fringes_total, rollup.budget.fringes)
    compare("the markups total", version.markups_total, rollup.markup_total)


def _evaluate(formula: str, names: dict[str, Decimal]) -> Decimal | str:
    """The formula's value as stored (six places), or words saying why it does not work out."""
    try:
        return quantity(engine.evaluate(formula.strip(), names))
    except engine.FormulaError as error:
        return f"an error ({error})"
