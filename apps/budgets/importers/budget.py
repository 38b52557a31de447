"""The budget import: lines, accounts, fringes, globals and markups, validated whole, then written.

The lines are read as typed: ``amount_formula`` (``SHOOT_WEEKS + 2``) when the file has that
column, else ``amount`` (so both the app's own detail export and a hand-made lines file import);
the same for x and rate. The detail export's other columns (totals, fringe amounts) are what the
version worked out and are not read: the import works everything out again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from apps.budgets import engine
from apps.budgets.importers.budget_files import (
    budget_tables,
    parse_fringes,
    parse_globals,
    parse_markups,
    section_code,
)
from apps.budgets.importers.common import (
    ACCOUNT_CLASH,
    CATEGORY_NAME_CLASH,
    EMPTY,
    LINE_COLUMNS,
    NO_SECTION,
    SECTION_CLASH,
    SECTION_RULE,
    UNKNOWN_FRINGE,
    UNKNOWN_UNITS,
    ImportFailed,
    RowError,
    _decimal,
    table_rows,
)
from apps.budgets.models import (
    Account,
    Budget,
    BudgetVersion,
    Category,
    DetailLine,
    Fringe,
    Global,
    LineFringe,
    Section,
    Units,
)
from apps.budgets.services import editing
from apps.budgets.services.editing import BudgetError, LineValues
from apps.budgets.services.totals import refresh as refresh_totals
from apps.core.money import minor_units, round_money

ACCOUNT_COLUMNS = ["category_number", "account_number"]  # the accounts table's required columns
_section = section_code  # the name this module's callers know


# --- Budgets -------------------------------------------------------------------------------------


@dataclass
class BudgetImport:
    """A validated import, ready to write."""

    globals: dict[str, Decimal] = field(default_factory=dict)
    fringes: list[dict] = field(default_factory=list)
    markups: list[dict] = field(default_factory=list)
    categories: dict[str, dict] = field(default_factory=dict)
    lines: list[tuple[str, LineValues]] = field(default_factory=list)
    sections_by_rule: bool = False
    global_details: dict[str, dict] = field(default_factory=dict)  # name -> formula, description
    account_fringes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # default fringes

    @property
    def counts(self) -> dict[str, int]:
        accounts = sum(len(c["accounts"]) for c in self.categories.values())
        return {
            "categories": len(self.categories),
            "accounts": accounts,
            "lines": len(self.lines),
            "fringes": len(self.fringes),
            "globals": len(self.globals),
            "markups": len(self.markups),
        }

    def summary(self) -> list[str]:
        """Everything the import creates, in words: nothing else is added."""
        said = [
            "{lines} lines in {accounts} accounts and {categories} categories.".format(
                **self.counts
            )
        ]
        for number, category in self.categories.items():
            said.append(f"Category {number} {category['name']}: {category['section']}.")
        if self.sections_by_rule:
            said.append(SECTION_RULE)
        for name, value in self.globals.items():
            said.append(f"Global {name} = {engine.plain_number(value)}.")
        for fringe in self.fringes:
            said.append(
                f"Fringe {fringe['code']} {fringe['name']}: {fringe['rate']} {fringe['kind']}."
            )
        for markup in self.markups:
            said.append(
                f"Markup {markup['name']}: {markup['percent']}% of {', '.join(markup['sections'])}."
            )
        if not self.markups:
            said.append("No markups (none were in the files).")
        return said


def section_by_number(number: str) -> str:
    """The one rule for a file without a section column: the feature chart's number ranges."""
    digits = "".join(ch for ch in number if ch in "0123456789")
    value = int(digits[:4].ljust(4, "0")) if digits else 2000
    if value < 2000:
        return Section.ATL
    if value < 4000:
        return Section.PRODUCTION
    if value < 5000:
        return Section.POST
    return Section.OTHER


class _Places:
    """Where each category and account goes, checked row by row (accounts table, then lines)."""

    def __init__(self, plan: BudgetImport) -> None:
        self.plan = plan
        self.account_category: dict[str, str] = {}

    def place(self, row: dict[str, str], has_section: bool, columns: tuple[str, ...]) -> str:
        """The row's account number, its category and account made or checked."""
        for column in columns:
            if not row[column]:
                raise ValueError(EMPTY.format(column=column))
        cat_no, acc_no = row["category_number"], row["account_number"]
        section = section_code(row["section"]) if has_section and row["section"] else None
        category = self.plan.categories.get(cat_no)
        name = row.get("category_name", "")
        if category is None:
            if has_section and section is None:
                raise ValueError(NO_SECTION.format(number=cat_no))
            category = self.plan.categories[cat_no] = {
                "name": name or cat_no,
                "section": section or section_by_number(cat_no),
                "accounts": {},
            }
        elif name and name != category["name"]:
            raise ValueError(CATEGORY_NAME_CLASH.format(number=cat_no, first=category["name"]))
        elif section and section != category["section"]:
            raise ValueError(SECTION_CLASH.format(number=cat_no, first=category["section"]))
        if self.account_category.setdefault(acc_no, cat_no) != cat_no:
            raise ValueError(
                ACCOUNT_CLASH.format(number=acc_no, first=self.account_category[acc_no])
            )
        category["accounts"].setdefault(acc_no, row.get("account_name", "") or acc_no)
        return acc_no


def _codes(text: str, known: set[str]) -> tuple[str, ...]:
    codes = tuple(c.strip().upper() for c in text.split(";") if c.strip())
    for code in codes:
        if code not in known:
            raise ValueError(UNKNOWN_FRINGE.format(code=code))
    return codes


def _line_currency(row: dict[str, str], currency: str) -> tuple[str, Decimal]:
    """The line's own currency and its exchange rate into the budget's (the same: 1)."""
    own = (row.get("currency") or currency).upper()
    if own != currency:
        minor_units(own)  # ValueError naming an unknown code
    rate = editing.quantity(_decimal(row.get("exchange_rate") or "1", "exchange_rate"))
    if rate <= 0:
        raise ValueError(editing.EXCHANGE_RATE_POSITIVE)
    if own == currency and rate != 1:
        raise ValueError(editing.SAME_CURRENCY_RATE)
    return own, rate


def validate_budget(
    lines_file, fringes_file=None, globals_file=None, currency="USD", markups_file=None
) -> BudgetImport:
    plan = BudgetImport()
    errors: list[RowError] = []
    tables = budget_tables(
        lines_file, {"fringes": fringes_file, "globals": globals_file, "markups": markups_file}
    )
    if "markups" in tables:
        plan.markups, found = parse_markups(tables["markups"])
        errors += found
    if "globals" in tables:
        plan.globals, plan.global_details, found = parse_globals(tables["globals"])
        errors += found
    if "fringes" in tables:
        plan.fringes, found = parse_fringes(tables["fringes"])
        errors += found
    codes = {f["code"] for f in plan.fringes}
    places = _Places(plan)
    with_section = False
    if "accounts" in tables:
        rows = table_rows(tables["accounts"], "accounts", ACCOUNT_COLUMNS)
        has_section = any("section" in row for _, row in rows[:1])
        with_section |= has_section
        for line, row in rows:
            try:
                acc_no = places.place(row, has_section, ("category_number", "account_number"))
                plan.account_fringes[acc_no] = _codes(row.get("default_fringes", ""), codes)
            except ValueError as error:
                errors.append(RowError("accounts", line, str(error)))
    units = {u.value: u.value for u in Units} | {u.label.lower(): u.value for u in Units}
    line_rows = table_rows(tables["lines"], "lines", LINE_COLUMNS)
    has_section = any("section" in row for _, row in line_rows[:1])
    plan.sections_by_rule = not (has_section or with_section)
    for line, row in line_rows:
        try:
            acc_no = places.place(
                row, has_section, ("category_number", "account_number", "description")
            )
            unit = units.get(row["units"].lower() or "allow")
            if unit is None:
                raise ValueError(
                    UNKNOWN_UNITS.format(value=row["units"], choices=", ".join(Units.labels))
                )
            own, exchange_rate = _line_currency(row, currency)
            values = LineValues(
                description=row["description"],
                amount_formula=row.get("amount_formula") or row["amount"] or "1",
                units=unit,
                x_formula=row.get("x_formula") or row["x"] or "1",
                rate_formula=row.get("rate_formula") or row["rate"] or "0",
                currency=own,
                exchange_rate=exchange_rate,
                fringe_ids=_codes(row["fringes"], codes),  # codes here; ids when written
            )
            try:
                editing.evaluate_line_formulas(values, plan.globals)
            except BudgetError as error:
                column = error.field.removesuffix("_formula")
                raise ValueError(f"{column}: {error.message}") from None
            plan.lines.append((acc_no, values))
        except ValueError as error:
            errors.append(RowError("lines", line, str(error)))
    if errors:
        raise ImportFailed(errors)
    return plan


@transaction.atomic
def write_budget(
    plan: BudgetImport, *, production, budget_name: str, version_name: str
) -> BudgetVersion:
    budget, _ = Budget.objects.get_or_create(production=production, name=budget_name)
    if BudgetVersion.objects.filter(budget=budget, name=version_name).exists():
        raise ImportFailed([RowError("lines", 1, editing.VERSION_NAME_TAKEN)])
    version = BudgetVersion.objects.create(
        production=production,
        budget=budget,
        name=version_name,
        currency=production.currency,
        origin="Import",
    )
    common = {"production": production, "budget_version": version}
    Global.objects.bulk_create(
        Global(name=n, value=editing.quantity(v), **plan.global_details.get(n, {}), **common)
        for n, v in plan.globals.items()
    )
    fringes = {
        f["code"]: Fringe.objects.create(
            code=f["code"],
            name=f["name"],
            kind=f["kind"],
            rate=editing.quantity(f["rate"]),
            cutoff=None if f["cutoff"] is None else round_money(f["cutoff"], production.currency),
            **common,
        )
        for f in plan.fringes
    }
    accounts = {}
    for position, (number, cat) in enumerate(plan.categories.items(), start=1):
        category = Category.objects.create(
            number=number, name=cat["name"], section=cat["section"], position=position, **common
        )
        for index, (acc_no, acc_name) in enumerate(cat["accounts"].items(), start=1):
            accounts[acc_no] = Account.objects.create(
                category=category, number=acc_no, name=acc_name, position=index, **common
            )
            defaults = plan.account_fringes.get(acc_no, ())
            if defaults:
                accounts[acc_no].fringes.set([fringes[code] for code in defaults])
    # Only the markups the files name: an import invents none.
    for position, markup in enumerate(plan.markups, start=1):
        version.markups.create(
            production=production,
            name=markup["name"],
            percent=editing.quantity(markup["percent"]),
            sections=markup["sections"],
            position=position,
        )
    lines, line_fringes = [], []
    for position, (acc_no, values) in enumerate(plan.lines, start=1):
        line = DetailLine(account=accounts[acc_no], position=position, **common)
        chosen = [fringes[code] for code in values.fringe_ids]
        editing.apply_line_values(
            line, values, editing.evaluate_line_formulas(values, plan.globals)
        )
        amounts = editing.compute_line(line, chosen)
        lines.append(line)
        line_fringes.append([(fringe, amounts[fringe.code]) for fringe in chosen])
    DetailLine.objects.bulk_create(lines, batch_size=500)
    LineFringe.objects.bulk_create(
        (
            LineFringe(detailline_id=line.id, fringe_id=fringe.id, amount=amount)
            for line, chosen in zip(lines, line_fringes, strict=True)
            for fringe, amount in chosen
        ),
        batch_size=1000,
    )
    refresh_totals(version)
    return version


def import_budget(
    *,
    production,
    budget_name,
    version_name,
    lines_file,
    fringes_file=None,
    globals_file=None,
    markups_file=None,
):
    """Validate everything, then write everything; returns (version, plan): `plan.counts` and
    `plan.summary()` say what was created."""
    plan = validate_budget(
        lines_file, fringes_file, globals_file, production.currency, markups_file=markups_file
    )
    version = write_budget(
        plan, production=production, budget_name=budget_name, version_name=version_name
    )
    return version, plan
