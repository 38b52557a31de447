"""Budget and actuals imports: parse and validate every row first, then write all or nothing.

A failed import raises ImportFailed with one (file, line number, reason) per bad row; the line
number is the spreadsheet's (the header is line 1).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction

from apps.budgets import engine
from apps.budgets.models import (
    Account,
    Budget,
    BudgetVersion,
    Category,
    DetailLine,
    Fringe,
    Global,
    Section,
    Units,
)
from apps.budgets.services import editing, ledger
from apps.budgets.services.editing import BudgetError, LineValues
from apps.core.money import round_money

LINE_COLUMNS = [
    "category_number",
    "category_name",
    "account_number",
    "account_name",
    "description",
    "amount",
    "units",
    "x",
    "rate",
    "fringes",
]
FRINGE_COLUMNS = ["code", "name", "kind", "rate", "cutoff"]
GLOBAL_COLUMNS = ["name", "value"]
ACTUAL_COLUMNS = ["date", "account_number", "payee", "description", "amount", "reference"]

MISSING_COLUMNS = "The file lacks the column(s): {columns}."
UNREADABLE = "The file could not be read as {kind}: {error}"
NOT_A_NUMBER = "{column} {value!r} is not a number."
UNKNOWN_UNITS = "Units {value!r} is not one of {choices}."
UNKNOWN_FRINGE = "Fringe {code!r} is not defined."
UNKNOWN_KIND = "Kind must be percent or flat, not {value!r}."
DUPLICATE = "{what} {value!r} appears twice."
CATEGORY_NAME_CLASH = "Category {number} is named {first!r} on an earlier row."
ACCOUNT_CLASH = "Account {number} belongs to category {first} on an earlier row."
EMPTY = "{column} is empty."
BAD_DATE = "Date {value!r} is not a date (YYYY-MM-DD)."
NO_ROWS = "The file has no rows."


@dataclass(frozen=True)
class RowError:
    file: str
    line: int
    reason: str


class ImportFailed(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__(f"{len(errors)} problem(s)")


def read_table(upload, name: str, required: list[str]) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) for each non-empty row of a CSV or XLSX file; column names are
    matched case-insensitively."""
    filename = getattr(upload, "name", str(upload)).lower()
    data = upload.read() if hasattr(upload, "read") else Path(upload).read_bytes()
    if filename.endswith(".xlsx"):
        try:
            from openpyxl import load_workbook

            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
            raw = [
                ["" if v is None else str(v) for v in row]
                for row in sheet.iter_rows(values_only=True)
            ]
        except Exception as error:  # noqa: BLE001 - any unreadable workbook is the user's problem
            raise ImportFailed(
                [RowError(name, 1, UNREADABLE.format(kind="XLSX", error=error))]
            ) from None
    else:
        try:
            raw = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        except (UnicodeDecodeError, csv.Error) as error:
            raise ImportFailed(
                [RowError(name, 1, UNREADABLE.format(kind="CSV", error=error))]
            ) from None
    if not raw:
        raise ImportFailed([RowError(name, 1, NO_ROWS)])
    header = [h.strip().lower() for h in raw[0]]
    missing = [c for c in required if c not in header]
    if missing:
        raise ImportFailed([RowError(name, 1, MISSING_COLUMNS.format(columns=", ".join(missing)))])
    rows = []
    for number, values in enumerate(raw[1:], start=2):
        if not any(v.strip() for v in values):
            continue
        rows.append(
            (
                number,
                {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(header)},
            )
        )
    return rows


def _decimal(value: str, column: str) -> Decimal:
    try:
        result = Decimal(value.replace(",", ""))
    except InvalidOperation:
        raise ValueError(NOT_A_NUMBER.format(column=column, value=value)) from None
    if not result.is_finite():
        raise ValueError(NOT_A_NUMBER.format(column=column, value=value))
    return result


@dataclass
class BudgetImport:
    """A validated import, ready to write."""

    globals: dict[str, Decimal] = field(default_factory=dict)
    fringes: list[dict] = field(default_factory=list)
    categories: dict[str, dict] = field(default_factory=dict)
    lines: list[tuple[str, LineValues]] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        accounts = sum(len(c["accounts"]) for c in self.categories.values())
        return {
            "categories": len(self.categories),
            "accounts": accounts,
            "lines": len(self.lines),
            "fringes": len(self.fringes),
            "globals": len(self.globals),
        }


def _section_for(number: str) -> str:
    for summary in engine.list_templates():
        for category in engine.load_template(summary["key"])["categories"]:
            if category["number"] == number:
                return category["section"]
    return Section.PRODUCTION


def validate_budget(
    lines_file, fringes_file=None, globals_file=None, currency="USD"
) -> BudgetImport:
    plan = BudgetImport()
    errors: list[RowError] = []
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
    for line, row in read_table(lines_file, "lines", LINE_COLUMNS):
        try:
            for column in ("category_number", "account_number", "description"):
                if not row[column]:
                    raise ValueError(EMPTY.format(column=column))
            cat_no, acc_no = row["category_number"], row["account_number"]
            category = plan.categories.get(cat_no)
            if category is None:
                category = plan.categories[cat_no] = {
                    "name": row["category_name"] or cat_no,
                    "section": row.get("section", "").upper() or _section_for(cat_no),
                    "accounts": {},
                }
            elif row["category_name"] and row["category_name"] != category["name"]:
                raise ValueError(CATEGORY_NAME_CLASH.format(number=cat_no, first=category["name"]))
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
    for position, (name, percent, sections) in enumerate(editing.DEFAULT_MARKUPS, start=1):
        version.markups.create(
            production=production,
            name=name,
            percent=percent,
            sections=sections,
            position=position,
        )
    lines, line_fringes = [], []
    for position, (acc_no, values) in enumerate(plan.lines, start=1):
        line = DetailLine(account=accounts[acc_no], position=position, **common)
        chosen = [fringes[code] for code in values.fringe_ids]
        editing.apply_line_values(
            line, values, editing.evaluate_line_formulas(values, plan.globals)
        )
        editing.compute_line(line, chosen)
        lines.append(line)
        line_fringes.append(chosen)
    DetailLine.objects.bulk_create(lines, batch_size=500)
    DetailLine.fringes.through.objects.bulk_create(
        (
            DetailLine.fringes.through(detailline_id=line.id, fringe_id=fringe.id)
            for line, chosen in zip(lines, line_fringes, strict=True)
            for fringe in chosen
        ),
        batch_size=1000,
    )
    return version


def import_budget(
    *, production, budget_name, version_name, lines_file, fringes_file=None, globals_file=None
):
    """Validate everything, then write everything; returns (version, counts)."""
    plan = validate_budget(lines_file, fringes_file, globals_file, production.currency)
    version = write_budget(
        plan, production=production, budget_name=budget_name, version_name=version_name
    )
    return version, plan.counts


def _date(value: str) -> date:
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise ValueError(BAD_DATE.format(value=value)) from None


def import_actuals(*, production, upload) -> int:
    """Post every row of an actuals CSV, or none of them."""
    rows = read_table(upload, "actuals", ACTUAL_COLUMNS)
    parsed, errors = [], []
    for line, row in rows:
        try:
            for column in ("account_number", "payee", "amount"):
                if not row[column]:
                    raise ValueError(EMPTY.format(column=column))
            ledger.account_for(production, row["account_number"])
            parsed.append(
                {
                    "date": _date(row["date"]),
                    "account_number": row["account_number"],
                    "payee": row["payee"],
                    "description": row["description"],
                    "amount": _decimal(row["amount"], "amount"),
                    "reference": row.get("reference", ""),
                }
            )
        except BudgetError as error:
            errors.append(RowError("actuals", line, error.message))
        except ValueError as error:
            errors.append(RowError("actuals", line, str(error)))
    if errors:
        raise ImportFailed(errors)
    with transaction.atomic():
        for values in parsed:
            ledger.actual_post(production=production, **values)
    return len(parsed)
