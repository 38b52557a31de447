"""The tables of a budget import, wherever they come from, and the settings tables parsed.

A budget comes as a lines file with, optionally, a file each for fringes, globals and markups; or
as the app's own detail export whole: the budget workbook (XLSX, a sheet per table) or the ZIP of
its CSV files (lines.csv, accounts.csv, globals.csv, fringes.csv, markups.csv). A table given both
inside the workbook and as a file of its own is refused rather than one silently chosen.
"""

from __future__ import annotations

from decimal import Decimal

from apps.budgets import engine
from apps.budgets.importers.common import (
    DUPLICATE,
    EMPTY,
    FRINGE_COLUMNS,
    GLOBAL_COLUMNS,
    MARKUP_COLUMNS,
    UNKNOWN_KIND,
    UNKNOWN_SECTION,
    ImportFailed,
    RowError,
    _decimal,
    read_upload,
    table_rows,
)
from apps.budgets.models import Section
from apps.budgets.services import editing
from apps.core.tables import TableRefused, read_rows, upload_tables

TABLES = ("lines", "accounts", "globals", "fringes", "markups")
GIVEN_TWICE = (
    "The {table} are in the lines file's workbook and in a file of their own: give them once."
)
GLOBAL_CYCLE = "{name} cannot be worked out: its formula reads itself through {names}."


def budget_tables(lines_file, files: dict[str, object]) -> dict[str, list[list[str]]]:
    """Raw rows of each table by name ("lines", "globals", ...), from the lines file (one table,
    or the whole detail export) and the files of their own (`files`: table name -> upload)."""
    found = upload_tables(lines_file, "lines", TABLES)
    errors = []
    for name, upload in files.items():
        if upload is None:
            continue
        if name in found:
            errors.append(RowError(name, 1, GIVEN_TWICE.format(table=name)))
            continue
        try:
            found[name] = read_rows(*read_upload(upload))
        except TableRefused as refused:
            errors.append(RowError(name, 1, str(refused)))
    if errors:
        raise ImportFailed(errors)
    return found


def section_code(value: str) -> str:
    text = value.strip().upper().replace(" ", "_")
    aliases = {"ABOVE_THE_LINE": "ATL", "BELOW_THE_LINE": "PRODUCTION", "POST_PRODUCTION": "POST"}
    text = aliases.get(text, text)
    if text not in Section.values:
        raise ValueError(UNKNOWN_SECTION.format(value=value))
    return text


def parse_markups(raw) -> tuple[list[dict], list[RowError]]:
    found, errors, names = [], [], set()
    for line, row in table_rows(raw, "markups", MARKUP_COLUMNS):
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
                sections = [section_code(part) for part in applies]
            names.add(name.lower())
            found.append({"name": name, "percent": percent, "sections": sections})
        except ValueError as error:
            errors.append(RowError("markups", line, str(error)))
    return found, errors


def parse_fringes(raw) -> tuple[list[dict], list[RowError]]:
    found, errors, codes = [], [], set()
    for line, row in table_rows(raw, "fringes", FRINGE_COLUMNS):
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
            found.append(
                {"code": code, "name": row["name"] or code, "kind": kind, "rate": rate}
                | {"cutoff": cutoff}
            )
        except ValueError as error:
            errors.append(RowError("fringes", line, str(error)))
    return found, errors


def parse_globals(raw) -> tuple[dict[str, Decimal], dict[str, dict], list[RowError]]:
    """Each global's value, and its formula and description. A global with a formula (the
    ``formula`` column) is worked out from the others, in whatever order the rows come; its
    ``value`` column, if any, is what it was when exported and is not read."""
    values: dict[str, Decimal] = {}
    details: dict[str, dict] = {}
    pending: dict[str, tuple[int, str]] = {}
    errors: list[RowError] = []
    for line, row in table_rows(raw, "globals", GLOBAL_COLUMNS):
        name = row["name"].upper()
        try:
            if not editing.GLOBAL_NAME_PATTERN.fullmatch(name):
                raise ValueError(editing.GLOBAL_NAME_INVALID)
            if name in details:
                raise ValueError(DUPLICATE.format(what="Global", value=name))
            formula = row.get("formula", "")
            if formula:
                engine.names_used(formula)  # a formula that cannot be read is this row's error
                pending[name] = (line, formula)
            else:
                values[name] = editing.quantity(_decimal(row["value"], "value"))
            details[name] = {"formula": formula, "description": row.get("description", "")}
        except ValueError as error:
            errors.append(RowError("globals", line, str(error)))
    errors += _work_out(values, pending)
    return values, details, errors


def _work_out(values: dict[str, Decimal], pending: dict[str, tuple[int, str]]) -> list[RowError]:
    """Evaluate the formula globals once what they read is known; what is left reads an unknown
    global or itself."""
    errors = []
    while pending:
        ready = [
            name
            for name, (_, formula) in pending.items()
            if engine.names_used(formula) <= values.keys()
        ]
        if not ready:
            break
        for name in ready:
            line, formula = pending.pop(name)
            try:
                values[name] = editing.quantity(engine.evaluate(formula, values))
            except engine.FormulaError as error:
                errors.append(RowError("globals", line, f"formula: {error}"))
                values[name] = Decimal(0)  # so the globals that read it are not reported too
    for name, (line, formula) in pending.items():
        unknown = sorted(engine.names_used(formula) - values.keys() - pending.keys())
        reason = (
            f"formula: Unknown global {unknown[0]!r}"
            if unknown
            else GLOBAL_CYCLE.format(name=name, names=", ".join(sorted(pending)))
        )
        errors.append(RowError("globals", line, reason))
    return errors
