"""Two versions side by side: money per category and account, markups, and their assumptions."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from apps.budgets import engine
from apps.budgets.models import (
    BudgetVersion,
    Fringe,
    Global,
    Markup,
)
from apps.budgets.queries.topsheet import TopSheet, top_sheet
from apps.core.money import round_money

# --- Comparison -----------------------------------------------------------------------------


@dataclass
class CompareRow:
    level: str  # "category", "account" or "markup"
    number: str
    name: str
    a: Decimal
    b: Decimal

    @property
    def difference(self) -> Decimal:
        return self.b - self.a


def compare(a: BudgetVersion, b: BudgetVersion) -> tuple[list[CompareRow], Decimal, Decimal]:
    """Per category and account (matched by number): A's total, B's total and B − A."""
    sheet_a, sheet_b = top_sheet(a), top_sheet(b)
    zero = round_money(0, a.currency)
    rows: list[CompareRow] = []

    def by_number(sheet: TopSheet):
        cats = {}
        for section in sheet.sections:
            for cat in section.children:
                cats[cat.number] = cat
        return cats

    cats_a, cats_b = by_number(sheet_a), by_number(sheet_b)
    for number in sorted(set(cats_a) | set(cats_b)):
        ca, cb = cats_a.get(number), cats_b.get(number)
        rows.append(
            CompareRow(
                "category",
                number,
                (cb or ca).name,
                ca.total if ca else zero,
                cb.total if cb else zero,
            )
        )
        accounts_a = {r.number: r for r in (ca.children if ca else [])}
        accounts_b = {r.number: r for r in (cb.children if cb else [])}
        for acc in sorted(set(accounts_a) | set(accounts_b)):
            ra, rb = accounts_a.get(acc), accounts_b.get(acc)
            rows.append(
                CompareRow(
                    "account",
                    acc,
                    (rb or ra).name,
                    ra.total if ra else zero,
                    rb.total if rb else zero,
                )
            )
    markups_a = {markup.name: amount for markup, amount in sheet_a.markups}
    markups_b = {markup.name: amount for markup, amount in sheet_b.markups}
    for name in [*markups_a, *(n for n in markups_b if n not in markups_a)]:
        rows.append(
            CompareRow("markup", "", name, markups_a.get(name, zero), markups_b.get(name, zero))
        )
    return rows, sheet_a.grand_total, sheet_b.grand_total


@dataclass
class SettingRow:
    kind: str  # "global", "fringe" or "markup"
    name: str
    a: str
    b: str

    @property
    def changed(self) -> bool:
        return self.a != self.b


def compare_settings(a: BudgetVersion, b: BudgetVersion) -> list[SettingRow]:
    """What the two versions assume: globals, fringes and markups, side by side."""

    def described(version: BudgetVersion) -> dict[tuple[str, str], str]:
        found = {}
        for item in Global.objects.filter(budget_version=version):
            found[("global", item.name)] = engine.plain_number(item.value) + (
                f" (= {item.formula})" if item.formula else ""
            )
        for fringe in Fringe.objects.filter(budget_version=version):
            unit = "%" if fringe.kind == "percent" else " per unit"
            text = f"{engine.plain_number(fringe.rate)}{unit}"
            if fringe.cutoff is not None:
                text += f" up to {engine.plain_number(fringe.cutoff)}"
            found[("fringe", f"{fringe.code} {fringe.name}")] = text
        for markup in Markup.objects.filter(budget_version=version):
            found[("markup", markup.name)] = (
                f"{engine.plain_number(markup.percent)}% of {', '.join(markup.sections)}"
            )
        return found

    in_a, in_b = described(a), described(b)
    keys = [*in_a, *(key for key in in_b if key not in in_a)]
    order = {"global": 0, "fringe": 1, "markup": 2}
    keys.sort(key=lambda key: (order[key[0]], key[1]))
    return [
        SettingRow(kind, name, in_a.get((kind, name), "—"), in_b.get((kind, name), "—"))
        for kind, name in keys
    ]
