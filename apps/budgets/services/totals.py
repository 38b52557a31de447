"""Kept budget totals: every total a report shows is stored, and updated in the transaction of
the write that changes it.

What is kept, and from what (each level from the one below it, never from the lines twice):

- a line's ``total`` and ``fringe_total``, and each fringe's ``amount`` on it (LineFringe):
  written with the line by the engine (editing.compute_line);
- an account's ``subtotal`` and ``fringe_total``: the sums of its lines';
- a category's: the sums of its accounts';
- a fringe's ``total``: the sum of its amounts on every line;
- a markup's ``amount``: its percentage of the (lines + fringes) totals of its sections, the
  sections being the sums of their categories, rounded once (engine.markup_amount);
- the version's ``lines_total``, ``fringes_total`` and ``markups_total``.

Sums are exact Decimal sums of rounded amounts, so the order they are taken in never matters and a
partial refresh equals a full one. ``manage.py check_budget_totals`` recomputes all of it from
the lines' typed inputs with the engine and reports any difference (apps/budgets/totals_check.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from apps.budgets import engine
from apps.budgets.models import (
    Account,
    BudgetVersion,
    Category,
    DetailLine,
    Fringe,
    LineFringe,
    Markup,
)
from apps.core.bulk import update_rows
from apps.core.money import round_money

Ids = Iterable[int] | None


def compute_line(line: DetailLine, fringes: Iterable[Fringe]) -> dict[str, Decimal]:
    """Set line.total and line.fringe_total with the engine's rounding rule (no save); returns
    each fringe's amount on the line by fringe code."""
    fringes = list(fringes)
    currency = line.budget_version.currency
    line_input = engine.LineInput(
        amount=line.amount,
        x=line.x,
        rate=line.rate,
        exchange_rate=line.exchange_rate,
        fringe_codes=tuple(f.code for f in fringes),
    )
    line.total = engine.line_total(line_input, currency)
    by_code = {f.code: engine_fringe(f) for f in fringes}
    amounts = engine.fringe_amounts(line_input, line.total, by_code, currency)
    line.fringe_total = engine.money_sum(amounts.values(), round_money(0, currency))
    return amounts


def engine_fringe(fringe: Fringe) -> engine.Fringe:
    return engine.Fringe(fringe.code, fringe.name, fringe.kind, fringe.rate, fringe.cutoff)


def refresh(version: BudgetVersion, *, accounts: Ids = None, fringes: Ids = None) -> None:
    """Bring the kept totals up to date after a write to the lines of `accounts` carrying
    `fringes` (ids; None means all of them, an empty set none). Markups and the version's totals
    are always worked out again: they are a handful of rows.

    Call it inside the write's transaction. It locks the version row first, so two writers to
    the same version add up one after the other and neither sums the other's old numbers.
    """
    list(BudgetVersion.objects.select_for_update().filter(pk=version.pk).values_list("pk"))
    zero = round_money(0, version.currency)
    account_ids = None if accounts is None else set(accounts)
    if account_ids is None or account_ids:
        _refresh_accounts(version, account_ids, zero)
    fringe_ids = None if fringes is None else set(fringes)
    if fringe_ids is None or fringe_ids:
        _refresh_fringes(version, fringe_ids, zero)
    _refresh_version(version, zero)


def _refresh_accounts(version: BudgetVersion, ids: set[int] | None, zero: Decimal) -> None:
    lines = DetailLine.objects.filter(budget_version=version)
    accounts = Account.objects.filter(budget_version=version)
    if ids is not None:
        lines, accounts = lines.filter(account_id__in=ids), accounts.filter(pk__in=ids)
    sums = _pair_sums(lines.values_list("account_id", "total", "fringe_total"), zero)
    changed = _keep(accounts.only("id", "category_id", "subtotal", "fringe_total"), sums, zero)
    if ids is None:  # everything: the categories too, whether or not an account moved
        _refresh_categories(version, None, zero)
    elif changed:
        _refresh_categories(version, {account.category_id for account in changed}, zero)


def _refresh_categories(version: BudgetVersion, ids: set[int] | None, zero: Decimal) -> None:
    accounts = Account.objects.filter(budget_version=version)
    categories = Category.objects.filter(budget_version=version)
    if ids is not None:
        accounts, categories = accounts.filter(category_id__in=ids), categories.filter(pk__in=ids)
    sums = _pair_sums(accounts.values_list("category_id", "subtotal", "fringe_total"), zero)
    _keep(categories.only("id", "subtotal", "fringe_total"), sums, zero)


def _pair_sums(rows, zero: Decimal) -> dict[int, tuple[Decimal, Decimal]]:
    """(key, lines, fringes) rows summed by key."""
    sums: dict[int, list[Decimal]] = defaultdict(lambda: [zero, zero])
    for key, subtotal, fringe_total in rows:
        pair = sums[key]
        pair[0] += subtotal
        pair[1] += fringe_total
    return {key: (pair[0], pair[1]) for key, pair in sums.items()}


def _keep(rows, sums: dict[int, tuple[Decimal, Decimal]], zero: Decimal) -> list:
    """Store each account's or category's (subtotal, fringe_total) sum where it changed."""
    changed = []
    for row in rows:
        pair = sums.get(row.id, (zero, zero))
        if (row.subtotal, row.fringe_total) != pair:
            row.subtotal, row.fringe_total = pair
            changed.append(row)
    if changed:
        update_rows(type(changed[0]), changed, ["subtotal", "fringe_total"])
    return changed


def _refresh_fringes(version: BudgetVersion, ids: set[int] | None, zero: Decimal) -> None:
    amounts = LineFringe.objects.filter(fringe__budget_version=version)
    fringes = Fringe.objects.filter(budget_version=version)
    if ids is not None:
        amounts, fringes = amounts.filter(fringe_id__in=ids), fringes.filter(pk__in=ids)
    sums: dict[int, Decimal] = defaultdict(lambda: zero)
    for fringe_id, amount in amounts.values_list("fringe_id", "amount"):
        sums[fringe_id] += amount
    changed = []
    for fringe in fringes.only("id", "total"):
        total = sums.get(fringe.id, zero)
        if fringe.total != total:
            fringe.total = total
            changed.append(fringe)
    update_rows(Fringe, changed, ["total"])


def section_totals(version: BudgetVersion, zero: Decimal) -> dict[str, engine.Totals]:
    """Each section's (lines, fringes), summed from its categories' kept totals (one query)."""
    sums: dict[str, list[Decimal]] = {code: [zero, zero] for code in engine.SECTION_CODES}
    for section, subtotal, fringe_total in Category.objects.filter(
        budget_version=version
    ).values_list("section", "subtotal", "fringe_total"):
        sums[section][0] += subtotal
        sums[section][1] += fringe_total
    return {code: engine.Totals(*pair) for code, pair in sums.items()}


def _refresh_version(version: BudgetVersion, zero: Decimal) -> None:
    sections = section_totals(version, zero)
    changed, markups_total = [], zero
    for markup in Markup.objects.filter(budget_version=version):
        rule = engine.Markup(markup.name, markup.percent, frozenset(markup.sections))
        amount = engine.markup_amount(rule, sections, version.currency)
        markups_total += amount
        if markup.amount != amount:
            markup.amount = amount
            changed.append(markup)
    update_rows(Markup, changed, ["amount"])
    kept = {
        "lines_total": engine.money_sum((t.subtotal for t in sections.values()), zero),
        "fringes_total": engine.money_sum((t.fringes for t in sections.values()), zero),
        "markups_total": markups_total,
    }
    BudgetVersion.objects.filter(pk=version.pk).update(**kept)
    for name, value in kept.items():
        setattr(version, name, value)


def rework(version: BudgetVersion) -> None:
    """Every line's total and fringe amounts worked out again from its stored quantities (not
    its formulas), then every kept total: for rows that come from elsewhere, such as a restored
    archive written before the amounts were kept. Changes no typed value and writes no history."""
    rows_by_line: dict[int, list[LineFringe]] = defaultdict(list)
    for row in LineFringe.objects.filter(detailline__budget_version=version).select_related(
        "fringe"
    ):
        rows_by_line[row.detailline_id].append(row)
    lines, rows = [], []
    for line in DetailLine.objects.filter(budget_version=version):
        line.budget_version = version
        amounts = compute_line(line, [row.fringe for row in rows_by_line[line.id]])
        lines.append(line)
        for row in rows_by_line[line.id]:
            row.amount = amounts[row.fringe.code]
            rows.append(row)
    update_rows(DetailLine, lines, ["total", "fringe_total"])
    update_rows(LineFringe, rows, ["amount"])
    refresh(version)


def production_restored_receiver(sender, *, production, **kwargs) -> None:
    """A restored production's budgets: every total worked out again from its lines."""
    for version in BudgetVersion.objects.filter(production=production):
        rework(version)
