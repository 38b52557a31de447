"""Reading a CSV or XLSX table, and the row-by-row report an import fails with."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from apps.core.tables import (  # noqa: F401 - the import's API, shared by every app's imports
    MISSING_COLUMNS,
    NO_ROWS,
    ImportFailed,
    RowError,
    TableRefused,
    read_rows,
    read_upload,
    table_rows,
)

# Where a line or an account goes: its category and account, by number and name.
PLACE_COLUMNS = ["category_number", "category_name", "account_number", "account_name"]
LINE_COLUMNS = [
    *PLACE_COLUMNS,
    "description",
    "amount",
    "units",
    "x",
    "rate",
    "fringes",
]
FRINGE_COLUMNS = ["code", "name", "kind", "rate", "cutoff"]
MARKUP_COLUMNS = ["name", "percent", "applies_to"]  # and an optional "code"
GLOBAL_COLUMNS = ["name", "value"]
ACTUAL_COLUMNS = ["date", "account_number", "payee", "description", "amount", "reference"]

NOT_A_NUMBER = "{column} {value!r} is not a number."
UNKNOWN_UNITS = "Units {value!r} is not one of {choices}."
UNKNOWN_FRINGE = "Fringe {code!r} is not defined."
UNKNOWN_KIND = "Kind must be percent or flat, not {value!r}."
DUPLICATE = "{what} {value!r} appears twice."
CATEGORY_NAME_CLASH = "Category {number} is named {first!r} on an earlier row."
ACCOUNT_CLASH = "Account {number} belongs to category {first} on an earlier row."
EMPTY = "{column} is empty."
BAD_DATE = "Date {value!r} is not a date (YYYY-MM-DD)."
UNKNOWN_SECTION = "Section {value!r} is not one of ATL, PRODUCTION, POST, OTHER."
SECTION_CLASH = "Category {number} is in section {first} on an earlier row."
NO_SECTION = "Category {number} has no section (the file has a section column)."
SECTION_RULE = (
    "The lines file has no section column: categories were placed by number, as on the feature "
    "chart (below 2000 above the line, 2000-3999 production, 4000-4999 post, 5000 and up other)."
)


def read_table(upload, name: str, required: list[str]) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) for each non-empty row of a CSV or XLSX file; column names are
    matched case-insensitively."""
    data, filename = read_upload(upload)
    try:
        raw = read_rows(data, filename)
    except TableRefused as refused:
        raise ImportFailed([RowError(name, 1, str(refused))]) from None
    return table_rows(raw, name, required)


def _decimal(value: str, column: str) -> Decimal:
    try:
        result = Decimal(value.replace(",", ""))
    except InvalidOperation:
        raise ValueError(NOT_A_NUMBER.format(column=column, value=value)) from None
    if not result.is_finite():
        raise ValueError(NOT_A_NUMBER.format(column=column, value=value))
    return result
