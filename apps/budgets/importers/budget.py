"""The budget import: lines, fringes, globals and markups, validated whole, then written."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from apps.budgets import engine
from apps.budgets.importers.common import (
    ACCOUNT_CLASH,
    CATEGORY_NAME_CLASH,
    DUPLICATE,
    EMPTY,
    FRINGE_COLUMNS,
    GLOBAL_COLUMNS,
    LINE_COLUMNS,
    MARKUP_COLUMNS,
    NO_SECTION,
    SECTION_CLASH,
    SECTION_RULE,
    UNKNOWN_FRINGE,
    UNKNOWN_KIND,
    UNKNOWN_SECTION,
    UNKNOWN_UNITS,
    ImportFailed,
    RowError,
    _decimal,
    read_table,
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
from apps.core.money import round_money

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


def _section(value: str) -> str:
    text = value.strip().upper().replace(" ", "_")
    aliases = {"ABOVE_THE_LINE": "ATL", "BELOW_THE_LINE": "PRODUCTION", "POST_PRODUCTION": "POST"}
    text = aliases.get(text, text)
    if text not in Section.values:
        raise ValueError(UNKNOWN_SECTION.format(value=value))
    return text


def _markups(markups_file) -> tuple[list[dict], list[RowError]]:
    found, errors, names = [], [], set()
    for line, row in read_table(markups_file, "markups", MARKUP_COLUMNS):
        try:
            name = row["name"] or row.get("code", "")
            if not name:
                raise ValueError(EMPTY.format(column="name"))
            if name.lower() in names:
                raise ValueError(DUPLICATE.format(what="Markup", value=name))
            percent = _decimal(row["percent"], "percent")
            applies = [
                part for part in row["applies_to"].replace(",", ";").split(";") if part.strip()
            ]
            if not applies or [a.strip().upper() for a in applies] == ["ALL"]:
                sections = list(Section.values)
            else:
                sections = [_section(part) for part in applies]
            names.add(name.lower())
            found.append({"name": name, "percent": percent, "sections": sections})
        except ValueError as error:
            errors.append(RowError("markups", line, str(error)))
    return found, errors


def validate_budget(
    lines_file, fringes_file=None, globals_file=None, currency="USD", markups_file=None
) -> BudgetImport:
    plan = BudgetImport()
    errors: list[RowError] = []
    if markups_file is not None:
        plan.markups, markup_errors = _markups(markups_file)
        errors += markup_errors
    if globals_file is not None:
        for line, row in read_table(globals_file, "globals", GLOBAL_COLUMNS):
            name = row["name"].upper()
            try:
                if not editing.GLOBAL_NAME_PATTERN.fullmatch(name):
                    raise ValueError(editing.GLOBAL_NAME_INVALID)
                if name in plan.globals:
                    raise ValueError(DUPLICATE.format(what="Global", value=name))
                plan.globals[name] = _decimal(row["value"], "value")
            except ValueError as error:
                errors.append(RowError("globals", line, str(error)))
    codes = set()
    if fringes_file is not None:
        for line, row in read_table(fringes_file, "fringes", FRINGE_COLUMNS):
            try:
                code = row["code"].upper()
                if not code:
                    raise ValueError(EMPTY.format(column="code"))
                if code in codes:
                    raise ValueError(DUPLICATE.format(what="Fringe", value=code))
                kind = row["kind"].lower()
                if kind not in ("percent", "flat"):
                    raise ValueError(UNKNOWN_KIND.format(value=row["kind"]))
                rate = _decimal(row["rate"], "rate")
                cutoff = _decimal(row["cutoff"], "cutoff") if row.get("cutoff") else None
                engine.Fringe(code, row["name"] or code, kind, rate, cutoff)
                codes.add(code)
                plan.fringes.append(
                    {
                        "code": code,
                        "name": row["name"] or code,
                        "kind": kind,
                        "rate": rate,
                        "cutoff": cutoff,
                    }
                )
            except ValueError as error:
                errors.append(RowError("fringes", line, str(error)))
    account_category: dict[str, str] = {}
    units = {u.value: u.value for u in Units} | {u.label.lower(): u.value for u in Units}
    line_rows = read_table(lines_file, "lines", LINE_COLUMNS)
    has_section = any("section" in row for _, row in line_rows[:1])
    plan.sections_by_rule = not has_section
    for line, row in line_rows:
        try:
            for column in ("category_number", "account_number", "description"):
                if not row[column]:
                    raise ValueError(EMPTY.format(column=column))
            cat_no, acc_no = row["category_number"], row["account_number"]
            section = _section(row["section"]) if has_section and row["section"] else None
            category = plan.categories.get(cat_no)
            if category is None:
                if has_section and section is None:
                    raise ValueError(NO_SECTION.format(number=cat_no))
                category = plan.categories[cat_no] = {
                    "name": row["category_name"] or cat_no,
                    "section": section or section_by_number(cat_no),
                    "accounts": {},
                }
            elif row["category_name"] and row["category_name"] != category["name"]:
                raise ValueError(CATEGORY_NAME_CLASH.format(number=cat_no, first=category["name"]))
            elif section and section != category["section"]:
                raise ValueError(SECTION_CLASH.format(number=cat_no, first=category["section"]))
            if account_category.setdefault(acc_no, cat_no) != cat_no:
                raise ValueError(
                    ACCOUNT_CLASH.format(number=acc_no, first=account_category[acc_no])
                )
            category["accounts"].setdefault(acc_no, row["account_name"] or acc_no)
            unit = units.get(row["units"].lower() or "allow")
            if unit is None:
                raise ValueError(
                    UNKNOWN_UNITS.format(value=row["units"], choices=", ".join(Units.labels))
                )
            fringe_codes = tuple(c.strip().upper() for c in row["fringes"].split(";") if c.strip())
            for code in fringe_codes:
                if code not in codes:
                    raise ValueError(UNKNOWN_FRINGE.format(code=code))
            values = LineValues(
                description=row["description"],
                amount_formula=row["amount"] or "1",
                units=unit,
                x_formula=row["x"] or "1",
                rate_formula=row["rate"] or "0",
                currency=currency,
                exchange_rate=Decimal(1),
                fringe_ids=fringe_codes,  # codes here; turned into ids when written
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
        Global(name=n, value=editing.quantity(v), **common) for n, v in plan.globals.items()
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
